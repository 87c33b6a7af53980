/// Anything bytes can be read from: a file, standard input, a gzip stream, memory.
///
/// The reader asks for large chunks; a source may return fewer bytes than asked
/// (a pipe, a test source) but returns 0 only at the end.
public protocol ByteSource: AnyObject {
  /// Reads up to `buffer.count` bytes into `buffer` and returns how many; 0 at the end.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int

  /// The source's unread bytes, when they are all in memory already (a mapped file),
  /// for a reader about to parse them where they are instead of calling
  /// ``read(into:)``. Nil for anything else.
  func takeMappedBytes() -> UnsafeRawBufferPointer?

  /// Tells a source whose mapped bytes were taken that the bytes before `offset` (from the
  /// start of ``takeMappedBytes()``) will not be needed soon: it may give their memory back.
  func releaseMapped(before offset: Int)
}

extension ByteSource {
  public func takeMappedBytes() -> UnsafeRawBufferPointer? { nil }
  public func releaseMapped(before offset: Int) {}
}

/// Bytes held in memory, handed out at most `chunkSize` at a time.
///
/// Small chunk sizes exercise every chunk-boundary case of the reader.
public final class MemoryByteSource: ByteSource {
  private let bytes: [UInt8]
  private let chunkSize: Int
  private var offset = 0

  /// A source over `bytes` that returns at most `chunkSize` bytes per read.
  public init(_ bytes: [UInt8], chunkSize: Int = .max) {
    precondition(chunkSize > 0, "chunkSize must be positive")
    self.bytes = bytes
    self.chunkSize = chunkSize
  }

  /// A source over the UTF-8 bytes of `text`.
  public convenience init(_ text: String, chunkSize: Int = .max) {
    self.init(Array(text.utf8), chunkSize: chunkSize)
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    let count = min(buffer.count, chunkSize, bytes.count - offset)
    guard count > 0 else { return 0 }
    bytes.withUnsafeBytes { all in
      buffer.baseAddress!.copyMemory(from: all.baseAddress! + offset, byteCount: count)
    }
    offset += count
    return count
  }
}
