/// The JSON (or CSV) kind of a field's value as the reader found it.
public enum RawValueKind: UInt8, Sendable {
  /// A JSON string, or any CSV cell. The value is the decoded text (escapes resolved).
  case string
  /// A JSON number; the value is its literal text.
  case number
  /// `true` or `false`; the value is that text.
  case bool
  /// JSON `null`; the value is empty.
  case null
  /// A JSON array; the value is its raw JSON text.
  case array
  /// A JSON object; the value is its raw JSON text.
  case object
}

/// One input record as the reader found it, before normalization.
///
/// Field names and decoded values are UTF-8 bytes in one buffer that the reader
/// reuses from record to record, so reading allocates nothing once warm.
public struct RawRecord: Sendable {
  /// One field: byte ranges of its name and value in ``bytes``.
  public struct Field: Sendable, Equatable {
    public var name: Range<Int>
    public var value: Range<Int>
    public var kind: RawValueKind

    public init(name: Range<Int>, value: Range<Int>, kind: RawValueKind) {
      self.name = name
      self.value = value
      self.kind = kind
    }
  }

  /// Names and values, concatenated.
  public var bytes: [UInt8] = []
  /// The fields in input order. A CSV empty cell is not a field.
  public var fields: [Field] = []
  /// 1-based number of the input line where the record starts.
  public var line: Int = 0

  public init() {}

  /// Forgets the fields, keeping the buffers' capacity.
  public mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    fields.removeAll(keepingCapacity: true)
    line = 0
  }

  /// Appends a field whose name and value are given as bytes.
  public mutating func append(
    name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, kind: RawValueKind
  ) {
    let nameStart = bytes.count
    bytes.append(contentsOf: name)
    let valueStart = bytes.count
    bytes.append(contentsOf: value)
    fields.append(
      Field(name: nameStart..<valueStart, value: valueStart..<bytes.count, kind: kind))
  }

  /// Appends a field from strings (tests, the generator).
  public mutating func append(name: String, value: String, kind: RawValueKind = .string) {
    var name = name
    var value = value
    name.withUTF8 { n in
      value.withUTF8 { v in
        append(name: UnsafeRawBufferPointer(n), value: UnsafeRawBufferPointer(v), kind: kind)
      }
    }
  }

  /// The name of field `index` as a string.
  public func name(at index: Int) -> String {
    String(decoding: bytes[fields[index].name], as: UTF8.self)
  }

  /// The value of field `index` as a string.
  public func value(at index: Int) -> String {
    String(decoding: bytes[fields[index].value], as: UTF8.self)
  }

  /// The index of the first field called `name`, if any.
  public func index(of name: String) -> Int? {
    let key = Array(name.utf8)
    return fields.firstIndex { bytes[$0.name].elementsEqual(key) }
  }
}
