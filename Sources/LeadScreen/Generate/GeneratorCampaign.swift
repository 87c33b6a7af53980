/// A campaign the generator writes traffic for, and writes into the campaigns file.
struct GeneratorCampaign: Sendable {
  var id: String
  var advertiser: String
  var timeZone: GeneratorTimeZone
  /// Prices as decimal text (money is never a binary float).
  var pricePerLead: String?
  var pricePerCall: String?
  var pricePerClick: String?
  var states: [String] = []
  var zipPrefixes: [String] = []
  var areaCodes: [Int] = []
  var radius: (centerZip: String, miles: Double)?
  var minCallSeconds: Int = 0
  var duplicateWindowDays: Int = 30
  /// Share of all traffic.
  var share: Double
  var keywords: [String]
  var landing: String

  /// Whether the campaign buys calls (the generator only makes calls for these).
  var takesCalls: Bool { pricePerCall != nil }

  /// The campaigns of a generated stream.
  static let standard: [GeneratorCampaign] = [
    GeneratorCampaign(
      id: "hvac-austin", advertiser: "Cool Air Co", timeZone: .chicago,
      pricePerLead: "75.00", pricePerCall: "40.00", areaCodes: [512, 737],
      radius: ("78701", 45), minCallSeconds: 120, share: 0.27,
      keywords: ["ac repair austin", "hvac near me", "furnace repair", "air conditioner install"],
      landing: "https://coolairco.example/quote"),
    GeneratorCampaign(
      id: "auto-insurance-tx", advertiser: "Lone Star Auto Insurance", timeZone: .chicago,
      pricePerLead: "22.50", pricePerCall: "18.00", states: ["TX"], minCallSeconds: 90,
      share: 0.35,
      keywords: ["cheap car insurance", "auto insurance quote texas", "sr22 insurance"],
      landing: "https://lonestarauto.example/quote"),
    GeneratorCampaign(
      id: "legal-injury-ca", advertiser: "Pacific Injury Law", timeZone: .losAngeles,
      pricePerLead: "350.00", pricePerCall: "180.00", states: ["CA"], minCallSeconds: 120,
      duplicateWindowDays: 60, share: 0.23,
      keywords: ["car accident lawyer", "personal injury attorney", "truck accident lawyer"],
      landing: "https://pacificinjury.example/case-review"),
    GeneratorCampaign(
      id: "roofing-denver", advertiser: "Front Range Roofing", timeZone: .denver,
      pricePerLead: "60.00", pricePerClick: "0.85", zipPrefixes: ["800", "801", "802"],
      radius: ("80202", 30), share: 0.15,
      keywords: ["roof repair denver", "hail damage roof", "roofing contractor"],
      landing: "https://frontrangeroofing.example/estimate"),
  ]

  /// Campaign ids that appear in the stream but not in the campaigns file.
  static let unknownIDs = ["solar-phoenix", "hvac-austin-2025"]

  /// The campaigns file for `campaigns`, in the contract's YAML shape.
  static func yaml(_ campaigns: [GeneratorCampaign], seed: UInt64) -> String {
    var out = "# Written by `leadscreen generate --seed \(seed)`.\ncampaigns:\n"
    for c in campaigns {
      out += "  \(c.id):\n"
      out += "    advertiser: \"\(c.advertiser)\"\n"
      out += "    currency: USD\n"
      if let p = c.pricePerLead { out += "    price_per_lead: \(p)\n" }
      if let p = c.pricePerCall { out += "    price_per_call: \(p)\n" }
      if let p = c.pricePerClick { out += "    price_per_click: \(p)\n" }
      out += "    service_area:\n"
      if !c.states.isEmpty { out += "      states: [\(c.states.joined(separator: ", "))]\n" }
      if !c.zipPrefixes.isEmpty {
        out += "      zips: [\(c.zipPrefixes.map { "\"\($0)\"" }.joined(separator: ", "))]\n"
      }
      if !c.areaCodes.isEmpty {
        out += "      area_codes: [\(c.areaCodes.map { "\"\($0)\"" }.joined(separator: ", "))]\n"
      }
      if let r = c.radius {
        out += "      radius: {center_zip: \"\(r.centerZip)\", miles: \(Int(r.miles))}\n"
      }
      out += "    required_fields: [first_name, last_name, email, phone, zip]\n"
      if c.minCallSeconds > 0 { out += "    min_call_seconds: \(c.minCallSeconds)\n" }
      out += "    duplicate_window_days: \(c.duplicateWindowDays)\n"
    }
    return out
  }
}
