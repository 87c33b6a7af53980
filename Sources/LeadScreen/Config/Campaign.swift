import Foundation

/// Where a campaign buys: a ZIP or area code is in the area when any given part
/// matches (see docs/reasons.md, "Service area").
public struct ServiceArea: Sendable, Equatable {
  /// Upper-cased two-letter codes: the 50 states, DC, PR, VI, GU, AS, MP.
  public var states: Set<String>
  /// ZIP prefixes or whole ZIPs, 1–5 digits each.
  public var zipPrefixes: [String]
  /// Three-digit NANP area codes, 200–999.
  public var areaCodes: Set<Int>
  /// A circle around a ZIP.
  public var radius: Radius?

  /// Everything within `miles` (great-circle) of `centerZip`'s coordinates.
  public struct Radius: Sendable, Equatable {
    /// Five digits.
    public var centerZip: String
    /// Greater than zero.
    public var miles: Double

    public init(centerZip: String, miles: Double) {
      self.centerZip = centerZip
      self.miles = miles
    }
  }

  public init(
    states: Set<String> = [], zipPrefixes: [String] = [], areaCodes: Set<Int> = [],
    radius: Radius? = nil
  ) {
    self.states = states
    self.zipPrefixes = zipPrefixes
    self.areaCodes = areaCodes
    self.radius = radius
  }
}

/// One campaign of the campaigns file: who pays, how much, for what, where.
public struct Campaign: Sendable {
  /// The campaign id records name in `campaign`.
  public var id: String
  /// Who pays; defaults to the id.
  public var advertiser: String
  /// ISO 4217 code, three upper-case letters; default `USD`.
  public var currency: String
  /// nil: the campaign does not pay for leads (accepted leads price 0).
  public var pricePerLead: Decimal?
  /// nil: the campaign does not pay for calls.
  public var pricePerCall: Decimal?
  /// nil: the campaign does not pay for clicks.
  public var pricePerClick: Decimal?
  /// nil: everywhere.
  public var serviceArea: ServiceArea?
  /// Lead fields that must be present and not blank.
  public var requiredFields: [String]
  /// Calls shorter than this are `short_call`; default 0.
  public var minCallSeconds: Double
  /// How far back `duplicate` looks; default 30.
  public var duplicateWindowDays: Int
  /// The campaign's own `model_score` threshold in 0...1, if any.
  public var modelThreshold: Double?
  /// IANA time zone name for local hours (not validated).
  public var timeZone: String?
  /// The line where the campaign is defined, for messages.
  public var line: Int

  /// The fields a lead must carry when the campaign does not say.
  public static let defaultRequiredFields = ["first_name", "last_name", "email", "phone", "zip"]

  public init(
    id: String, advertiser: String? = nil, currency: String = "USD",
    pricePerLead: Decimal? = nil, pricePerCall: Decimal? = nil, pricePerClick: Decimal? = nil,
    serviceArea: ServiceArea? = nil, requiredFields: [String] = Campaign.defaultRequiredFields,
    minCallSeconds: Double = 0, duplicateWindowDays: Int = 30, modelThreshold: Double? = nil,
    timeZone: String? = nil, line: Int = 0
  ) {
    self.id = id
    self.advertiser = advertiser ?? id
    self.currency = currency
    self.pricePerLead = pricePerLead
    self.pricePerCall = pricePerCall
    self.pricePerClick = pricePerClick
    self.serviceArea = serviceArea
    self.requiredFields = requiredFields
    self.minCallSeconds = minCallSeconds
    self.duplicateWindowDays = duplicateWindowDays
    self.modelThreshold = modelThreshold
    self.timeZone = timeZone
    self.line = line
  }
}

/// A campaign held by reference, with its compiled service area: what the evaluator
/// looks up per record (a ``Campaign`` copied out of a dictionary retains each of its
/// strings and lists).
public final class CampaignBox: Sendable {
  public let campaign: Campaign
  /// The campaign's service area, compiled (nil: everywhere).
  let area: AreaMatcher?

  init(_ campaign: Campaign, area: AreaMatcher?) {
    self.campaign = campaign
    self.area = area
  }
}
