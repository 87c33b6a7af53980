import Foundation

extension ScoreRun {
  /// What the reading thread hands over, in input order.
  enum Item {
    /// A line that is a record (normalized) for the time-ordered stages.
    case record(Record)
    /// A line rejected by the reader or the normalizer, with its input's position.
    case rejected(input: Int, Rejection)
    /// Reading failed here; nothing follows.
    case failed(InputError)
  }

  /// Consecutive lines of the input: short-way clicks and other items, and the order
  /// in which they interleave.
  struct Batch {
    /// For each line: true for the next of `clicks`, false for the next of `items`.
    var isClick: [Bool] = []
    var clicks: [CompactClick] = []
    var items: [Item] = []

    init(capacity: Int) {
      isClick.reserveCapacity(capacity)
      clicks.reserveCapacity(capacity)
    }
  }

  /// How many lines a batch holds, and how many batches may wait (bounding memory).
  static let batchLines = 4096
  static let batchesAhead = 4

  /// The two-thread run: one thread reads, parses and normalizes the input and does
  /// each click's rule look-ups (``ClickPreparer``); this thread takes the results in
  /// input order through the time-ordered stages and writes. Every stage sees the
  /// same values in the same order as in ``run(inputs:read:pipeline:verdicts:rejects:shouldStop:)``
  /// with one thread, so the output is the same bytes.
  ///
  /// When stopped early (`shouldStop`, an output error) the reading thread is told to
  /// stop and not waited for: it may be blocked reading a pipe, and it only touches
  /// its inputs and its own values.
  static func runThreaded(
    inputs: [ScoreInput], read: ReadOptions, pipeline: inout ScorePipeline,
    verdicts: inout VerdictWriter, rejects: RejectSink, shouldStop: () -> Bool
  ) throws(Stop) -> RunCounts {
    let queue = BatchQueue(limit: batchesAhead)
    let reading = ReadingThread(
      inputs: inputs, read: read, preparer: pipeline.clickPreparer(),
      evaluator: pipeline.recordPreparer(), queue: queue)
    let thread = Thread { reading.run() }
    thread.stackSize = 8 << 20
    thread.start()

    var outputError: OutputError?
    func write(_ verdict: Verdict) {
      guard outputError == nil else { return }
      do throws(OutputError) { try verdicts.write(verdict) } catch { outputError = error }
    }
    do throws(Stop) {
      batches: while true {
        let batch: Batch
        switch queue.take(shouldStop: shouldStop) {
        case .batch(let next): batch = next
        case .finished: break batches
        case .stopped: try interrupted(&pipeline, &verdicts)
        }
        var click = 0
        var item = 0
        for isClick in batch.isClick {
          if shouldStop() { try interrupted(&pipeline, &verdicts) }
          if isClick {
            pipeline.submit(click: batch.clicks[click], write: write)
            click += 1
          } else {
            switch batch.items[item] {
            case .record(let record):
              pipeline.submit(record, write: write)
            case .rejected(let input, let rejection):
              pipeline.noteRejected()
              do { try rejects.write(input: inputs[input].name, rejection) } catch {
                throw .output(error)
              }
            case .failed(let error):
              throw .input(error)
            }
            item += 1
          }
          if let outputError { throw .output(outputError) }
        }
      }
    } catch {
      queue.cancel()
      throw error
    }
    // `.finished`: the reading thread is done with the inputs.
    return try end(&pipeline, &verdicts, rejects: rejects, shouldStop: shouldStop)
  }
}

/// The reading side of ``ScoreRun/runThreaded(inputs:read:pipeline:verdicts:rejects:shouldStop:)``:
/// everything it touches (inputs, reader, normalizer, preparers) is its own from `run()`
/// on; it shares only the queue. Hence `@unchecked Sendable`.
final class ReadingThread: @unchecked Sendable {
  private let inputs: [ScoreInput]
  private let read: ReadOptions
  private var preparer: ClickPreparer
  /// Works out leads' and calls' record-only checks (``Evaluator/prepare(_:)``).
  private var evaluator: Evaluator
  private let queue: BatchQueue

  init(
    inputs: [ScoreInput], read: ReadOptions, preparer: ClickPreparer, evaluator: Evaluator,
    queue: BatchQueue
  ) {
    self.inputs = inputs
    self.read = read
    self.preparer = preparer
    self.evaluator = evaluator
    self.queue = queue
  }

  func run() {
    defer { queue.finish() }
    let normalizer = Normalizer()
    var raw = RawRecord()
    var batch = ScoreRun.Batch(capacity: ScoreRun.batchLines)
    for (position, input) in inputs.enumerated() {
      var reader = RecordReader(
        source: input.source, format: read.format, maxLineLength: read.maxLineBytes)
      while true {
        // About to read (maybe to wait on a pipe): hand over what was parsed, so that
        // it is evaluated and written meanwhile, and on a signal.
        if !batch.isClick.isEmpty && !reader.hasBufferedLine {
          guard queue.put(batch) else { return }
          batch = ScoreRun.Batch(capacity: ScoreRun.batchLines)
        }
        let outcome: ReadOutcome
        do { outcome = try reader.next(into: &raw) } catch {
          batch.isClick.append(false)
          batch.items.append(.failed(error))
          _ = queue.put(batch)
          return
        }
        switch outcome {
        case .end: break
        case .rejected(let rejection):
          batch.isClick.append(false)
          batch.items.append(.rejected(input: position, rejection))
        case .record:
          if let click = normalizer.withClick(raw, { preparer.prepare($0) }) ?? nil {
            batch.isClick.append(true)
            batch.clicks.append(click)
          } else {
            batch.isClick.append(false)
            switch normalizer.normalize(raw) {
            case .success(var record):
              evaluator.prepare(&record)
              batch.items.append(.record(record))
            case .failure(let error):
              let rejection = Rejection(
                line: raw.line, reason: error.reason, text: ScoreRun.text(of: raw))
              batch.items.append(.rejected(input: position, rejection))
            }
          }
        }
        if case .end = outcome { break }
        if batch.isClick.count >= ScoreRun.batchLines {
          guard queue.put(batch) else { return }
          batch = ScoreRun.Batch(capacity: ScoreRun.batchLines)
        }
      }
    }
    _ = queue.put(batch)
  }
}

/// Batches from the reading thread to the evaluating one: at most `limit` waiting.
final class BatchQueue: @unchecked Sendable {
  enum Take {
    case batch(ScoreRun.Batch)
    /// The reading thread is done and every batch was taken.
    case finished
    /// `shouldStop` said so while waiting.
    case stopped
  }

  private let condition = NSCondition()
  private var waiting: [ScoreRun.Batch] = []
  private var done = false
  private var cancelled = false
  private let limit: Int

  init(limit: Int) {
    self.limit = limit
  }

  /// Hands over a batch, waiting while `limit` batches wait; false once cancelled.
  func put(_ batch: ScoreRun.Batch) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while waiting.count >= limit && !cancelled { condition.wait() }
    guard !cancelled else { return false }
    waiting.append(batch)
    condition.broadcast()
    return true
  }

  /// The reading thread has put its last batch.
  func finish() {
    condition.lock()
    done = true
    condition.broadcast()
    condition.unlock()
  }

  /// The evaluating thread stops taking: `put` returns false from now on.
  func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }

  /// The next batch; while none is ready, checks `shouldStop` every 50 ms (a signal
  /// does not interrupt a condition wait).
  func take(shouldStop: () -> Bool) -> Take {
    condition.lock()
    defer { condition.unlock() }
    while waiting.isEmpty {
      if done { return .finished }
      if shouldStop() { return .stopped }
      _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05))
    }
    let batch = waiting.removeFirst()
    condition.broadcast()
    return .batch(batch)
  }
}
