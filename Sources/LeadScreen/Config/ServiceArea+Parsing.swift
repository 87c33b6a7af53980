import Yams

extension ServiceArea {
  /// The two-letter codes a service area may name: the 50 states, DC and the
  /// inhabited territories (PR, VI, GU, AS, MP).
  public static let knownStates: Set<String> = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "PR", "VI", "GU", "AS", "MP",
  ]
}

extension ConfigReader {
  static let serviceAreaKeys = ["states", "zips", "area_codes", "radius"]

  /// A `service_area` mapping; null means everywhere.
  func serviceArea(_ node: Node, place: String) throws(ConfigError) -> ServiceArea? {
    if Self.isNull(node) { return nil }
    let entries = try entries(
      mapping(node, "service_area\(place)"), allowed: Self.serviceAreaKeys,
      place: "in service_area\(place)")
    var area = ServiceArea()
    for entry in entries {
      switch entry.key {
      case "states":
        for item in try sequence(entry.value, "states\(place)") {
          area.states.insert(try state(item, place: place))
        }
      case "zips":
        for item in try sequence(entry.value, "zips\(place)") {
          area.zipPrefixes.append(try zipPrefix(item, place: place))
        }
      case "area_codes":
        for item in try sequence(entry.value, "area_codes\(place)") {
          area.areaCodes.insert(try areaCode(item, place: place))
        }
      case "radius":
        area.radius = try radius(entry.value, place: place)
      default:
        break
      }
    }
    if area.states.isEmpty, area.zipPrefixes.isEmpty, area.areaCodes.isEmpty, area.radius == nil {
      throw error(
        at: node,
        "service_area\(place) names no place: give states, zips, area_codes or radius "
          + "(or leave service_area out to buy everywhere)")
    }
    return area
  }

  /// A two-letter state code, upper-cased.
  func state(_ node: Node, place: String) throws(ConfigError) -> String {
    let expected = "a state must be a two-letter code like TX\(place)"
    let code = try text(node, expected).uppercased()
    guard ServiceArea.knownStates.contains(code) else {
      throw error(at: node, "unknown state `\(node.scalar?.string ?? code)`: \(expected)")
    }
    return code
  }

  /// A ZIP prefix or a whole ZIP: 1 to 5 digits, as text (quote it to keep leading zeros).
  func zipPrefix(_ node: Node, place: String) throws(ConfigError) -> String {
    let expected = "a ZIP prefix must be 1 to 5 digits like \"787\" or \"78613\"\(place)"
    let zip = try text(node, expected)
    guard (1...5).contains(zip.count), zip.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      throw error(at: node, "\(expected) (found `\(zip)`)")
    }
    return zip
  }

  /// A three-digit NANP area code, 200–999.
  func areaCode(_ node: Node, place: String) throws(ConfigError) -> Int {
    let expected = "an area code must be three digits from 200 to 999 like \"512\"\(place)"
    let code = try text(node, expected)
    guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(code),
      (200...999).contains(value)
    else {
      throw error(at: node, "\(expected) (found `\(code)`)")
    }
    return value
  }

  /// `radius: {center_zip: "78701", miles: 45}`.
  func radius(_ node: Node, place: String) throws(ConfigError) -> ServiceArea.Radius {
    let entries = try entries(
      mapping(node, "radius\(place)"), allowed: ["center_zip", "miles"], place: "in radius\(place)")
    guard let zipEntry = entries.first(where: { $0.key == "center_zip" }) else {
      throw error(at: node, "radius\(place) needs center_zip, a five-digit ZIP")
    }
    guard let milesEntry = entries.first(where: { $0.key == "miles" }) else {
      throw error(at: node, "radius\(place) needs miles, a distance greater than 0")
    }
    let expected = "center_zip must be a five-digit ZIP like \"78701\"\(place)"
    let zip = try text(zipEntry.value, expected)
    guard zip.count == 5, zip.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      throw error(at: zipEntry.value, "\(expected) (found `\(zip)`)")
    }
    let any = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
    let miles = try number(milesEntry.value, "miles", in: any, place: place)
    guard miles > 0, miles <= 20_000 else {
      throw error(
        at: milesEntry.value,
        "miles must be greater than 0 and at most 20000\(place) (found \(Self.show(miles)))")
    }
    return ServiceArea.Radius(centerZip: zip, miles: miles)
  }
}
