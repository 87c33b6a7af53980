import Foundation
import Yams

extension ConfigReader {
  /// The keys a campaign may have.
  static let campaignKeys = [
    "advertiser", "currency", "price_per_lead", "price_per_call", "price_per_click", "service_area",
    "required_fields", "min_call_seconds", "duplicate_window_days", "model_threshold", "time_zone",
  ]

  /// One campaign from its id key and its settings mapping.
  func campaign(idNode: Node, settings: Node) throws(ConfigError) -> Campaign {
    guard case .scalar(let idScalar) = idNode, !idScalar.string.isEmpty, !Self.isNull(idNode),
      idScalar.string.allSatisfy({ !$0.isWhitespace })
    else {
      throw error(
        at: idNode, "a campaign id must be a non-empty name without spaces, like hvac-austin")
    }
    let id = idScalar.string
    let place = " in campaign \(id)"
    let entries = try entries(
      mapping(settings, "campaign \(id)"), allowed: Self.campaignKeys, place: "in campaign \(id)")
    var campaign = Campaign(id: id, line: idNode.mark?.line ?? 0)
    // The currency first: prices are checked against its minor units.
    if let entry = entries.first(where: { $0.key == "currency" }) {
      campaign.currency = try currency(entry.value, place: place)
    }
    for entry in entries {
      let value = entry.value
      switch entry.key {
      case "advertiser":
        campaign.advertiser = try text(value, "advertiser must be a name\(place)")
      case "price_per_lead":
        campaign.pricePerLead = try price(
          value, entry.key, currency: campaign.currency, place: place)
      case "price_per_call":
        campaign.pricePerCall = try price(
          value, entry.key, currency: campaign.currency, place: place)
      case "price_per_click":
        campaign.pricePerClick = try price(
          value, entry.key, currency: campaign.currency, place: place)
      case "service_area":
        campaign.serviceArea = try serviceArea(value, place: place)
      case "required_fields":
        campaign.requiredFields = try fieldNames(value, place: place)
      case "min_call_seconds":
        campaign.minCallSeconds = try number(
          value, entry.key, in: 0...Double.greatestFiniteMagnitude, place: place)
      case "duplicate_window_days":
        campaign.duplicateWindowDays = try integer(value, entry.key, in: 0...36_500, place: place)
      case "model_threshold":
        campaign.modelThreshold = try number(value, entry.key, in: 0...1, place: place)
      case "time_zone":
        campaign.timeZone = try text(value, "time_zone must be a name like America/Chicago\(place)")
      default:
        break
      }
    }
    return campaign
  }

  /// An ISO 4217 code: three letters, upper-cased.
  func currency(_ node: Node, place: String) throws(ConfigError) -> String {
    let expected = "currency must be a three-letter ISO 4217 code like USD\(place)"
    let code = try text(node, expected)
    guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
      throw error(at: node, "\(expected) (found `\(code)`)")
    }
    return code.uppercased()
  }

  /// A price read from the scalar's text, never through binary floating point:
  /// `75.00` is exactly 75.00. Null means the campaign does not pay for this.
  func price(
    _ node: Node, _ name: String, currency: String, place: String
  ) throws(ConfigError) -> Decimal? {
    if Self.isNull(node) { return nil }
    let expected = "\(name) must be a decimal number like 75.00\(place)"
    let raw = try text(node, expected)
    let unsigned = raw.hasPrefix("-") ? raw.dropFirst() : Substring(raw)
    let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let isDigits = { (part: Substring) in
      !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber }
    }
    guard parts.allSatisfy(isDigits), unsigned.count <= 30 else {
      throw error(at: node, "\(expected) (found `\(raw)`)")
    }
    guard !raw.hasPrefix("-") else {
      throw error(at: node, "\(name) must not be negative\(place) (found \(raw))")
    }
    let fraction = parts.count == 2 ? parts[1].reversed().drop { $0 == "0" }.count : 0
    let digits = CampaignBook.minorUnits(of: currency)
    guard fraction <= digits else {
      throw error(
        at: node,
        "\(name) \(raw) has more decimal places than \(currency) allows (\(digits))\(place)")
    }
    guard let value = Decimal(string: String(unsigned), locale: Locale(identifier: "en_US_POSIX"))
    else {
      throw error(at: node, "\(expected) (found `\(raw)`)")
    }
    return value
  }

  /// `required_fields`: a list of snake_case field names.
  func fieldNames(_ node: Node, place: String) throws(ConfigError) -> [String] {
    var names: [String] = []
    for item in try sequence(node, "required_fields\(place)") {
      let expected = "a required field must be a snake_case field name like first_name\(place)"
      let name = try text(item, expected)
      guard let first = name.first, first == "_" || first.isLowercase,
        name.allSatisfy({ $0.isASCII && ($0 == "_" || $0.isLowercase || $0.isNumber) })
      else {
        throw error(at: item, "\(expected) (found `\(name)`)")
      }
      if !names.contains(name) { names.append(name) }
    }
    return names
  }
}
