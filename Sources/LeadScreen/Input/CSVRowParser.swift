#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Splits one CSV record (RFC 4180) into cells, reusing its buffers.
///
/// - A field that starts with `"` (after optional spaces or tabs, which are
///   dropped) is quoted: it may hold commas, line breaks and doubled quotes
///   (`""` is one `"`); text after its closing quote up to the next comma is
///   kept as is, except trailing spaces and tabs.
/// - In an unquoted field a `"` is an ordinary character (lenient: `5" pipe`
///   stays `5" pipe`).
/// - A record whose last quoted field is still open is incomplete: the reader
///   adds the next physical line and parses again.
struct CSVRowParser {
  /// Decoded cells, concatenated.
  private(set) var cellBytes: [UInt8] = []
  /// Where each cell ends in ``cellBytes``.
  private(set) var cellEnds: [Int] = []

  var cellCount: Int { cellEnds.count }

  /// The byte range of cell `index` in ``cellBytes``.
  @inline(__always) func range(of index: Int) -> Range<Int> {
    (index == 0 ? 0 : cellEnds[index - 1])..<cellEnds[index]
  }

  /// Splits the `count` bytes at `bytes` (no final line break) into cells.
  /// Returns false when a quoted field is still open at the end.
  mutating func parse(_ bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
    cellBytes.removeAll(keepingCapacity: true)
    cellEnds.removeAll(keepingCapacity: true)
    var index = 0
    while true {
      var first = index
      while first < count && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
      var comma: Int
      if first < count && bytes[first] == UInt8(ascii: "\"") {
        var position = first + 1
        while true {
          guard let quote = find(UInt8(ascii: "\""), in: bytes, from: position, to: count) else {
            return false
          }
          append(bytes, from: position, to: quote)
          if quote + 1 < count && bytes[quote + 1] == UInt8(ascii: "\"") {
            cellBytes.append(UInt8(ascii: "\""))
            position = quote + 2
          } else {
            position = quote + 1
            break
          }
        }
        comma = find(UInt8(ascii: ","), in: bytes, from: position, to: count) ?? count
        var tail = comma
        while tail > position && (bytes[tail - 1] == 0x20 || bytes[tail - 1] == 0x09) { tail -= 1 }
        append(bytes, from: position, to: tail)
      } else {
        comma = find(UInt8(ascii: ","), in: bytes, from: index, to: count) ?? count
        append(bytes, from: index, to: comma)
      }
      cellEnds.append(cellBytes.count)
      if comma >= count { return true }
      index = comma + 1
    }
  }

  @inline(__always)
  private mutating func append(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) {
    guard end > start else { return }
    cellBytes.append(contentsOf: UnsafeBufferPointer(start: bytes + start, count: end - start))
  }

  @inline(__always)
  private func find(_ byte: UInt8, in bytes: UnsafePointer<UInt8>, from start: Int, to end: Int)
    -> Int?
  {
    guard end > start, let found = memchr(bytes + start, Int32(byte), end - start) else {
      return nil
    }
    return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - bytes
  }
}
