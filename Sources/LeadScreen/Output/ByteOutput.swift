/// Where output text goes as bytes: a `[UInt8]`, or a ``LineBuilder`` writing raw memory.
/// The JSON writers (``JSONText``, ``Timestamp/appendRFC3339(to:)``) are generic over it,
/// so one piece of code writes both.
public protocol ByteOutput {
  mutating func append(_ byte: UInt8)
  mutating func append(bytes: UnsafeRawBufferPointer)
}

extension ByteOutput {
  /// Appends the bytes of a literal.
  @inline(__always)
  public mutating func append(_ literal: StaticString) {
    append(
      bytes: UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  /// Appends the UTF-8 bytes of `text`.
  @inline(__always)
  public mutating func append(text: String) {
    var text = text
    text.withUTF8 { append(bytes: UnsafeRawBufferPointer($0)) }
  }
}

extension Array: ByteOutput where Element == UInt8 {
  @inline(__always)
  public mutating func append(bytes: UnsafeRawBufferPointer) {
    append(contentsOf: bytes)
  }
}

/// One output line built in memory it does not own (``LineScratch``), then copied out
/// whole: an append is a bounds test and a store or `memcpy`, where an array's is a
/// call that checks the buffer's uniqueness and capacity (writing a verdict line cost
/// 6,500 instructions that way; callgrind, the bench day).
///
/// A piece that does not fit is dropped and ``overflowed`` set: the caller builds the
/// line again in a larger scratch.
struct LineBuilder: ByteOutput {
  private let base: UnsafeMutablePointer<UInt8>
  private let capacity: Int
  private(set) var count = 0
  private(set) var overflowed = false

  init(_ scratch: LineScratch) {
    base = scratch.base
    capacity = scratch.capacity
  }

  @inline(__always)
  mutating func append(_ byte: UInt8) {
    guard count < capacity else {
      overflowed = true
      return
    }
    base[count] = byte
    count &+= 1
  }

  @inline(__always)
  mutating func append(bytes: UnsafeRawBufferPointer) {
    guard bytes.count <= capacity &- count else {
      overflowed = true
      return
    }
    if let source = bytes.baseAddress {
      UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: bytes.count)
    }
    count &+= bytes.count
  }

  /// The line so far.
  var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}

/// The memory a ``LineBuilder`` writes into, kept from line to line.
final class LineScratch {
  let base: UnsafeMutablePointer<UInt8>
  let capacity: Int

  init(capacity: Int) {
    self.capacity = max(capacity, 1)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }
}
