/// The kinds of broken line `--malformed` sprinkles in: everything a reader must
/// reject (and count) without stopping.
enum GeneratorMalformedKind: String, CaseIterable, Sendable {
  case brokenJSON = "broken_json"
  case notObject = "not_object"
  case wrongFieldCount = "wrong_field_count"
  case missingID = "missing_id"
  case missingType = "missing_type"
  case missingTS = "missing_ts"
  case unknownType = "unknown_type"
  case badTime = "bad_time"
  case badDuration = "bad_duration"
  case numericIP = "numeric_ip"
  case invalidIP = "invalid_ip"
  case invalidUTF8 = "invalid_utf8"
  case tooLong = "too_long"

  /// The kinds that exist in a format (CSV has no JSON syntax and no types).
  static func kinds(csv: Bool) -> [GeneratorMalformedKind] {
    allCases.filter {
      csv ? $0 != .brokenJSON && $0 != .notObject && $0 != .numericIP : $0 != .wrongFieldCount
    }
  }
}

/// Where the broken lines go and what they say.
struct GeneratorMalformed {
  /// (output position before which to insert, kind), ascending.
  private var plan: [(position: Int, kind: GeneratorMalformedKind)]
  private var next = 0
  private let time: String

  init(output: GeneratorOutput, count: Int) {
    var rng = GeneratorRandom(seed: output.world.options.seed ^ 0xBAD_11E5)
    let kinds = GeneratorMalformedKind.kinds(csv: output.world.options.format == .csv)
    let records = output.order.count
    let start = rng.below(kinds.count)
    plan = (0..<count).map { i in
      (records == 0 ? 0 : 1 + rng.below(records), kinds[(start + i) % kinds.count])
    }
    plan.sort {
      $0.position != $1.position ? $0.position < $1.position : $0.kind.rawValue < $1.kind.rawValue
    }
    var bytes: [UInt8] = []
    GeneratorClock.appendRFC3339(
      ms: output.world.spanStart + 3_600_000, offset: 0, millis: false, into: &bytes)
    time = String(decoding: bytes, as: UTF8.self)
  }

  /// The next broken line to insert before output position `position`, if any.
  mutating func next(at position: Int) -> GeneratorMalformedKind? {
    guard next < plan.count, plan[next].position <= position else { return nil }
    next += 1
    return plan[next - 1].kind
  }

  /// Appends one broken line (with its newline).
  func write(
    _ kind: GeneratorMalformedKind, csv: Bool, columns: Int, into out: inout [UInt8]
  ) {
    let id = "M" + GeneratorWorld.pad(next, 7)
    var fields: [(String, String)] = [
      ("type", "click"), ("id", id), ("ts", time), ("campaign", "hvac-austin"), ("source", "pub03"),
      ("ip", "73.41.12.9"), ("ua", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"),
    ]
    var raw: [UInt8]?
    switch kind {
    case .brokenJSON:
      raw = Array(
        "{\"type\":\"click\",\"id\":\"\(id)\",\"ts\":\"\(time)\",\"ip\":\"73.41.12.9".utf8)
    case .notObject: raw = Array("[\"click\",\"\(id)\",\"\(time)\"]".utf8)
    case .wrongFieldCount:
      raw = Array("click,\(id),\(time),hvac-austin,pub03,,,,,,,,,,,,,,,,,,,,,,,,,extra".utf8)
    case .missingID: fields.remove(at: 1)
    case .missingType: fields.remove(at: 0)
    case .missingTS: fields.remove(at: 2)
    case .unknownType: fields[0].1 = "impression"
    case .badTime: fields[2].1 = "2026-13-45T25:61:00Z"
    case .badDuration:
      fields = [
        ("type", "call"), ("id", id), ("ts", time), ("campaign", "hvac-austin"),
        ("caller", "+15125550199"), ("duration", "abc"),
      ]
    case .numericIP:
      raw = Array("{\"type\":\"click\",\"id\":\"\(id)\",\"ts\":\"\(time)\",\"ip\":12345}".utf8)
    case .invalidIP: fields[5].1 = "300.41.12.9"
    case .invalidUTF8: fields[6].1 = "Mozilla/5.0 \u{FFFD}"
    case .tooLong: fields[6].1 = "Mozilla/5.0 " + String(repeating: "A", count: 1_100_000)
    }
    var line = raw ?? encode(fields, csv: csv, columns: columns)
    if kind == .invalidUTF8, let at = line.firstIndex(of: 0xEF) {
      line.replaceSubrange(at..<(at + 3), with: [0xC3, 0x28, 0xFF])
    }
    out.append(contentsOf: line)
    out.append(UInt8(ascii: "\n"))
  }

  /// The fields as a JSON object or a CSV row in the stream's columns.
  private func encode(_ fields: [(String, String)], csv: Bool, columns: Int) -> [UInt8] {
    if !csv {
      let body = fields.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",")
      return Array(("{" + body + "}").utf8)
    }
    var cells = [String](repeating: "", count: columns)
    for (name, value) in fields {
      if let column = GeneratorColumn.allCases.first(where: { $0.name == name }) {
        cells[column.rawValue] = value.contains(",") ? "\"" + value + "\"" : value
      }
    }
    return Array(cells.joined(separator: ",").utf8)
  }
}
