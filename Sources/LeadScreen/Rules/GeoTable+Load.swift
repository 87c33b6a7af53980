#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension GeoTable {
  /// Tab-separated rows after `#` comments and a header row that must be `header`.
  /// Returns each row's fields with their 1-based columns.
  static func rows(
    of path: String, header: [String]
  ) throws(RuleFileError) -> [(line: Int, fields: [(text: Substring, column: Int)])] {
    var result: [(line: Int, fields: [(text: Substring, column: Int)])] = []
    var sawHeader = false
    for line in try RuleFileReader.ruleLines(of: path) {
      var fields: [(text: Substring, column: Int)] = []
      var column = 1
      for field in line.text.split(separator: "\t", omittingEmptySubsequences: false) {
        fields.append((field, column))
        column += field.utf8.count + 1
      }
      if !sawHeader {
        guard fields.map({ String($0.text) }) == header else {
          throw RuleFileError(
            file: path, line: line.number, column: 1,
            message: "expected the header `\(header.joined(separator: "\\t"))`")
        }
        sawHeader = true
        continue
      }
      guard fields.count == header.count else {
        throw RuleFileError(
          file: path, line: line.number, column: column,
          message: "expected \(header.count) tab-separated fields, found \(fields.count)")
      }
      result.append((line.number, fields))
    }
    guard sawHeader else {
      throw RuleFileError(file: path, line: 0, column: 0, message: "empty table (no header row)")
    }
    return result
  }

  static func loadZips(_ path: String) throws(RuleFileError) -> [ZipInfo] {
    var zips: [ZipInfo] = []
    for (line, fields) in try rows(of: path, header: ["zip", "state", "lat", "lon", "area_codes"]) {
      func fail(_ field: Int, _ message: String) -> RuleFileError {
        RuleFileError(file: path, line: line, column: fields[field].column, message: message)
      }
      let zip = String(fields[0].text)
      guard zip.utf8.count == 5, zip.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
        throw fail(0, "ZIP `\(zip)` is not five digits")
      }
      let state = String(fields[1].text)
      guard state.utf8.count == 2, state.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
        throw fail(1, "state `\(state)` is not two capital letters")
      }
      guard let latitude = Double(fields[2].text), abs(latitude) <= 90 else {
        throw fail(2, "latitude `\(fields[2].text)` is not a number in -90...90")
      }
      guard let longitude = Double(fields[3].text), abs(longitude) <= 180 else {
        throw fail(3, "longitude `\(fields[3].text)` is not a number in -180...180")
      }
      var codes: [Int] = []
      for code in fields[4].text.split(separator: ",") {
        guard code.utf8.count == 3, let value = Int(code) else {
          throw fail(4, "area code `\(code)` is not three digits")
        }
        codes.append(value)
      }
      zips.append(
        ZipInfo(zip: zip, state: state, latitude: latitude, longitude: longitude, areaCodes: codes))
    }
    return zips
  }

  static func loadAreaCodes(_ path: String) throws(RuleFileError) -> [String?] {
    var states = [String?](repeating: nil, count: 1000)
    for (line, fields) in try rows(of: path, header: ["area_code", "state"]) {
      guard fields[0].text.utf8.count == 3, let code = Int(fields[0].text) else {
        throw RuleFileError(
          file: path, line: line, column: fields[0].column,
          message: "area code `\(fields[0].text)` is not three digits")
      }
      let state = String(fields[1].text)
      guard state.utf8.count == 2, state.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
        throw RuleFileError(
          file: path, line: line, column: fields[1].column,
          message: "state `\(state)` is not two capital letters")
      }
      states[code] = state
    }
    return states
  }
}

/// sin²(x/2), cos and asin from the C library (no Foundation).
func sinHalfSquared(_ x: Double) -> Double {
  let s = sin(x / 2)
  return s * s
}

func cosine(_ x: Double) -> Double { cos(x) }

func arcsine(_ x: Double) -> Double { asin(x) }
