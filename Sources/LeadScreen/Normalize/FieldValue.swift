#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// One known field's value during normalization: its kind and its trimmed bytes,
/// with the conversions the ``Normalizer`` applies (each throws the reject reason).
struct FieldValue {
  let field: FieldName
  let kind: RawValueKind
  /// The value without surrounding ASCII white space.
  let bytes: UnsafeRawBufferPointer

  @inline(__always)
  init(field: FieldName, kind: RawValueKind, bytes: UnsafeRawBufferPointer) {
    self.field = field
    self.kind = kind
    self.bytes = Self.trimmed(bytes)
  }

  /// The value as text; strings and numbers (kept as their literal), and booleans
  /// when `allowBool`.
  func text(allowBool: Bool = false) throws(NormalizeError) -> String {
    switch kind {
    case .string, .number: break
    case .bool where allowBool: break
    default: throw wrongType("a string")
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A required identifier (`id`, `campaign`): a non-empty string or number.
  func identifier() throws(NormalizeError) -> String {
    let value = try text()
    guard !value.isEmpty else { throw NormalizeError("empty field \(field.key)") }
    return value
  }

  /// `click`, `lead` or `call`.
  func recordType() throws(NormalizeError) -> RecordType {
    if kind == .string {
      if matches("click") { return .click }
      if matches("lead") { return .lead }
      if matches("call") { return .call }
    }
    throw NormalizeError("unknown type \(NormalizeError.quoted(bytes))")
  }

  /// RFC 3339 text, epoch seconds as a number, or a string of epoch seconds (CSV).
  func time() throws(NormalizeError) -> Timestamp {
    var dates = RFC3339.DateMemo()
    return try time(dates: &dates)
  }

  /// ``time()``, with the day number of a date read before taken from `dates` (see
  /// ``RFC3339/parse(_:dates:)``).
  func time(dates: inout RFC3339.DateMemo) throws(NormalizeError) -> Timestamp {
    switch kind {
    case .string:
      if let milliseconds = RFC3339.parse(bytes, dates: &dates) {
        return Timestamp(milliseconds: milliseconds)
      }
      if let time = Timestamp(epochSeconds: bytes) { return time }
    case .number:
      if let time = Timestamp(epochSeconds: bytes) { return time }
    default:
      throw wrongType("a time")
    }
    let reason = "unparseable time \(NormalizeError.quoted(bytes))"
    throw NormalizeError(field == .ts ? reason : "field \(field.key): \(reason)")
  }

  /// An IP address; nil when the value is empty.
  func ipAddress() throws(NormalizeError) -> IPAddress? {
    guard kind == .string || kind == .number else { throw wrongType("a string") }
    guard !bytes.isEmpty else { return nil }
    guard let address = IPAddress(bytes) else {
      throw NormalizeError("invalid IP address \(NormalizeError.quoted(bytes))")
    }
    return address
  }

  /// A finite, non-negative number of seconds (number or numeric string).
  func seconds() throws(NormalizeError) -> Double {
    guard kind == .string || kind == .number, let value = Self.double(bytes) else {
      throw wrongType("a number")
    }
    guard value >= 0 else { throw wrongType("a number >= 0") }
    return value
  }

  /// A training label: 0 or 1 as a number or string, or a boolean.
  func label() throws(NormalizeError) -> Int {
    switch kind {
    case .bool, .string, .number:
      if matches("true") { return 1 }
      if matches("false") { return 0 }
      if let value = Self.double(bytes), value == 0 || value == 1 { return Int(value) }
    default: break
    }
    throw wrongType("0 or 1")
  }

  /// Reason codes: a JSON array of strings, or codes separated by `|` (CSV).
  func reasonCodes() throws(NormalizeError) -> [String] {
    switch kind {
    case .array:
      guard let codes = JSONStringArray.parse(bytes) else {
        throw wrongType("an array of strings")
      }
      return codes.compactMap { code in
        let trimmed = Self.trimmedString(code)
        return trimmed.isEmpty ? nil : trimmed
      }
    case .string:
      return bytes.split(separator: UInt8(ascii: "|")).compactMap { part in
        let code = Self.trimmed(UnsafeRawBufferPointer(rebasing: part))
        return code.isEmpty ? nil : String(decoding: code, as: UTF8.self)
      }
    default:
      throw wrongType("an array of strings")
    }
  }

  private func wrongType(_ expected: String) -> NormalizeError {
    .wrongType(field, expected: expected, kind: kind, value: bytes)
  }

  private func matches(_ literal: StaticString) -> Bool {
    bytes.count == literal.utf8CodeUnitCount
      && (bytes.isEmpty || memcmp(bytes.baseAddress!, literal.utf8Start, bytes.count) == 0)
  }

  /// A finite decimal number (`12`, `12.5`, `1e3`); nil for anything else
  /// (`nan`, `inf` and hexadecimal are not numbers here).
  static func double(_ bytes: UnsafeRawBufferPointer) -> Double? {
    guard !bytes.isEmpty, bytes.count < 40 else { return nil }
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"),
        UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"):
        continue
      default:
        return nil
      }
    }
    guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else {
      return nil
    }
    return value
  }

  /// `bytes` without leading and trailing ASCII white space.
  @inline(__always)
  static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    let count = bytes.count
    // Most values have no surrounding white space.
    guard count > 0, isBlank(bytes[0]) || isBlank(bytes[count - 1]) else { return bytes }
    var start = 0
    var end = count
    while start < end, isBlank(bytes[start]) { start += 1 }
    while end > start, isBlank(bytes[end - 1]) { end -= 1 }
    return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
  }

  static func trimmedString(_ text: String) -> String {
    var text = text
    return text.withUTF8 { String(decoding: trimmed(UnsafeRawBufferPointer($0)), as: UTF8.self) }
  }

  @inline(__always)
  static func isBlank(_ byte: UInt8) -> Bool {
    byte <= 0x20 && (byte == 0x20 || (0x09...0x0D).contains(byte))
  }
}
