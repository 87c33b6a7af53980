@testable import LeadScreen

/// The rule-file loaders as they were before they read bytes (Character-based `String`
/// and `Substring` code, kept verbatim): the oracle for the differential tests in
/// `RuleLoaderDifferentialTests`. Not used by the library.
enum ReferenceLoaders {
  /// Every line of the file, numbered, without line breaks.
  static func allLines(of path: String) throws(RuleFileError) -> [RuleFileReader.Line] {
    let bytes = try RuleFileReader.bytes(of: path)
    var lines: [RuleFileReader.Line] = []
    var number = 0
    for var slice in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      number += 1
      if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
      lines.append(
        RuleFileReader.Line(number: number, text: String(decoding: slice, as: UTF8.self)))
    }
    if bytes.last == UInt8(ascii: "\n") { lines.removeLast() }
    return lines
  }

  /// The lines that carry a rule: not blank (white space only) and not a `#` comment.
  static func ruleLines(of path: String) throws(RuleFileError) -> [RuleFileReader.Line] {
    try allLines(of: path).filter { line in
      let trimmed = line.text.drop { $0 == " " || $0 == "\t" }
      return !trimmed.isEmpty && !trimmed.hasPrefix("#")
    }
  }

  /// The lines of CIDR files as the reference loader reads them: sources and intervals.
  struct ReferenceRanges {
    var sources: [RuleSource] = []
    var v4: [(start: UInt32, end: UInt32, source: Int32)] = []
    var v6: [(start: UInt128, end: UInt128, source: Int32)] = []
  }

  /// `IPRangeSet(files:)` up to the sorting: sources and intervals in line order.
  static func ipRanges(files: [String]) throws(RuleFileError) -> ReferenceRanges {
    var parsed = ReferenceRanges()
    for file in files {
      for line in try ruleLines(of: file) {
        let text = line.text
        let leading = text.prefix { $0 == " " || $0 == "\t" }.utf8.count
        var body = Substring(text).dropFirst(leading)
        if let hash = body.firstIndex(of: "#") { body = body[..<hash] }
        while let last = body.last, last == " " || last == "\t" { body = body.dropLast() }
        let cidr: CIDR
        do {
          cidr = try ReferenceCIDR.parse(body)
        } catch {
          throw RuleFileError(
            file: file, line: line.number, column: leading + error.offset + 1,
            message: "\(error.message) in `\(body)`")
        }
        let index = Int32(parsed.sources.count)
        parsed.sources.append(RuleSource(file: file, line: line.number, pattern: String(body)))
        switch cidr {
        case .v4(let start, let end): parsed.v4.append((start, end, index))
        case .v6(let start, let end): parsed.v6.append((start, end, index))
        }
      }
    }
    return parsed
  }

  /// `DisposableDomains(file:)`: lower-cased domain -> its line.
  static func disposableDomains(file: String) throws(RuleFileError) -> [String: Int] {
    var lines: [String: Int] = [:]
    for line in try ruleLines(of: file) {
      let domain = line.text.trimmingASCIISpaces().lowercasedASCII()
      if let bad = domain.utf8.firstIndex(where: { !isDomainByte($0) }) {
        let column = domain.utf8.distance(from: domain.utf8.startIndex, to: bad) + 1
        throw RuleFileError(
          file: file, line: line.number, column: column,
          message: "unexpected character in domain `\(domain)`")
      }
      guard domain.contains(".") else {
        throw RuleFileError(
          file: file, line: line.number, column: 1, message: "`\(domain)` is not a domain (no dot)")
      }
      if lines[domain] == nil { lines[domain] = line.number }
    }
    return lines
  }

  /// `LiteralPrefilter(literals:)` as it was: its tables.
  static func literalPrefilter(
    literals: [(bytes: [UInt8], value: Int32)]
  ) -> (
    byteClass: [UInt8], classCount: Int, transitions: [UInt32], narrowTransitions: [UInt16],
    outputStart: [Int32], outputValues: [Int32]
  ) {
    let lowered = literals.map { (LiteralPrefilter.lowered($0.bytes), $0.value) }.filter {
      !$0.0.isEmpty
    }
    var classes = [UInt8](repeating: 0, count: 256)
    var used = [Bool](repeating: false, count: 256)
    for (bytes, _) in lowered { for byte in bytes { used[Int(byte)] = true } }
    var count = 1
    for byte in 0..<256 where used[byte] {
      classes[byte] = UInt8(count)
      count += 1
    }
    for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") {
      classes[Int(upper)] = classes[Int(upper | 0x20)]
    }

    // The trie.
    var children: [[Int32]] = [[Int32](repeating: -1, count: count)]
    var outputs: [[Int32]] = [[]]
    for (bytes, value) in lowered {
      var state = 0
      for byte in bytes {
        let cls = Int(classes[Int(byte)])
        if children[state][cls] < 0 {
          children[state][cls] = Int32(children.count)
          children.append([Int32](repeating: -1, count: count))
          outputs.append([])
        }
        state = Int(children[state][cls])
      }
      outputs[state].append(value)
    }
    // Failure links in breadth-first order; the dense table follows them.
    var fail = [Int](repeating: 0, count: children.count)
    var table = [UInt32](repeating: 0, count: children.count * count)
    var queue: [Int] = []
    for cls in 0..<count {
      let child = children[0][cls]
      if child >= 0 {
        queue.append(Int(child))
        table[cls] = UInt32(child)
      }
    }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      outputs[state] += outputs[fail[state]]
      for cls in 0..<count {
        let child = children[state][cls]
        if child >= 0 {
          fail[Int(child)] = Int(table[fail[state] * count + cls])
          table[state * count + cls] = UInt32(child)
          queue.append(Int(child))
        } else {
          table[state * count + cls] = table[fail[state] * count + cls]
        }
      }
    }
    var starts: [Int32] = [0]
    var values: [Int32] = []
    for list in outputs {
      values += Set(list).sorted()
      starts.append(Int32(values.count))
    }
    for index in table.indices where !outputs[Int(table[index])].isEmpty {
      table[index] |= LiteralPrefilter.outputFlag
    }
    let narrow: [UInt16] =
      children.count < 0x8000
      ? table.map { entry in
        UInt16(entry & ~LiteralPrefilter.outputFlag)
          | (entry & LiteralPrefilter.outputFlag != 0 ? 0x8000 : 0)
      } : []
    return (
      classes, count, children.count < 0x8000 ? [] : table, narrow, starts, values
    )
  }

  private static func isDomainByte(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
  }

  /// Tab-separated rows after `#` comments and a header row that must be `header`.
  /// Returns each row's fields with their 1-based columns.
  static func rows(
    of path: String, header: [String]
  ) throws(RuleFileError) -> [(line: Int, fields: [(text: Substring, column: Int)])] {
    var result: [(line: Int, fields: [(text: Substring, column: Int)])] = []
    var sawHeader = false
    for line in try ruleLines(of: path) {
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

  /// `GeoTable.loadZips`.
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

  /// `GeoTable.loadAreaCodes`.
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

/// The CIDR parser as it was (a parsed block as an inclusive address interval).
enum ReferenceCIDR {

  /// Parses `a.b.c.d/n` or an IPv6 `x:x::x/n` (either without `/n`: one host).
  /// Host bits past the prefix are cleared.
  static func parse(_ text: Substring) throws(CIDRError) -> CIDR {
    let bytes = Array(text.utf8)
    let slash = bytes.firstIndex(of: UInt8(ascii: "/"))
    let addressBytes = bytes[..<(slash ?? bytes.count)]
    guard !addressBytes.isEmpty else { throw CIDRError(message: "missing address", offset: 0) }
    let isV6 = addressBytes.contains(UInt8(ascii: ":"))
    let width = isV6 ? 128 : 32
    var prefix = width
    if let slash {
      let digits = bytes[(slash + 1)...]
      guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
        let value = Int(String(decoding: digits, as: UTF8.self)), value <= width
      else {
        throw CIDRError(
          message: "bad prefix length (want 0...\(width))", offset: slash + 1)
      }
      prefix = value
    }
    if isV6 {
      let address = try Self.parseV6(addressBytes)
      let hostMask: UInt128 = prefix == 0 ? ~0 : (prefix == 128 ? 0 : (~UInt128(0)) >> prefix)
      return .v6(start: address & ~hostMask, end: (address & ~hostMask) | hostMask)
    } else {
      let address = try Self.parseV4(addressBytes, base: 0)
      let hostMask: UInt32 = prefix == 0 ? ~0 : (prefix == 32 ? 0 : (~UInt32(0)) >> prefix)
      return .v4(start: address & ~hostMask, end: (address & ~hostMask) | hostMask)
    }
  }

  /// Dotted quad; `base` is the offset of `bytes` in the line, for errors.
  static func parseV4(_ bytes: ArraySlice<UInt8>, base: Int) throws(CIDRError) -> UInt32 {
    var result: UInt32 = 0
    var parts = 0
    var value = -1
    var digits = 0
    for (offset, byte) in zip(bytes.indices, bytes) {
      if byte == UInt8(ascii: ".") {
        guard value >= 0, parts < 3 else {
          throw CIDRError(message: "bad IPv4 address", offset: base + offset)
        }
        result = result << 8 | UInt32(value)
        parts += 1
        value = -1
        digits = 0
      } else if byte >= 48 && byte <= 57 {
        value = max(value, 0) * 10 + Int(byte - 48)
        digits += 1
        guard value <= 255, digits <= 3 else {
          throw CIDRError(message: "IPv4 part over 255", offset: base + offset)
        }
      } else {
        throw CIDRError(message: "unexpected character in IPv4 address", offset: base + offset)
      }
    }
    guard value >= 0, parts == 3 else {
      throw CIDRError(message: "IPv4 address needs four parts", offset: base + bytes.count)
    }
    return result << 8 | UInt32(value)
  }

  /// Eight hex groups, one `::` allowed, an IPv4 tail allowed.
  static func parseV6(_ bytes: ArraySlice<UInt8>) throws(CIDRError) -> UInt128 {
    var head: [UInt16] = []
    var tail: [UInt16] = []
    var sawGap = false
    var index = bytes.startIndex
    let end = bytes.endIndex
    if bytes.starts(with: [58, 58]) {
      sawGap = true
      index += 2
    }
    while index < end {
      var groupEnd = index
      while groupEnd < end && bytes[groupEnd] != UInt8(ascii: ":") { groupEnd += 1 }
      let group = bytes[index..<groupEnd]
      if group.contains(UInt8(ascii: ".")) && groupEnd == end {
        let v4 = try parseV4(group, base: index - bytes.startIndex)
        let pair = [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
        if sawGap { tail += pair } else { head += pair }
        index = end
        break
      }
      guard !group.isEmpty, group.count <= 4,
        let value = UInt16(String(decoding: group, as: UTF8.self), radix: 16)
      else { throw CIDRError(message: "bad IPv6 group", offset: index - bytes.startIndex) }
      if sawGap { tail.append(value) } else { head.append(value) }
      index = groupEnd
      if index < end {
        index += 1
        if index < end && bytes[index] == UInt8(ascii: ":") {
          guard !sawGap else {
            throw CIDRError(message: "second `::`", offset: index - 1 - bytes.startIndex)
          }
          sawGap = true
          index += 1
        } else if index == end {
          throw CIDRError(message: "trailing `:`", offset: index - bytes.startIndex)
        }
      }
    }
    let total = head.count + tail.count
    guard sawGap ? total <= 7 : total == 8 else {
      throw CIDRError(message: "IPv6 address needs eight groups", offset: bytes.count)
    }
    let groups = head + [UInt16](repeating: 0, count: 8 - total) + tail
    return groups.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
  }
}
