import CSystem

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file descriptor read with `read(2)`, or a regular file mapped into memory.
///
/// A regular file opened by path is mapped whole (`mmap(2)`): the reader then parses
/// the file's pages where they are, with no copy into a buffer of its own (on the
/// benchmark machine, `read(2)` of the 461 MB day in the page cache took about 190 ms
/// of system time; touching its mapped pages, about 35 ms). It is read as it was when
/// opened: bytes appended later are not seen, and a file cut shorter while it is read
/// ends the run with exit status 66 (see ``leadscreen_exit_on_bus_error``).
public final class FileByteSource: ByteSource {
  /// The name used in messages (`-` for standard input).
  public let name: String
  private let fileDescriptor: Int32
  private let ownsDescriptor: Bool
  /// The whole file when it is mapped (nil: read with `read(2)`).
  private let mapping: UnsafeRawBufferPointer?
  /// How much of the mapping ``read(into:)`` has handed out.
  private var mappedOffset = 0
  /// The start of the mapping's pages that are still mapped (``releaseMapped(before:)``).
  private var releasedUpTo = 0

  /// Opens `path` for reading; the descriptor is closed when the source goes away.
  public init(path: String) throws(InputError) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw InputError(kind: .cannotOpen, path: path, message: systemMessage(errno))
    }
    self.name = path
    self.fileDescriptor = descriptor
    self.ownsDescriptor = true
    mapping = Self.map(descriptor, path: path)
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
    mapping = nil
  }

  deinit {
    if let mapping { munmap(UnsafeMutableRawPointer(mutating: mapping.baseAddress), mapping.count) }
    if ownsDescriptor { close(fileDescriptor) }
  }

  /// The file mapped read-only, when it is a regular file that is not empty and the
  /// system maps it; else nil.
  private static func map(_ descriptor: Int32, path: String) -> UnsafeRawBufferPointer? {
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
      status.st_size > 0, let size = Int(exactly: status.st_size)
    else { return nil }
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
      address != MAP_FAILED
    else { return nil }
    // Front to back once: the kernel reads ahead, and may drop pages already read.
    _ = madvise(address, size, MADV_SEQUENTIAL)
    return UnsafeRawBufferPointer(start: address, count: size)
  }

  /// Whether the file is mapped (see ``takeMappedBytes()``).
  public var isMapped: Bool { mapping != nil }

  /// The bytes not yet read, when the file is mapped, for a reader that parses them in
  /// place (it then does not call ``read(into:)``). From now on a bus error names this
  /// file (inputs are read one after the other).
  public func takeMappedBytes() -> UnsafeRawBufferPointer? {
    guard let mapping else { return nil }
    leadscreen_exit_on_bus_error(name)
    return UnsafeRawBufferPointer(rebasing: mapping[mappedOffset...])
  }

  /// The mapped file's first bytes, without taking them (to recognize gzip data).
  func mappedPrefix(_ count: Int) -> [UInt8]? {
    guard let mapping else { return nil }
    return Array(mapping.prefix(count))
  }

  /// Gives back the mapped pages wholly before `offset` (from the start of
  /// ``takeMappedBytes()`` as returned): read pages would otherwise count in the
  /// process's memory (its resident size) until the end. The bytes stay readable:
  /// touched again, a page is mapped again from the file.
  public func releaseMapped(before offset: Int) {
    guard let mapping else { return }
    let end = (offset &+ mappedOffset) & ~(Self.pageSize &- 1)
    guard end &- releasedUpTo >= Self.releaseStep else { return }
    _ = madvise(
      UnsafeMutableRawPointer(mutating: mapping.baseAddress! + releasedUpTo), end - releasedUpTo,
      MADV_DONTNEED)
    releasedUpTo = end
  }

  /// Pages are given back this many bytes at a time.
  private static let releaseStep = 1 << 22
  private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    if let mapping {
      if mappedOffset == 0 { leadscreen_exit_on_bus_error(name) }
      let count = min(buffer.count, mapping.count - mappedOffset)
      base.copyMemory(from: mapping.baseAddress! + mappedOffset, byteCount: count)
      mappedOffset += count
      releaseMapped(before: 0)
      return count
    }
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
