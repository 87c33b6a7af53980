/// The rates of every kind of traffic problem, settable by name (`--rate name=value`).
///
/// Click rates are shares of all clicks; lead rates are shares of the leads of
/// ordinary sessions; call rates are shares of calls. `fraudScale` multiplies every
/// problem rate (0 gives clean traffic).
public struct GeneratorMix: Sendable, Equatable {
  /// Rate names and their default values, in documentation order.
  public static let defaults: [(name: String, value: Double, help: String)] = [
    ("lead_conversion", 0.035, "clicks that become a lead (mean over sources)"),
    ("call_conversion", 0.02, "clicks that become a call"),
    ("ipv6", 0.15, "human traffic over IPv6"),
    ("lead_without_click", 0.10, "leads with no click_id"),
    ("call_with_click", 0.60, "calls that carry a click_id"),
    ("bot", 0.03, "clicks from bots (crawlers, HTTP libraries, headless, empty UA)"),
    ("form_bot", 0.06, "bot clicks that also submit a form"),
    ("datacenter", 0.02, "clicks from data-center IPs with browser UAs"),
    ("burst_ip", 0.012, "clicks in click-farm bursts from one IP"),
    ("burst_subnet", 0.01, "clicks in click-farm bursts from one /24 or /64"),
    ("unknown_campaign", 0.003, "clicks naming a campaign not in the campaigns file"),
    ("incomplete_form", 0.03, "leads missing a required field"),
    ("invalid_email", 0.02, "leads with an impossible email"),
    ("invalid_phone", 0.02, "leads with an impossible phone"),
    ("fake_name", 0.012, "leads with a test or keyboard-mash name"),
    ("disposable_email", 0.015, "leads with a throwaway mailbox"),
    ("out_of_area", 0.03, "leads from a ZIP outside the service area"),
    ("fast_submit", 0.015, "leads submitted under 5 s after the click"),
    ("duplicate", 0.04, "leads re-submitting an earlier lead's phone or email"),
    ("soft_ring", 0.03, "leads from the soft-fraud ring (no rule fires)"),
    ("short_call", 0.2, "calls shorter than the campaign's minimum"),
    ("out_of_area_call", 0.04, "calls from an area code outside the service area"),
    ("repeat_caller", 0.05, "calls repeating an earlier caller or lead phone"),
    ("invalid_caller", 0.01, "calls with an impossible or missing caller number"),
  ]

  /// Rates that are not problems and so are not scaled by `fraudScale`.
  static let unscaled: Set<String> = [
    "lead_conversion", "call_conversion", "ipv6", "lead_without_click", "call_with_click",
    "form_bot",
  ]

  private var names: [String]
  private var values: [Double]
  /// Multiplies every problem rate.
  public var fraudScale = 1.0

  /// The default mix.
  public init() {
    names = Self.defaults.map(\.name)
    values = Self.defaults.map(\.value)
  }

  /// Sets a rate by name; throws for unknown names or values outside [0, 1].
  public mutating func set(_ name: String, _ value: Double) throws(GeneratorError) {
    guard let index = names.firstIndex(of: name) else {
      throw .badOption("unknown rate `\(name)`; known: \(names.joined(separator: ", "))")
    }
    guard value >= 0, value <= 1 else {
      throw .badOption("rate `\(name)` must be between 0 and 1, got \(value)")
    }
    values[index] = value
  }

  /// Parses `name=value` and sets it.
  public mutating func set(assignment: String) throws(GeneratorError) {
    let parts = assignment.split(separator: "=", maxSplits: 1)
    guard parts.count == 2, let value = Double(parts[1]) else {
      throw .badOption("--rate wants NAME=VALUE, got `\(assignment)`")
    }
    try set(String(parts[0]), value)
  }

  /// The effective value of a rate (problem rates times `fraudScale`, at most 1).
  public subscript(name: String) -> Double {
    guard let index = names.firstIndex(of: name) else { return 0 }
    return Self.unscaled.contains(name) ? values[index] : min(1, values[index] * fraudScale)
  }
}
