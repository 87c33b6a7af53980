/// Why an input record cannot be normalized: the line is rejected with this reason.
public struct NormalizeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// One line a user can act on, e.g. `missing field id` or
  /// `field duration: expected a number, got a string "abc"`.
  public var reason: String

  public init(_ reason: String) {
    self.reason = reason
  }

  public var description: String { reason }

  /// A required field is absent (or `null`).
  static func missing(_ field: FieldName) -> Self {
    Self("missing field \(field.key)")
  }

  /// A field's value has the wrong JSON kind or cannot be read as what it should be.
  static func wrongType(
    _ field: FieldName, expected: String, kind: RawValueKind, value: UnsafeRawBufferPointer
  ) -> Self {
    Self("field \(field.key): expected \(expected), got \(describe(kind: kind, value: value))")
  }

  /// `a string "abc"`, `a number 12`, `an array [1,2]`: how a value is shown in a reason.
  static func describe(kind: RawValueKind, value: UnsafeRawBufferPointer) -> String {
    switch kind {
    case .string: "a string \(quoted(value))"
    case .number: "a number \(excerpt(value))"
    case .bool: "a boolean \(excerpt(value))"
    case .null: "null"
    case .array: "an array \(excerpt(value))"
    case .object: "an object \(excerpt(value))"
    }
  }

  /// The value in double quotes, with quotes, backslashes and control characters
  /// escaped, cut to 60 characters.
  static func quoted(_ value: UnsafeRawBufferPointer) -> String {
    var out = "\""
    for scalar in excerpt(value).unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        out += "\\u{\(String(scalar.value, radix: 16))}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// The value as text, cut to 60 characters (with `…`) so that a reason stays one short line.
  static func excerpt(_ value: UnsafeRawBufferPointer) -> String {
    let text = String(decoding: value, as: UTF8.self)
    guard value.count > 60, text.count > 60 else { return text }
    return text.prefix(60) + "…"
  }
}
