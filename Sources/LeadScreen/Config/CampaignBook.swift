import Foundation

/// Every campaign of a campaigns file, by id.
public struct CampaignBook: Sendable {
  public var campaigns: [String: Campaign]
  /// The file they came from, for messages.
  public var file: String

  public init(campaigns: [Campaign], file: String = "<memory>") {
    self.campaigns = Dictionary(
      campaigns.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    self.file = file
  }

  /// The campaign with this id, if the file defines it.
  public subscript(id: String) -> Campaign? {
    campaigns[id]
  }

  /// Reads and validates the campaigns file at `path`.
  public static func load(path: String) throws(ConfigError) -> CampaignBook {
    try parse(yaml: ConfigReader.readText(path: path), file: path)
  }

  /// Validates campaigns YAML; `file` names it in errors.
  public static func parse(yaml: String, file: String) throws(ConfigError) -> CampaignBook {
    var reader = ConfigReader(file: file)
    let idColumn = idColumn(in: yaml)
    reader.keyNoun = { $0.column == idColumn ? "campaign id" : "key" }
    guard let root = try reader.compose(yaml), !ConfigReader.isNull(root) else {
      throw ConfigError(
        file: file, line: 1, column: 1,
        message: "the campaigns file is empty (expected a `campaigns:` mapping)")
    }
    let top = try reader.mapping(root, "the campaigns file")
    let entries = try reader.entries(top, allowed: ["campaigns"], place: "at the top level")
    guard let entry = entries.first else {
      throw reader.error(at: root, "missing `campaigns:` (the mapping of campaign id to settings)")
    }
    guard !ConfigReader.isNull(entry.value) else {
      throw reader.error(
        at: entry.keyNode, "`campaigns:` is empty (expected campaign ids under it)")
    }
    let mapping = try reader.mapping(entry.value, "`campaigns`")
    var campaigns: [String: Campaign] = [:]
    for (idNode, settings) in mapping {
      let campaign = try reader.campaign(idNode: idNode, settings: settings)
      if let earlier = campaigns[campaign.id] {
        throw reader.error(
          at: idNode, "duplicate campaign id `\(campaign.id)` (first at line \(earlier.line))")
      }
      campaigns[campaign.id] = campaign
    }
    return CampaignBook(campaigns: campaigns, file: file)
  }

  /// The column of the campaign ids under a block `campaigns:` key, if any.
  static func idColumn(in yaml: String) -> Int? {
    var inCampaigns = false
    for rawLine in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
      let body = rawLine.drop { $0 == " " }
      if body.isEmpty || body.hasPrefix("#") || body == "\r" { continue }
      if inCampaigns { return rawLine.count - body.count + 1 }
      inCampaigns = rawLine.hasPrefix("campaigns:")
    }
    return nil
  }

  init(campaigns: [String: Campaign], file: String) {
    self.campaigns = campaigns
    self.file = file
  }

  /// Minor-unit digits of a currency (USD 2, JPY 0, KWD 3, ...; default 2).
  public static func minorUnits(of currency: String) -> Int {
    switch currency.uppercased() {
    case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
      "VUV", "XAF", "XOF", "XPF":
      0
    case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
      3
    case "CLF", "UYW":
      4
    default:
      2
    }
  }
}
