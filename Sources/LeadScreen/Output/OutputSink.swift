#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why output stopped.
public enum OutputError: Error, Sendable, CustomStringConvertible {
  /// The reader went away (`| head`): end quietly.
  case closedPipe
  case writeFailed(name: String, message: String)
  case cannotCreate(name: String, message: String)

  public var description: String {
    switch self {
    case .closedPipe: "output pipe closed"
    case .writeFailed(let name, let message): "cannot write \(name): \(message)"
    case .cannotCreate(let name, let message): "cannot create \(name): \(message)"
    }
  }
}

/// A buffered byte writer on a file descriptor: output leaves in large writes.
public final class OutputSink {
  public let name: String
  private let fd: Int32
  private let ownsDescriptor: Bool
  public var buffer: [UInt8] = []
  private let flushSize: Int

  public init(fileDescriptor: Int32, name: String, flushSize: Int = 1 << 16) {
    self.fd = fileDescriptor
    self.name = name
    self.ownsDescriptor = false
    self.flushSize = flushSize
    buffer.reserveCapacity(flushSize + 4096)
  }

  /// Creates (or truncates) the file at `path`.
  public init(path: String, flushSize: Int = 1 << 16) throws(OutputError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw .cannotCreate(name: path, message: String(cString: strerror(errno)))
    }
    self.fd = fd
    self.name = path
    self.ownsDescriptor = true
    self.flushSize = flushSize
    buffer.reserveCapacity(flushSize + 4096)
  }

  deinit {
    if ownsDescriptor { close(fd) }
  }

  /// Appends text.
  public func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
  }

  /// Writes the buffer out when it is full.
  public func flushIfNeeded() throws(OutputError) {
    if buffer.count >= flushSize { try flush() }
  }

  /// Writes everything buffered.
  public func flush() throws(OutputError) {
    var offset = 0
    let total = buffer.count
    while offset < total {
      let written = buffer.withUnsafeBytes { raw in
        systemWrite(fd, raw.baseAddress! + offset, total - offset)
      }
      if written < 0 {
        let code = errno
        if code == EINTR { continue }
        buffer.removeAll(keepingCapacity: true)
        if code == EPIPE { throw .closedPipe }
        throw .writeFailed(name: name, message: String(cString: strerror(code)))
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
  }
}

private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, pointer, count)
}
