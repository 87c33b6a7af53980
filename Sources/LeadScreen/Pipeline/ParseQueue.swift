import DequeModule
import Foundation
import Synchronization

/// Batches from the reading thread to the evaluating one, in input order, parsed on
/// the way by whichever thread is free: at most `limit` batches wait.
final class ParseQueue: @unchecked Sendable {
  enum Take {
    case batch(ScoreRun.Batch)
    /// The reading thread is done and every batch was taken.
    case finished
    /// `shouldStop` said so while waiting.
    case stopped
  }

  private let condition = NSCondition()
  private var batches = Deque<LineBatch>() {
    didSet { waitingCount.store(batches.count, ordering: .relaxed) }
  }
  /// `batches.count`, readable without the lock (see ``evaluatorIsBehind``).
  private let waitingCount = Atomic<Int>(0)
  private var done = false
  private var cancelled = false
  private let limit: Int
  /// Line buffers of parsed batches, emptied, for new batches (so a batch's bytes are
  /// not allocated and faulted in anew each time).
  private var freeBytes: [[UInt8]] = []
  /// Batches evaluated, emptied, for new batches.
  private var freeBatches: [ScoreRun.Batch] = []

  init(limit: Int) {
    self.limit = limit
  }

  /// Whether the evaluating thread is behind: two or more batches wait for it (a hint,
  /// read without the lock; thresholds of one and three measured the same on a day).
  var evaluatorIsBehind: Bool { waitingCount.load(ordering: .relaxed) >= 2 }

  /// Hands over a batch, parsing waiting ones while `limit` batches wait; false once
  /// cancelled.
  func put(_ batch: LineBatch, context: inout ParseContext) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while batches.count >= limit && !cancelled {
      if !parseOne(context: &context) { condition.wait() }
    }
    guard !cancelled else { return false }
    batches.append(batch)
    condition.broadcast()
    return true
  }

  /// An empty batch to parse into, with the memory of one already evaluated when there
  /// is one (a batch is handed over each time the reader reads, every 128 KB or less:
  /// new arrays each time would be allocated and faulted in anew).
  func reusedBatch() -> ScoreRun.Batch {
    condition.lock()
    defer { condition.unlock() }
    return freeBatches.popLast() ?? ScoreRun.Batch(capacity: ScoreRun.batchLines)
  }

  /// Takes back a batch the evaluating thread is done with, for ``reusedBatch()``.
  func recycle(_ batch: consuming ScoreRun.Batch) {
    var batch = batch
    batch.removeAll()
    condition.lock()
    defer { condition.unlock() }
    if freeBatches.count < limit { freeBatches.append(batch) }
  }

  /// An empty line buffer, with the capacity of an earlier batch's when there is one.
  func reusedBytes() -> [UInt8] {
    condition.lock()
    defer { condition.unlock() }
    if let bytes = freeBytes.popLast() { return bytes }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(ScoreRun.batchLines * 512)
    return bytes
  }

  /// The reading thread has put its last batch.
  func finish() {
    condition.lock()
    done = true
    condition.broadcast()
    condition.unlock()
  }

  /// The evaluating thread stops taking: `put` returns false and parsing threads end.
  func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }

  /// The next batch, parsed; while it is not ready, this thread parses the oldest batch
  /// no thread has started (maybe a later one), or waits, checking `shouldStop` every
  /// 50 ms (a signal does not interrupt a wait).
  func take(shouldStop: () -> Bool, context: inout ParseContext) -> Take {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let first = batches.first, first.state == .parsed {
        batches.removeFirst()
        condition.broadcast()
        // Moved out, so the batch's arrays have one owner again (see ``recycle(_:)``).
        let parsed = first.parsed.take()!
        return .batch(parsed)
      }
      if batches.isEmpty && done { return .finished }
      if shouldStop() { return .stopped }
      if !parseOne(context: &context) {
        _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05))
      }
    }
  }

  /// Parses batches until the input is done or the run cancelled.
  func work(context: inout ParseContext) {
    condition.lock()
    defer { condition.unlock() }
    while !cancelled {
      if parseOne(context: &context) { continue }
      if done { return }
      condition.wait()
    }
  }

  /// Parses the oldest batch no thread has started, unlocked meanwhile; false when
  /// there is none. Called with the lock held.
  private func parseOne(context: inout ParseContext) -> Bool {
    guard let batch = batches.first(where: { $0.state == .read }) else { return false }
    batch.state = .parsing
    condition.unlock()
    let parsed = context.parse(batch)
    condition.lock()
    batch.parsed = parsed
    var bytes: [UInt8] = []
    swap(&bytes, &batch.bytes)
    if bytes.capacity <= 2 * ScoreRun.batchBytes {
      bytes.removeAll(keepingCapacity: true)
      freeBytes.append(bytes)
    }
    batch.lines = []
    batch.done = []
    batch.state = .parsed
    condition.broadcast()
    return true
  }
}
