import Foundation

extension ScoreRun {
  /// What the reading side hands over, in input order.
  enum Item {
    /// A line that is a record (normalized) for the time-ordered stages.
    case record(RecordBox)
    /// A line rejected by the reader or the normalizer, with its input's position.
    case rejected(input: Int, Rejection)
    /// Reading failed here; nothing follows.
    case failed(InputError)
  }

  /// Consecutive lines of the input, parsed: short-way clicks and other items, and the
  /// order in which they interleave.
  ///
  /// The lines' kinds and the clicks are kept in memory of a fixed capacity (a
  /// ``BatchColumns``): adding a click is two stores, with none of the uniqueness and
  /// capacity tests an array's append makes (callgrind, two threads, the generated
  /// day's first 100k lines: 68 instructions a line fewer in all). A batch has one owner
  /// at a time: it is moved through ``ParseQueue`` from thread to thread, never used on
  /// two.
  struct Batch {
    private let columns: BatchColumns
    /// Lines held.
    private(set) var count = 0
    private var clickCount = 0
    var items: [Item] = []

    /// An empty batch for up to `capacity` lines.
    init(capacity: Int) {
      columns = BatchColumns(capacity: capacity)
    }

    /// Whether the line at `index` (below ``count``) is a click, the next of
    /// ``click(_:)``; else it is the next of ``items``.
    @inline(__always)
    func isClick(_ index: Int) -> Bool { columns.isClick[index] }

    /// The click at `index` among the batch's clicks.
    @inline(__always)
    func click(_ index: Int) -> CompactClick { columns.clicks[index] }

    /// Forgets the lines, keeping the memory (see ``ParseQueue/recycle(_:)``).
    mutating func removeAll() {
      count = 0
      clickCount = 0
      // (Emptying an array that never had memory, keeping its capacity, allocates.)
      if !items.isEmpty { items.removeAll(keepingCapacity: true) }
    }

    @inline(__always)
    mutating func append(_ line: ParsedLine) {
      precondition(count < columns.capacity, "a batch holds at most its capacity")
      switch line {
      case .click(let click):
        columns.isClick[count] = true
        (columns.clicks + clickCount).initialize(to: click)
        clickCount &+= 1
      case .item(let item):
        columns.isClick[count] = false
        items.append(item)
      }
      count &+= 1
    }
  }

  /// A batch's lines' kinds and clicks, in memory of a fixed capacity (plain values:
  /// nothing to deinitialize). Used by one thread at a time (see ``Batch``), hence
  /// `@unchecked Sendable`.
  final class BatchColumns: @unchecked Sendable {
    let capacity: Int
    let isClick: UnsafeMutablePointer<Bool>
    let clicks: UnsafeMutablePointer<CompactClick>

    init(capacity: Int) {
      self.capacity = capacity
      isClick = .allocate(capacity: capacity)
      clicks = .allocate(capacity: capacity)
    }

    deinit {
      isClick.deallocate()
      clicks.deallocate()
    }
  }

  /// One line after parsing and normalizing.
  enum ParsedLine {
    case click(CompactClick)
    case item(Item)
  }

  /// How many lines a batch holds.
  static let batchLines = 4096
  /// A batch of lines left to parse is handed over at this many bytes, even with fewer
  /// lines (long lines); line buffers grown past twice this are not kept for reuse.
  static let batchBytes = 4 << 20
  /// Threads that only parse, at most: each has its own caches (the user-agent cache
  /// grows to about 8 MB) and two batches in flight, and all feed one time-ordered thread.
  static let maxParsingThreads = 6

  /// The run on several threads. This thread takes the input's lines, parsed, in
  /// input order through the time-ordered stages and writes; a second thread reads.
  /// Parsing a line (checking and parsing it, normalizing it and its record-only
  /// look-ups: ``ClickPreparer``, and ``Evaluator/prepare(_:)`` unless the evaluating
  /// thread is to do those) depends on the line alone:
  /// - with two threads, the reading thread parses each line as it reads it (and
  ///   prepares leads and calls only while this thread is behind: ``ParseQueue/evaluatorIsBehind``);
  /// - with `threads` N > 2, it reads CSV rows (their header is reading state) but
  ///   leaves NDJSON lines as bytes in batches, which N - 2 threads (at most
  ///   ``maxParsingThreads``) parse, as do the reading thread while it is ahead and this
  ///   one while it waits (``ParseContext``).
  ///
  /// Every stage sees the same values in the same order as in
  /// ``run(inputs:read:pipeline:verdicts:rejects:shouldStop:)`` with one thread, so the
  /// output is the same bytes for any N.
  ///
  /// When stopped early (`shouldStop`, an output error) the other threads are told to
  /// stop and not waited for: the reading one may be blocked reading a pipe, and they
  /// only touch their own values and the batches not yet taken.
  static func runThreaded(
    inputs: [ScoreInput], read: ReadOptions, pipeline: inout ScorePipeline,
    verdicts: inout VerdictWriter, rejects: RejectSink, shouldStop: () -> Bool
  ) throws(Stop) -> RunCounts {
    let parsers = min(max(read.threads - 2, 0), maxParsingThreads)
    let queue = ParseQueue(limit: 4 + 2 * parsers)
    func context() -> ParseContext {
      ParseContext(preparer: pipeline.clickPreparer(), evaluator: pipeline.recordPreparer())
    }
    let reading = ReadingThread(
      inputs: inputs, read: read, context: context(), queue: queue, defersParsing: parsers > 0)
    let thread = Thread { reading.run() }
    thread.stackSize = 8 << 20
    thread.start()
    for _ in 0..<parsers {
      let parser = ParsingThread(context: context(), queue: queue)
      let thread = Thread { parser.run() }
      thread.stackSize = 8 << 20
      thread.start()
    }
    var own = context()

    func write(_ verdict: Verdict) { verdicts.write(remembering: verdict) }
    do throws(Stop) {
      batches: while true {
        let batch: Batch
        switch queue.take(shouldStop: shouldStop, context: &own) {
        case .batch(let next): batch = next
        case .finished: break batches
        case .stopped: try interrupted(&pipeline, &verdicts)
        }
        var click = 0
        var item = 0
        for line in 0..<batch.count {
          if shouldStop() { try interrupted(&pipeline, &verdicts) }
          if batch.isClick(line) {
            pipeline.submit(click: batch.click(click), write: write)
            click += 1
          } else {
            switch batch.items[item] {
            case .record(let box):
              pipeline.submit(box, write: write)
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
          if let failure = verdicts.failure { throw .output(failure) }
        }
        // With two threads the reading one parses into reused batches; parsing threads
        // make a batch of the right size for each batch of lines they parse.
        if parsers == 0 { queue.recycle(consume batch) }
      }
    } catch {
      queue.cancel()
      throw error
    }
    // `.finished`: the reading thread is done with the inputs.
    return try end(&pipeline, &verdicts, rejects: rejects, shouldStop: shouldStop)
  }
}

/// Consecutive lines as read: NDJSON lines as bytes not yet parsed, and lines the
/// reader already turned into results (CSV rows, rejections). Shared between threads
/// only through ``ParseQueue``, which hands each to one parser at a time.
final class LineBatch: @unchecked Sendable {
  enum Line {
    /// `count` bytes at `offset` in ``bytes``; the object starts after `bom` bytes.
    case json(offset: Int, bom: Int, count: Int, line: Int)
    /// The result at this index of ``done`` (kept apart, so a line stays small).
    case parsed(Int)
  }

  enum State { case read, parsing, parsed }

  let input: Int
  var bytes: [UInt8] = []
  var lines: [Line] = []
  /// Lines the reader already turned into results (CSV rows, rejections).
  var done: [ScoreRun.ParsedLine] = []
  /// Guarded by the queue's lock.
  var state = State.read
  var parsed: ScoreRun.Batch?

  /// A batch of `input`'s lines to parse later, reusing `bytes`' capacity.
  init(input: Int, bytes: [UInt8]) {
    self.input = input
    self.bytes = bytes
    lines.reserveCapacity(ScoreRun.batchLines)
  }

  /// A batch of `input`'s lines parsed as they are read (into `parsed`).
  init(input: Int, parsed: ScoreRun.Batch) {
    self.input = input
    self.parsed = parsed
    state = .parsed
  }
}

/// What parsing a line needs on one thread: a normalizer, the look-ups' caches and
/// PCRE2 scratch (each thread its own) and a record to parse into.
struct ParseContext {
  private let normalizer = Normalizer()
  /// Takes NDJSON clicks straight from their lines; its preparer takes the clicks of records.
  var shortcut: ClickShortcut
  /// Works out leads' and calls' record-only checks (``Evaluator/prepare(_:)``).
  private var evaluator: Evaluator
  private var raw = RawRecord()

  init(preparer: ClickPreparer, evaluator: Evaluator) {
    shortcut = ClickShortcut(preparer: preparer)
    self.evaluator = evaluator
  }

  /// A record the reader filled (a CSV row), normalized and, when `prepares`, prepared
  /// (else the evaluating thread works its checks out: the same results).
  mutating func take(_ record: RawRecord, input: Int, prepares: Bool = true)
    -> ScoreRun.ParsedLine
  {
    if let click = normalizer.withClick(record, { shortcut.preparer.prepare($0) }) ?? nil {
      return .click(click)
    }
    switch normalizer.normalize(record) {
    case .success(var normalized):
      if prepares { evaluator.prepare(&normalized) }
      return .item(.record(RecordBox(normalized)))
    case .failure(let error):
      let rejection = Rejection(
        line: record.line, reason: error.reason, text: ScoreRun.text(of: record))
      return .item(.rejected(input: input, rejection))
    }
  }

  /// Parses a batch's NDJSON lines and puts every line's result in order.
  mutating func parse(_ batch: LineBatch) -> ScoreRun.Batch {
    var parsed = ScoreRun.Batch(capacity: batch.lines.count)
    batch.bytes.withUnsafeBufferPointer { bytes in
      for line in batch.lines {
        switch line {
        case .parsed(let index):
          parsed.append(batch.done[index])
        case .json(let offset, let bom, let count, let number):
          switch RecordReader.parseJSONLine(
            bytes.baseAddress! + offset, count: count, start: bom, line: number, into: &raw,
            shortcut: &shortcut)
          {
          case nil: parsed.append(.click(shortcut.click))
          case .rejected(let rejection)?:
            parsed.append(.item(.rejected(input: batch.input, rejection)))
          case .record?, .end?: parsed.append(take(raw, input: batch.input))
          }
        }
      }
    }
    return parsed
  }
}

/// The reading side of ``ScoreRun/runThreaded(inputs:read:pipeline:verdicts:rejects:shouldStop:)``:
/// everything it touches (inputs, reader, its parse context) is its own from `run()`
/// on; it shares only the queue. Hence `@unchecked Sendable`.
///
/// With no parsing threads (two threads in all) it parses every line as it reads
/// it, which costs least on two cores; with parsing threads it leaves NDJSON lines
/// as bytes for them (and parses only while it is ahead).
final class ReadingThread: @unchecked Sendable {
  private let inputs: [ScoreInput]
  private let read: ReadOptions
  /// Taken by ``run()`` (a class's stored `var` would be checked for exclusive access
  /// at every use in its loop).
  private var context: ParseContext?
  private let queue: ParseQueue
  private let defersParsing: Bool

  init(
    inputs: [ScoreInput], read: ReadOptions, context: ParseContext, queue: ParseQueue,
    defersParsing: Bool
  ) {
    self.inputs = inputs
    self.read = read
    self.context = context
    self.queue = queue
    self.defersParsing = defersParsing
  }

  func run() {
    defer { queue.finish() }
    guard var context = context.take() else { return }
    var raw = RawRecord()
    for (position, input) in inputs.enumerated() {
      var pending = Pending(input: position, defers: defersParsing, queue: queue)
      var reader = RecordReader(
        source: input.source, format: read.format, maxLineLength: read.maxLineBytes)
      while true {
        // About to read (maybe to wait on a pipe): hand over what was read, so that
        // it is parsed, evaluated and written meanwhile, and on a signal.
        if pending.count > 0 && !reader.hasBufferedLine {
          guard queue.put(pending.take(), context: &context) else { return }
        }
        let outcome: FramedOutcome?  // nil: a click the shortcut took
        do {
          outcome =
            defersParsing
            ? try reader.nextFramed(into: &raw, lines: &pending.lines.bytes)
            : try reader.next(into: &raw, shortcut: &context.shortcut).map(FramedOutcome.init)
        } catch {
          pending.add(.item(.failed(error)))
          _ = queue.put(pending.take(), context: &context)
          return
        }
        switch outcome {
        case nil:
          pending.add(.click(context.shortcut.click))
        case .end?: break
        case .rejected(let rejection)?:
          pending.add(.item(.rejected(input: position, rejection)))
        case .record?:
          // With two threads the reading one is usually the busier (a day's stream is
          // mostly clicks, which it takes apart): it prepares leads and calls only
          // while the evaluating thread is behind, and leaves them to it otherwise.
          pending.add(
            context.take(raw, input: position, prepares: defersParsing || queue.evaluatorIsBehind))
        case .json(let bom, let count, let line)?:
          pending.lines.lines.append(
            .json(offset: pending.lines.bytes.count - count, bom: bom, count: count, line: line))
        }
        if case .end? = outcome { break }
        if pending.isFull {
          guard queue.put(pending.take(), context: &context) else { return }
        }
      }
      if pending.count > 0 {
        guard queue.put(pending.take(), context: &context) else { return }
      }
    }
  }

  /// The batch being filled: lines left to parse (``lines``), or lines parsed as read
  /// (``parsed``, a value, so adding to it is a plain append).
  private struct Pending {
    let input: Int
    let defers: Bool
    let queue: ParseQueue
    var lines: LineBatch
    var parsed: ScoreRun.Batch

    init(input: Int, defers: Bool, queue: ParseQueue) {
      parsed = defers ? ScoreRun.Batch(capacity: 0) : queue.reusedBatch()
      self.input = input
      self.defers = defers
      self.queue = queue
      lines =
        defers
        ? LineBatch(input: input, bytes: queue.reusedBytes())
        : LineBatch(input: input, parsed: ScoreRun.Batch(capacity: 0))
    }

    var count: Int { defers ? lines.lines.count : parsed.count }

    /// Whether the batch is due: enough lines, or (lines left to parse) enough bytes.
    var isFull: Bool {
      count >= ScoreRun.batchLines || (defers && lines.bytes.count >= ScoreRun.batchBytes)
    }

    mutating func add(_ line: ScoreRun.ParsedLine) {
      if defers {
        lines.lines.append(.parsed(lines.done.count))
        lines.done.append(line)
      } else {
        parsed.append(line)
      }
    }

    /// The batch to hand over; a new one is started.
    mutating func take() -> LineBatch {
      if defers {
        defer { lines = LineBatch(input: input, bytes: queue.reusedBytes()) }
        return lines
      }
      defer { parsed = queue.reusedBatch() }
      return LineBatch(input: input, parsed: parsed)
    }
  }
}

/// A thread that only parses batches (``ParseQueue/work(context:)``).
final class ParsingThread: @unchecked Sendable {
  private var context: ParseContext
  private let queue: ParseQueue

  init(context: ParseContext, queue: ParseQueue) {
    self.context = context
    self.queue = queue
  }

  func run() { queue.work(context: &context) }
}
