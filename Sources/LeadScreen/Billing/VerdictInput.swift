#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why verdicts could not be read at all (the command exits 66).
public enum VerdictInputError: Error, Sendable, Equatable, CustomStringConvertible {
  case cannotOpen(name: String, message: String)
  case readFailed(name: String, message: String)

  public var description: String {
    switch self {
    case .cannotOpen(let name, let message): "cannot open \(name): \(message)"
    case .readFailed(let name, let message): "cannot read \(name): \(message)"
    }
  }
}

/// A file of verdicts (or standard input), read with read(2).
public final class VerdictInput {
  /// `<stdin>` or the path.
  public let name: String
  private let fd: Int32
  private let ownsDescriptor: Bool

  /// Opens `path` for reading; `-` is standard input.
  public convenience init(path: String) throws(VerdictInputError) {
    if path == "-" {
      self.init(fileDescriptor: 0, name: "<stdin>")
      return
    }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw .cannotOpen(name: path, message: String(cString: strerror(errno)))
    }
    var info = stat()
    if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
      close(fd)
      throw .cannotOpen(name: path, message: "is a directory")
    }
    self.init(descriptor: fd, name: path, owns: true)
  }

  /// Reads from an open descriptor it does not close.
  public convenience init(fileDescriptor: Int32, name: String) {
    self.init(descriptor: fileDescriptor, name: name, owns: false)
  }

  private init(descriptor: Int32, name: String, owns: Bool) {
    self.name = name
    self.fd = descriptor
    self.ownsDescriptor = owns
  }

  deinit {
    if ownsDescriptor { close(fd) }
  }

  /// Reads up to `buffer.count` bytes; 0 at the end.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(VerdictInputError) -> Int {
    while true {
      let count = systemRead(fd, buffer.baseAddress, buffer.count)
      if count >= 0 { return count }
      if errno == EINTR { continue }
      throw .readFailed(name: name, message: String(cString: strerror(errno)))
    }
  }

  /// A reader of this input's verdicts.
  public func verdicts(maxLineBytes: Int = 1 << 20) -> VerdictReader {
    VerdictReader(name: name, maxLineBytes: maxLineBytes) {
      (buffer: UnsafeMutableRawBufferPointer) throws(VerdictInputError) -> Int in
      try self.read(into: buffer)
    }
  }
}

private func systemRead(_ fd: Int32, _ pointer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(fd, pointer, count)
}
