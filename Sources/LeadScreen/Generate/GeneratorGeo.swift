import Foundation

/// One ZIP code of `rules/geo/zips.tsv`.
struct GeneratorZip: Sendable {
  /// The five digits as a number (`501` is `00501`).
  var zip: Int
  var state: String
  /// Latitude and longitude in radians.
  var lat: Double
  var lon: Double
  var areaCodes: [Int]

  /// The five-digit text.
  var text: String {
    let digits = String(zip)
    return String(repeating: "0", count: 5 - digits.count) + digits
  }
}

/// The generator's own copy of the geography: ZIPs with coordinates and area codes,
/// and the state of each area code. Its distance and area tests are written here,
/// independently of the rule code.
struct GeneratorGeo: Sendable {
  /// Every ZIP, in table order.
  var zips: [GeneratorZip]
  /// Area code → state, from `rules/geo/area-codes.tsv`.
  var areaCodeState: [Int: String]
  /// Every area code, ascending (never iterate the dictionary: its order is random).
  var areaCodes: [Int]

  /// Mean Earth radius in statute miles.
  static let earthRadiusMiles = 3958.8

  /// Loads both geography tables from `rules/geo/`.
  init(rulesDirectory dir: String) throws(GeneratorError) {
    let zipTable = try GeneratorTable(
      path: dir + "/geo/zips.tsv", expected: ["zip", "state", "lat", "lon", "area_codes"])
    var zips: [GeneratorZip] = []
    zips.reserveCapacity(zipTable.rows.count)
    for (line, cells) in zipTable.rows {
      guard cells[0].count == 5, let zip = Int(cells[0]) else {
        throw .badTableLine(path: zipTable.path, line: line, message: "bad ZIP `\(cells[0])`")
      }
      let lat = try zipTable.number(cells[2], line: line)
      let lon = try zipTable.number(cells[3], line: line)
      let codes = cells[4].split(separator: ",").compactMap { Int($0) }
      zips.append(
        GeneratorZip(
          zip: zip, state: String(cells[1]), lat: lat * .pi / 180, lon: lon * .pi / 180,
          areaCodes: codes))
    }
    let codeTable = try GeneratorTable(
      path: dir + "/geo/area-codes.tsv", expected: ["area_code", "state"])
    var codeState: [Int: String] = [:]
    for (line, cells) in codeTable.rows {
      guard let code = Int(cells[0]), cells[0].count == 3 else {
        throw .badTableLine(
          path: codeTable.path, line: line, message: "bad area code `\(cells[0])`")
      }
      codeState[code] = String(cells[1])
    }
    self.zips = zips
    self.areaCodeState = codeState
    self.areaCodes = codeState.keys.sorted()
  }

  /// The index of a ZIP given as five-digit text.
  func index(of zip: String) -> Int? {
    guard let value = Int(zip) else { return nil }
    return zips.firstIndex { $0.zip == value }
  }

  /// Great-circle distance in miles between two ZIPs (haversine).
  func miles(_ a: Int, _ b: Int) -> Double {
    let p = zips[a]
    let q = zips[b]
    let dLat = q.lat - p.lat
    let dLon = q.lon - p.lon
    let h = sin(dLat / 2) * sin(dLat / 2) + cos(p.lat) * cos(q.lat) * sin(dLon / 2) * sin(dLon / 2)
    return 2 * Self.earthRadiusMiles * asin(min(1, h.squareRoot()))
  }

  /// The area codes of `state` (by the area-code table), ascending.
  func areaCodes(in state: String) -> [Int] {
    areaCodes.filter { areaCodeState[$0] == state }
  }
}
