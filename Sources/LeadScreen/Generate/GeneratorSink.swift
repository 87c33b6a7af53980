/// Where the generator writes bytes: the command gives it files, tests give it memory.
/// The generator does no other I/O.
public protocol GeneratorSink: AnyObject {
  /// Appends `bytes` to the output.
  func write(_ bytes: [UInt8]) throws
}

/// A sink that keeps everything in memory.
public final class GeneratorMemorySink: GeneratorSink {
  /// Everything written so far.
  public private(set) var bytes: [UInt8] = []

  public init() {}

  public func write(_ bytes: [UInt8]) throws {
    self.bytes.append(contentsOf: bytes)
  }

  /// The output as text (invalid UTF-8 repaired), for tests.
  public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// A byte buffer that flushes to a sink in large chunks.
struct GeneratorBuffer {
  let sink: GeneratorSink
  var bytes: [UInt8] = []

  init(sink: GeneratorSink) {
    self.sink = sink
    bytes.reserveCapacity(1 << 21)
  }

  /// Writes out the buffer when it is big.
  mutating func flushIfFull() throws {
    if bytes.count >= 1 << 20 { try flush() }
  }

  mutating func flush() throws {
    guard !bytes.isEmpty else { return }
    try sink.write(bytes)
    bytes.removeAll(keepingCapacity: true)
  }

  mutating func append(_ text: String) {
    bytes.append(contentsOf: text.utf8)
  }

  mutating func append(_ byte: UInt8) {
    bytes.append(byte)
  }

  mutating func append(contentsOf other: [UInt8]) {
    bytes.append(contentsOf: other)
  }

  /// Appends a JSON string literal (quotes included).
  mutating func appendJSON(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    Self.escapeJSON(text, into: &bytes)
    bytes.append(UInt8(ascii: "\""))
  }

  /// The JSON escape of `text` without quotes.
  static func escapeJSON(_ text: String, into out: inout [UInt8]) {
    let clean = text.utf8.allSatisfy {
      $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
    }
    if clean {
      out.append(contentsOf: text.utf8)
      return
    }
    let hex = Array("0123456789abcdef".utf8)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        out.append(UInt8(ascii: "\\"))
        out.append(byte)
      case 0..<0x20:
        out.append(contentsOf: Array("\\u00".utf8))
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 15)])
      default: out.append(byte)
      }
    }
  }

  /// The RFC 4180 cell for `text`: quoted when it holds a comma, quote, line break
  /// or edge spaces.
  static func csvCell(_ text: String) -> [UInt8] {
    let utf8 = Array(text.utf8)
    let needsQuotes =
      utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 < 0x20 }
      || utf8.first == UInt8(ascii: " ") || utf8.last == UInt8(ascii: " ")
    guard needsQuotes else { return utf8 }
    var out: [UInt8] = [UInt8(ascii: "\"")]
    for byte in utf8 {
      if byte == UInt8(ascii: "\"") { out.append(byte) }
      out.append(byte)
    }
    out.append(UInt8(ascii: "\""))
    return out
  }
}
