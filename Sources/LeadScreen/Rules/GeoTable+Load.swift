#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension GeoTable {
  /// Calls `row` with each tab-separated row after `#` comments and a header row that
  /// must be `header`: the line and its fields' byte ranges (a field's column is its
  /// start plus one). `text` is the file's ``RuleFileReader/text(of:)``. A missing or
  /// wrong header and a row with the wrong number of fields are thrown at once;
  /// otherwise the first problem `row` returns is thrown after the whole table is read
  /// (structure first, then values, as before).
  static func rows(
    of path: String, text: [UInt8], header: [String],
    _ row: (RuleFileReader.RawLine, [Range<Int>]) -> RuleFileError?
  ) throws(RuleFileError) {
    var sawHeader = false
    var firstProblem: RuleFileError?
    var fields = [Range<Int>](repeating: 0..<0, count: header.count)
    try RuleFileReader.forEachRuleLine(in: text) { line throws(RuleFileError) in
      if !sawHeader {
        let names = RuleFileReader.split(
          line, 0..<line.bytes.count, separator: 0x09, omittingEmpty: false)
        guard Self.isHeader(line, names, header) else {
          throw RuleFileError(
            file: path, line: line.number, column: 1,
            message: "expected the header `\(header.joined(separator: "\\t"))`")
        }
        sawHeader = true
        return
      }
      let count = Self.tabFields(line, into: &fields)
      guard count == header.count else {
        throw RuleFileError(
          file: path, line: line.number, column: line.bytes.count + 2,
          message: "expected \(header.count) tab-separated fields, found \(count)")
      }
      if firstProblem == nil { firstProblem = row(line, fields) }
    }
    guard sawHeader else {
      throw RuleFileError(file: path, line: 0, column: 0, message: "empty table (no header row)")
    }
    if let firstProblem { throw firstProblem }
  }

  /// The number of tab-separated fields in `line`; when it is `fields.count`, the fields
  /// are in `fields` (whose storage is reused from row to row).
  private static func tabFields(
    _ line: RuleFileReader.RawLine, into fields: inout [Range<Int>]
  ) -> Int {
    guard line.isASCII else {
      let found = RuleFileReader.split(
        line, 0..<line.bytes.count, separator: 0x09, omittingEmpty: false)
      if found.count == fields.count { fields = found }
      return found.count
    }
    let bytes = line.bytes
    return fields.withUnsafeMutableBufferPointer { out in
      var count = 0
      var start = 0
      for index in 0..<bytes.count where bytes[index] == 0x09 {
        if count < out.count { out[count] = start..<index }
        count += 1
        start = index + 1
      }
      if count < out.count { out[count] = start..<bytes.count }
      return count + 1
    }
  }

  /// Whether the fields are `header` (compared as strings when the line is not ASCII).
  private static func isHeader(
    _ line: RuleFileReader.RawLine, _ fields: [Range<Int>], _ header: [String]
  ) -> Bool {
    guard fields.count == header.count else { return false }
    for (field, name) in Swift.zip(fields, header) {
      let matches =
        line.isASCII
        ? line[field].elementsEqual(name.utf8)
        : String(decoding: line[field], as: UTF8.self) == name
      if !matches { return false }
    }
    return true
  }

  static func loadZips(_ path: String) throws(RuleFileError) -> [ZipInfo] {
    var zips: [ZipInfo] = []
    var codeLists: [UInt64: [Int]] = [:]
    // Neighbouring ZIPs mostly have the same area codes: the last list is tried first.
    var lastKey = UInt64.max
    var lastCodes: [Int] = []
    // Two capital letters -> the state's name, made once (60 or so in the table).
    var states = [String?](repeating: nil, count: 26 * 26)
    let contents = try RuleFileReader.text(of: path)
    // Rows are over 24 bytes: room for all, so the array is not copied as it grows.
    zips.reserveCapacity(contents.count / 24)
    let header = ["zip", "state", "lat", "lon", "area_codes"]
    try rows(of: path, text: contents, header: header) { line, fields in
      func fail(_ field: Int, _ message: String) -> RuleFileError {
        RuleFileError(
          file: path, line: line.number, column: fields[field].lowerBound + 1, message: message)
      }
      func text(_ range: Range<Int>) -> String { String(decoding: line[range], as: UTF8.self) }
      guard fields[0].count == 5, line[fields[0]].allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
        return fail(0, "ZIP `\(text(fields[0]))` is not five digits")
      }
      let stateBytes = line[fields[1]]
      guard isStateCode(stateBytes) else {
        return fail(1, "state `\(text(fields[1]))` is not two capital letters")
      }
      guard let latitude = decimal(line[fields[2]]), abs(latitude) <= 90 else {
        return fail(2, "latitude `\(text(fields[2]))` is not a number in -90...90")
      }
      guard let longitude = decimal(line[fields[3]]), abs(longitude) <= 180 else {
        return fail(3, "longitude `\(text(fields[3]))` is not a number in -180...180")
      }
      // Codes of 0...999, six at most (nearly every row), are packed 10 bits each; rows
      // with the same codes share one array.
      var packed: UInt64 = 0
      var count = 0
      var unpacked: [Int]?
      var badCode: Range<Int>?
      let codeField = fields[4]
      if let quick = Self.packedCodes(line, codeField) {
        (packed, count) = quick
      } else {
        RuleFileReader.forEachPiece(line, codeField, separator: 0x2C, omittingEmpty: true) {
          guard $0.count == 3, let value = integer(line[$0]) else {
            badCode = $0
            return false
          }
          if unpacked == nil && count < 6 && value >= 0 && value <= 999 {
            packed = packed << 10 | UInt64(value)
          } else {
            if unpacked == nil { unpacked = Self.unpack(packed, count) }
            unpacked!.append(value)
          }
          count += 1
          return true
        }
      }
      if let badCode { return fail(4, "area code `\(text(badCode))` is not three digits") }
      let codes: [Int]
      if let unpacked {
        codes = unpacked
      } else {
        let key = packed | UInt64(count) << 60
        if key == lastKey {
          codes = lastCodes
        } else if let shared = codeLists[key] {
          codes = shared
        } else {
          codes = Self.unpack(packed, count)
          codeLists[key] = codes
        }
        lastKey = key
        lastCodes = codes
      }
      let stateSlot = Int(stateBytes[0] &- 65) &* 26 &+ Int(stateBytes[1] &- 65)
      let state = states[stateSlot] ?? text(fields[1])
      states[stateSlot] = state
      zips.append(
        ZipInfo(
          zip: text(fields[0]), state: state, latitude: latitude, longitude: longitude,
          areaCodes: codes))
      return nil
    }
    return zips
  }

  /// The area codes of the usual field, one to six codes of three digits each separated
  /// by single commas (`512,737`), packed as the general loop packs them; nil for
  /// anything else (empty pieces, other lengths, more codes), which that loop reads.
  private static func packedCodes(
    _ line: RuleFileReader.RawLine, _ range: Range<Int>
  ) -> (packed: UInt64, count: Int)? {
    let length = range.count
    // n codes take 4n - 1 bytes.
    guard length >= 3, length <= 23, (length &+ 1) & 3 == 0 else { return nil }
    let bytes = line.bytes
    var packed: UInt64 = 0
    var at = range.lowerBound
    while true {
      let a = bytes[at] &- 48
      let b = bytes[at &+ 1] &- 48
      let c = bytes[at &+ 2] &- 48
      guard a < 10, b < 10, c < 10 else { return nil }
      packed = packed << 10 | UInt64(a) &* 100 &+ UInt64(b) &* 10 &+ UInt64(c)
      at &+= 3
      if at == range.upperBound { return (packed, (length &+ 1) >> 2) }
      guard bytes[at] == 0x2C else { return nil }
      at &+= 1
    }
  }

  static func loadAreaCodes(_ path: String) throws(RuleFileError) -> [String?] {
    var states = [String?](repeating: nil, count: 1000)
    let contents = try RuleFileReader.text(of: path)
    try rows(of: path, text: contents, header: ["area_code", "state"]) { line, fields in
      func text(_ range: Range<Int>) -> String { String(decoding: line[range], as: UTF8.self) }
      // `Int` also reads `-12`, which is no index: it is an error like `1x2`.
      guard fields[0].count == 3, let code = integer(line[fields[0]]), code >= 0 else {
        return RuleFileError(
          file: path, line: line.number, column: fields[0].lowerBound + 1,
          message: "area code `\(text(fields[0]))` is not three digits")
      }
      guard isStateCode(line[fields[1]]) else {
        return RuleFileError(
          file: path, line: line.number, column: fields[1].lowerBound + 1,
          message: "state `\(text(fields[1]))` is not two capital letters")
      }
      states[code] = text(fields[1])
      return nil
    }
    return states
  }

  /// The `count` codes packed 10 bits each, the first in the highest bits.
  private static func unpack(_ packed: UInt64, _ count: Int) -> [Int] {
    (0..<count).map { Int(packed >> (10 * UInt64(count - 1 - $0)) & 1023) }
  }

  /// Two capital ASCII letters.
  private static func isStateCode(_ bytes: UnsafeRawBufferPointer) -> Bool {
    bytes.count == 2 && bytes.allSatisfy { $0 >= 65 && $0 <= 90 }
  }

  /// The integer `Int(_:)` reads from the text (digits directly; anything else, such
  /// as a sign, through `Int(_:)` itself).
  static func integer(_ bytes: UnsafeRawBufferPointer) -> Int? {
    var value = 0
    for byte in bytes {
      guard byte >= 48 && byte <= 57, bytes.count <= 18 else {
        return Int(String(decoding: bytes, as: UTF8.self))
      }
      value = value * 10 + Int(byte - 48)
    }
    return bytes.isEmpty ? nil : value
  }

  /// The number `Double(_:)` reads from the text. `-?digits[.digits]` with at most 15
  /// digits is an exact integer divided by an exact power of ten, so one correctly
  /// rounded division gives the same double as the correctly rounded `Double(_:)`;
  /// any other text goes through `Double(_:)` itself.
  static func decimal(_ bytes: UnsafeRawBufferPointer) -> Double? {
    var index = bytes.first == UInt8(ascii: "-") ? 1 : 0
    let negative = index == 1
    var mantissa: Int64 = 0
    var digits = 0
    var fractionDigits = 0
    var sawPoint = false
    // No overflow: the loop stops after 16 digits (below 10^16).
    while index < bytes.count {
      let digit = bytes[index] &- 48
      if digit < 10 {
        mantissa = mantissa &* 10 &+ Int64(digit)
        digits &+= 1
        if sawPoint { fractionDigits &+= 1 }
      } else if bytes[index] == UInt8(ascii: ".") && !sawPoint && digits > 0 {
        sawPoint = true
      } else {
        digits = 99
        break
      }
      if digits > 15 { break }
      index &+= 1
    }
    guard digits >= 1, digits <= 15, !sawPoint || fractionDigits > 0 else {
      return Double(String(decoding: bytes, as: UTF8.self))
    }
    let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
    return negative ? -magnitude : magnitude
  }

  /// 10^0 ... 10^15, each exact in a Double (a literal: no lazy initialization to check
  /// at every use).
  private static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  ]
}

/// sin²(x/2), cos and asin from the C library (no Foundation).
func sinHalfSquared(_ x: Double) -> Double {
  let s = sin(x / 2)
  return s * s
}

func cosine(_ x: Double) -> Double { cos(x) }

func arcsine(_ x: Double) -> Double { asin(x) }
