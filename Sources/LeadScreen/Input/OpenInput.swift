/// Opens `path` for reading (`-` is standard input).
///
/// Gzip data is recognized by its magic bytes `1f 8b`, whatever the file is
/// called, and inflated transparently; anything else is read as it is.
public func openInput(path: String) throws(InputError) -> any ByteSource {
  let file: FileByteSource =
    if path == "-" {
      FileByteSource(fileDescriptor: 0, name: "-")
    } else {
      try FileByteSource(path: path)
    }
  if let prefix = file.mappedPrefix(2) {
    // The first bytes are there to look at: no read ahead.
    return prefix == [0x1f, 0x8b] ? try GzipByteSource(source: file, name: path) : file
  }
  let peeked = try PeekedByteSource(file, count: 2)
  if peeked.prefix == [0x1f, 0x8b] {
    return try GzipByteSource(source: peeked, name: path)
  }
  return peeked
}

/// A source whose first bytes were read ahead (to sniff the format) and are
/// handed out again before the rest.
final class PeekedByteSource: ByteSource {
  /// The bytes read ahead (fewer than asked only when the source is that short).
  let prefix: [UInt8]
  private var prefixOffset = 0
  private let source: any ByteSource

  init(_ source: any ByteSource, count: Int) throws(InputError) {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 1)
    defer { buffer.deallocate() }
    var filled = 0
    while filled < count {
      let read = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
      if read == 0 { break }
      filled += read
    }
    let prefix = Array(buffer[..<filled])
    self.prefix = prefix
    self.source = source
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    if prefixOffset < prefix.count {
      let count = min(buffer.count, prefix.count - prefixOffset)
      for index in 0..<count { buffer[index] = prefix[prefixOffset + index] }
      prefixOffset += count
      return count
    }
    return try source.read(into: buffer)
  }
}
