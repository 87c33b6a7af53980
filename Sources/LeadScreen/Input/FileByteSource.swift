#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file descriptor read with `read(2)`.
public final class FileByteSource: ByteSource {
  /// The name used in messages (`-` for standard input).
  public let name: String
  private let fileDescriptor: Int32
  private let ownsDescriptor: Bool

  /// Opens `path` for reading; the descriptor is closed when the source goes away.
  public init(path: String) throws(InputError) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw InputError(kind: .cannotOpen, path: path, message: systemMessage(errno))
    }
    self.name = path
    self.fileDescriptor = descriptor
    self.ownsDescriptor = true
    // Read front to back once: the kernel may read further ahead, in larger pieces.
    // (A hint: ignored where it does not apply, such as a pipe.)
    #if canImport(Glibc) || canImport(Musl)
      _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
    #endif
  }

  /// Reads an already open descriptor, which stays open (standard input: `0`, `"-"`).
  public init(fileDescriptor: Int32, name: String) {
    self.name = name
    self.fileDescriptor = fileDescriptor
    self.ownsDescriptor = false
  }

  deinit {
    if ownsDescriptor { close(fileDescriptor) }
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    while true {
      let count = readDescriptor(fileDescriptor, base, buffer.count)
      if count >= 0 { return count }
      let code = errno
      // A signal asking the run to stop ends the input here; the caller sees
      // Interruption.isRequested and stops.
      if code == EINTR {
        if Interruption.isRequested { return 0 }
        continue
      }
      throw InputError(kind: .readFailed, path: name, message: systemMessage(code))
    }
  }
}

/// The C library's text for an `errno` value.
func systemMessage(_ code: Int32) -> String {
  guard let text = strerror(code) else { return "error \(code)" }
  return String(cString: text)
}

/// `read(2)`, out of reach of the method of the same name.
private func readDescriptor(
  _ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int
) -> Int {
  read(descriptor, buffer, count)
}
