#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The reader's one reusable buffer: the unread bytes of the source are
/// `base[start..<end]`; more are read at `end` in chunks of `chunkSize`.
///
/// Capacity is `maxRecord + chunkSize`, so a partial record of up to `maxRecord`
/// bytes moved to the front always leaves room for a whole chunk.
///
/// Over a source whose bytes are mapped already (``ByteSource/takeMappedBytes()``) the
/// window is a view of them: `base` is their start, nothing is copied or moved, and
/// each fill moves `end` on by what a read would have added (so the window never
/// holds more than its capacity, and long lines are found as they are when read).
final class ByteWindow {
  let base: UnsafeMutablePointer<UInt8>
  let capacity: Int
  let chunkSize: Int
  var start = 0
  var end = 0
  /// The source returned 0: nothing more will come.
  var atEnd = false
  /// The number of mapped bytes at `base` (nil: `base` is the window's own buffer).
  private let mappedCount: Int?

  init(maxRecord: Int, chunkSize: Int) {
    self.chunkSize = chunkSize
    capacity = maxRecord + chunkSize
    base = .allocate(capacity: capacity)
    mappedCount = nil
  }

  /// A window over `mapped` (not empty), the source's unread bytes.
  init(mapped: UnsafeRawBufferPointer, maxRecord: Int, chunkSize: Int) {
    self.chunkSize = chunkSize
    capacity = maxRecord + chunkSize
    // Never written through: the pages are mapped read-only.
    base = UnsafeMutablePointer(mutating: mapped.baseAddress!.assumingMemoryBound(to: UInt8.self))
    mappedCount = mapped.count
  }

  deinit {
    if mappedCount == nil { base.deallocate() }
  }

  /// Bytes not yet consumed.
  @inline(__always) var available: Int { end - start }

  /// The first unconsumed byte.
  @inline(__always) var pointer: UnsafeMutablePointer<UInt8> { base + start }

  /// The last `\n` found by ``newline(from:)`` (an index into `base`, -1 for none) and
  /// where that search began: a search from anywhere in between finds it without a
  /// scan (a line's end is looked for again when the line is too long, or more bytes
  /// are read). Reset when bytes move.
  private var foundNewline = -1
  private var searchedFrom = 0
  /// The last `\n` read so far (an index into `base`, -1 for none): a whole line is
  /// buffered exactly when it is at or after `start`. Found when bytes are read, by a
  /// search back from their end (a part of a line long).
  private var lastNewline = -1

  /// Whether a whole line is buffered (a `\n` after the first unconsumed byte).
  @inline(__always) var hasNewline: Bool { lastNewline >= start }

  /// Notes the last `\n` of the bytes just read, `base[from..<end]`, if any.
  private func noteLastNewline(readFrom from: Int) {
    var index = end
    while index > from {
      index &-= 1
      if base[index] == 0x0A {
        lastNewline = index
        return
      }
    }
  }

  /// The offset (from `start`) of the first `\n` at or after offset `from`, if buffered.
  @inline(__always)
  func newline(from offset: Int) -> Int? {
    let from = start + offset
    if from >= searchedFrom && from <= foundNewline { return foundNewline - start }
    let count = end - from
    guard count > 0, let found = memchr(base + from, 0x0A, count) else { return nil }
    foundNewline = found.assumingMemoryBound(to: UInt8.self) - base
    searchedFrom = from
    return foundNewline - start
  }

  /// Unconsumed bytes few enough to move to the front before every read: the reads
  /// then reuse the first chunk or two of the buffer, which stay in the CPU's cache,
  /// instead of walking all of its `maxRecord + chunkSize` bytes.
  static let smallRest = 1 << 12

  /// Reads one more chunk, moving the unconsumed bytes to the front first when they
  /// are few (``smallRest``) or the room behind them is smaller than a chunk. Sets
  /// `atEnd` at the end.
  func fill(from source: any ByteSource) throws(InputError) {
    if let mappedCount {
      // What a read would add after the bytes held, without moving them.
      let room = min(chunkSize, capacity - (end - start))
      precondition(room > 0, "record longer than the buffer")
      if end == mappedCount {
        atEnd = true
      } else {
        let from = end
        end = min(mappedCount, end + room)
        noteLastNewline(readFrom: from)
      }
      source.releaseMapped(before: start)
      return
    }
    if start == end {
      start = 0
      end = 0
      foundNewline = -1
      lastNewline = -1
    } else if start > 0 && (capacity - end < chunkSize || end - start <= Self.smallRest) {
      memmove(base, base + start, end - start)
      end -= start
      lastNewline = lastNewline >= start ? lastNewline - start : -1
      start = 0
      foundNewline = -1
    }
    let room = min(chunkSize, capacity - end)
    precondition(room > 0, "record longer than the buffer")
    let count = try source.read(into: UnsafeMutableRawBufferPointer(start: base + end, count: room))
    if count == 0 {
      atEnd = true
    } else {
      end += count
      noteLastNewline(readFrom: end - count)
    }
  }

  /// Forgets `count` bytes.
  @inline(__always) func consume(_ count: Int) { start += count }

  /// Forgets everything buffered.
  func discardAll() {
    if mappedCount != nil {
      start = end
      return
    }
    start = 0
    end = 0
    foundNewline = -1
    lastNewline = -1
  }
}
