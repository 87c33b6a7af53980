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
/// reuses from record to record, so reading allocates nothing once warm: the buffer
/// keeps its size, and only its first ``byteCount`` bytes are this record's.
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

  /// Names and values, concatenated, in the first ``byteCount`` bytes; the rest is
  /// room kept from earlier records.
  private(set) var bytes: [UInt8] = []
  /// How many bytes of ``bytes`` are this record's.
  public private(set) var byteCount = 0
  /// The fields in input order. A CSV empty cell is not a field.
  public var fields: [Field] = []
  /// 1-based number of the input line where the record starts.
  public var line: Int = 0

  public init() {}

  /// This record's bytes (names and values).
  public var content: ArraySlice<UInt8> { bytes[..<byteCount] }

  /// Forgets the fields, keeping the buffers.
  public mutating func removeAll() {
    byteCount = 0
    // removeAll(keepingCapacity:) costs a generic replaceSubrange even when empty.
    if !fields.isEmpty { fields.removeAll(keepingCapacity: true) }
    line = 0
  }

  /// Makes room for `extra` more bytes after ``byteCount``.
  @inline(__always)
  mutating func reserve(_ extra: Int) {
    let needed = byteCount + extra
    if bytes.count < needed {
      bytes.append(contentsOf: repeatElement(0, count: max(needed - bytes.count, bytes.count)))
    }
  }

  /// Appends a field whose name and value are given as bytes.
  public mutating func append(
    name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, kind: RawValueKind
  ) {
    reserve(name.count + value.count)
    let nameStart = byteCount
    let valueStart = nameStart + name.count
    let end = valueStart + value.count
    bytes.withUnsafeMutableBytes { storage in
      if !name.isEmpty {
        (storage.baseAddress! + nameStart).copyMemory(
          from: name.baseAddress!, byteCount: name.count)
      }
      if !value.isEmpty {
        (storage.baseAddress! + valueStart).copyMemory(
          from: value.baseAddress!, byteCount: value.count)
      }
    }
    byteCount = end
    fields.append(Field(name: nameStart..<valueStart, value: valueStart..<end, kind: kind))
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

/// Appends each member of a JSON line to a record (names and values copied into its buffer).
struct RawRecordSink: JSONMemberSink {
  var record: RawRecord

  @inline(__always)
  mutating func member(
    name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, kind: RawValueKind
  ) -> Bool {
    record.append(name: name, value: value, kind: kind)
    return true
  }
}
