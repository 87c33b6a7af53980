import Foundation

/// The canonical byte form of a ``Verdict`` as the state stores it: every field
/// the writers print (findings with rule, pattern and detail; flags; the score
/// and contributions as exact bit patterns; the price as decimal text), so a
/// stored verdict renders byte for byte as it did when it was decided.
///
/// Layout (version 1): a version byte, then the fields in declaration order;
/// strings as a 32-bit length and UTF-8 bytes, optional strings behind a
/// presence byte, integers big-endian. The input line is not kept.
public enum VerdictCodec {
  public static let version: UInt8 = 1

  public static func encode(_ verdict: Verdict) -> [UInt8] {
    var out: [UInt8] = [version, verdict.type.rawValue]
    out.reserveCapacity(256)
    string(verdict.id, &out)
    string(verdict.campaign, &out)
    optional(verdict.source, &out)
    integer(UInt64(bitPattern: verdict.time.milliseconds), &out)
    out.append(verdict.decision == .accepted ? 0 : 1)
    integer(verdict.score.bitPattern, &out)
    for list in [verdict.findings, verdict.flags] {
      integer(UInt64(list.count), &out)
      for finding in list {
        string(finding.reason.code, &out)
        optional(finding.rule, &out)
        optional(finding.pattern, &out)
        optional(finding.detail, &out)
      }
    }
    string("\(verdict.price)", &out)
    string(verdict.currency, &out)
    integer(UInt64(verdict.contributions.count), &out)
    for item in verdict.contributions {
      string(item.feature, &out)
      integer(item.value.bitPattern, &out)
    }
    integer(verdict.intercept.bitPattern, &out)
    return out
  }

  /// The verdict of `bytes`, or `nil` when they are not a version-1 encoding.
  public static func decode(_ bytes: [UInt8], line: Int = 0) -> Verdict? {
    var reader = Reader(bytes: bytes)
    guard reader.byte() == version, let type = reader.byte().flatMap(RecordType.init(rawValue:)),
      let id = reader.string(), let campaign = reader.string(), let source = reader.optional(),
      let time = reader.integer(), let decision = reader.byte(), decision < 2,
      let score = reader.integer(), let findings = reader.findings(),
      let flags = reader.findings(), let priceText = reader.string(),
      let price = Decimal(string: priceText), let currency = reader.string(),
      let contributionCount = reader.count()
    else { return nil }
    var contributions: [(feature: String, value: Double)] = []
    for _ in 0..<contributionCount {
      guard let feature = reader.string(), let value = reader.integer() else { return nil }
      contributions.append((feature, Double(bitPattern: value)))
    }
    guard let intercept = reader.integer(), reader.atEnd else { return nil }
    return Verdict(
      type: type, id: id, campaign: campaign, source: source,
      time: Timestamp(milliseconds: Int64(bitPattern: time)), line: line,
      decision: decision == 0 ? .accepted : .disputed, score: Double(bitPattern: score),
      findings: findings, flags: flags, price: price, currency: currency,
      contributions: contributions, intercept: Double(bitPattern: intercept))
  }

  private static func integer(_ value: UInt64, _ out: inout [UInt8]) {
    for shift in stride(from: 56, through: 0, by: -8) {
      out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
    }
  }

  private static func string(_ text: String, _ out: inout [UInt8]) {
    let count = text.utf8.count
    for shift in stride(from: 24, through: 0, by: -8) {
      out.append(UInt8(truncatingIfNeeded: count >> shift))
    }
    out.append(contentsOf: text.utf8)
  }

  private static func optional(_ text: String?, _ out: inout [UInt8]) {
    if let text {
      out.append(1)
      string(text, &out)
    } else {
      out.append(0)
    }
  }

  /// Reads the layout back, returning `nil` on any overrun or bad tag.
  private struct Reader {
    let bytes: [UInt8]
    var offset = 0

    var atEnd: Bool { offset == bytes.count }

    mutating func byte() -> UInt8? {
      guard offset < bytes.count else { return nil }
      offset += 1
      return bytes[offset - 1]
    }

    mutating func integer() -> UInt64? {
      guard bytes.count - offset >= 8 else { return nil }
      let value = bytes[offset..<offset + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
      offset += 8
      return value
    }

    mutating func count() -> Int? {
      guard let value = integer(), value <= UInt64(bytes.count) else { return nil }
      return Int(value)
    }

    mutating func string() -> String? {
      guard bytes.count - offset >= 4 else { return nil }
      let count = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
      offset += 4
      guard bytes.count - offset >= count else { return nil }
      defer { offset += count }
      return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    /// `.some(nil)` for an absent string, `nil` for a broken encoding.
    mutating func optional() -> String?? {
      switch byte() {
      case 0: return .some(nil)
      case 1: return string().map { .some($0) }
      default: return nil
      }
    }

    mutating func findings() -> [Finding]? {
      guard let count = count() else { return nil }
      var findings: [Finding] = []
      for _ in 0..<count {
        guard let code = string(), let reason = Reason(code: code), let rule = optional(),
          let pattern = optional(), let detail = optional()
        else { return nil }
        findings.append(Finding(reason, rule: rule, pattern: pattern, detail: detail))
      }
      return findings
    }
  }
}
