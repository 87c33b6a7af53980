import CSystem
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A temporary file that state too old to be looked up often is written to
/// (``DuplicateIndex``'s sealed contact segments), read back with `pread(2)` so
/// its pages stay in the page cache, not in the process's memory.
///
/// The file is created on the first write in `directory` (`$TMPDIR`, else `/tmp`)
/// and unlinked at once: nothing is left behind, however the process ends. Space
/// of a region no longer used is given back with `fallocate(2)` (punching a hole),
/// where the file system allows it.
///
/// Writes that fail (no such directory, disk full) turn spilling off: the caller
/// keeps its data in memory, and ``writeProblem`` says why. A read that fails sets
/// ``failure``; the run must then stop, as results read after it cannot be trusted.
///
/// It is used from one thread at a time: the evaluator that owns the index (the index
/// moves to the evaluating thread with it), hence `@unchecked Sendable`.
public final class SpillFile: @unchecked Sendable {
  private let directory: String
  private var descriptor: Int32 = -1
  private var end: Int64 = 0
  /// Why spilling is off (the data stays in memory); `nil` while it works.
  public private(set) var writeProblem: String?
  /// The first failed read, after which results are wrong: the run must stop.
  public private(set) var failure: String? {
    didSet { failed.store(failure != nil, ordering: .relaxed) }
  }
  /// Whether ``failure`` is set, for the check between every two records (an atomic
  /// constant: a stored `var` of a class is checked for exclusive access at each read).
  public var hasFailed: Bool { failed.load(ordering: .relaxed) }
  private let failed = Atomic<Bool>(false)
  /// Bytes written so far, and bytes given back (for tests and reports).
  public private(set) var bytesWritten: Int64 = 0
  public private(set) var bytesDiscarded: Int64 = 0

  /// - Parameter directory: where to create the file; `nil` means `$TMPDIR`, else `/tmp`.
  public init(directory: String? = nil) {
    if let directory {
      self.directory = directory
    } else if let value = getenv("TMPDIR"), value.pointee != 0 {
      self.directory = String(cString: value)
    } else {
      self.directory = "/tmp"
    }
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  /// Whether writes may still be tried.
  public var isUsable: Bool { writeProblem == nil }

  /// The offset the next ``append(_:)`` writes at.
  var endOffset: Int64 { end }

  /// Appends `bytes`; returns their offset, or `nil` (and spilling is off from then
  /// on) when they could not all be written.
  func append(_ bytes: UnsafeRawBufferPointer) -> Int64? {
    guard writeProblem == nil else { return nil }
    if descriptor < 0 {
      var template = Array("\(directory)/leadscreen-spill-XXXXXX".utf8CString)
      let opened = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
      guard opened >= 0 else {
        writeProblem = "cannot create a temporary file in \(directory): \(Self.lastError())"
        return nil
      }
      template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
      _ = fcntl(opened, F_SETFD, FD_CLOEXEC)
      descriptor = opened
    }
    let start = end
    let descriptor = descriptor
    let failed = Self.transferAll(bytes.count) { done in
      pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(start + Int64(done)))
    }
    if failed != nil {
      writeProblem = "cannot write the temporary file in \(directory): \(Self.lastError())"
      return nil
    }
    end = start + Int64(bytes.count)
    bytesWritten += Int64(bytes.count)
    return start
  }

  /// Forgets everything appended from `offset` on (a write that failed half way).
  func truncate(to offset: Int64) {
    guard descriptor >= 0, offset <= end else { return }
    bytesWritten -= end - offset
    end = offset
    _ = ftruncate(descriptor, off_t(offset))  // also bytes of a write that failed half way
  }

  /// Notes data read back that cannot be what was written.
  func noteCorrupt(_ what: String) {
    if failure == nil { failure = "the temporary file in \(directory) gave back \(what)" }
  }

  /// Fills `buffer` from `offset`; on failure fills it with zeros and sets ``failure``.
  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) {
    let descriptor = descriptor
    let failed = Self.transferAll(buffer.count) { done in
      pread(
        descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + Int64(done)))
    }
    guard let failed else { return }
    if failure == nil {
      failure =
        "cannot read back the temporary file in \(directory): "
        + (failed == 0 ? "it is shorter than written" : Self.lastError())
    }
    buffer.initializeMemory(as: UInt8.self, repeating: 0)
  }

  /// Calls `transfer(done)` (a `pread` or `pwrite` of the bytes from `done` on) until
  /// `count` bytes have moved, again after EINTR. Returns nil when they all did, else the
  /// call's last result: 0 (the end of the file) or -1 (`errno` says why).
  private static func transferAll(_ count: Int, _ transfer: (Int) -> Int) -> Int? {
    var done = 0
    while done < count {
      let moved = transfer(done)
      if moved < 0, errno == EINTR { continue }
      guard moved > 0 else { return moved }
      done += moved
    }
    return nil
  }

  /// One value of type `T` at `offset`.
  @inline(__always)
  func load<T: FixedWidthInteger>(_: T.Type, at offset: Int64) -> T {
    var value: T = 0
    withUnsafeMutableBytes(of: &value) { read(into: $0, at: offset) }
    return value
  }

  /// Gives the space of a region no longer used back to the file system (best effort).
  func discard(offset: Int64, length: Int64) {
    guard descriptor >= 0, length > 0 else { return }
    if leadscreen_punch_hole(descriptor, offset, length) == 0 { bytesDiscarded += length }
  }

  private static func lastError() -> String {
    String(cString: strerror(errno))
  }
}
