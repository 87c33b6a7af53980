import CZlib

/// Inflates gzip data read from another source.
///
/// Concatenated gzip members (`cat a.gz b.gz`, or `gzip` appending to a file)
/// read as one stream. Data that does not inflate, a truncated member, or
/// anything but another gzip member after one ends, is ``InputError/Kind/corruptGzip``.
public final class GzipByteSource: ByteSource {
  private let source: any ByteSource
  private let name: String
  private let stream: UnsafeMutablePointer<z_stream>
  private let input: UnsafeMutableRawBufferPointer
  /// Whether the compressed source is exhausted.
  private var sourceEnded = false
  /// Whether we are inside a member (between its first byte and its end).
  private var inMember = false
  /// Whether at least one member was started.
  private var sawMember = false
  private var finished = false

  /// Inflates `source`; `name` is used in error messages.
  public init(source: any ByteSource, name: String, inputBufferSize: Int = 1 << 18)
    throws(InputError)
  {
    self.source = source
    self.name = name
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    input = .allocate(byteCount: max(inputBufferSize, 16), alignment: 16)
    guard czlib_inflate_init_gzip(stream) == Z_OK else {
      stream.deallocate()
      input.deallocate()
      throw InputError(kind: .readFailed, path: name, message: "cannot start zlib")
    }
  }

  deinit {
    inflateEnd(stream)
    stream.deallocate()
    input.deallocate()
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    guard let out = buffer.baseAddress, buffer.count > 0, !finished else { return 0 }
    let capacity = min(buffer.count, Int(UInt32.max))
    stream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
    stream.pointee.avail_out = UInt32(capacity)
    while true {
      if stream.pointee.avail_in == 0 && !sourceEnded { try refill() }
      if stream.pointee.avail_in == 0 && sourceEnded {
        if inMember || !sawMember {
          throw corrupt("unexpected end of data (truncated file?)")
        }
        finished = true
        return capacity - Int(stream.pointee.avail_out)
      }
      if !inMember {
        // A new member starts (the first, or one concatenated after another).
        if sawMember { inflateReset(stream) }
        inMember = true
        sawMember = true
      }
      let status = inflate(stream, Z_NO_FLUSH)
      let produced = capacity - Int(stream.pointee.avail_out)
      switch status {
      case Z_STREAM_END:
        inMember = false
        if produced > 0 { return produced }
      case Z_OK, Z_BUF_ERROR:
        if produced > 0 { return produced }
      case Z_MEM_ERROR:
        throw InputError(kind: .readFailed, path: name, message: "out of memory in zlib")
      default:
        let message = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
        throw corrupt(message)
      }
    }
  }

  private func refill() throws(InputError) {
    let count = try source.read(into: input)
    if count == 0 {
      sourceEnded = true
    } else {
      stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
      stream.pointee.avail_in = UInt32(count)
    }
  }

  private func corrupt(_ message: String) -> InputError {
    InputError(kind: .corruptGzip, path: name, message: message)
  }
}
