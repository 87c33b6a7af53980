/// One input of a run: a name for messages and the bytes.
public struct ScoreInput {
  public var name: String
  public var source: any ByteSource

  public init(name: String, source: any ByteSource) {
    self.name = name
    self.source = source
  }
}

/// Reading options of a run.
public struct ReadOptions: Sendable {
  public var format: InputFormat?
  public var maxLineBytes: Int
  /// 1: everything on the calling thread. 2: reading, parsing and normalizing on a
  /// second thread. More: N - 2 threads (at most 6) that only parse, and the reading
  /// and calling threads parse when free (see
  /// ``ScoreRun/runThreaded(inputs:read:pipeline:verdicts:rejects:shouldStop:)``).
  /// The output is the same for any N.
  public var threads: Int

  public init(format: InputFormat? = nil, maxLineBytes: Int = 1 << 20, threads: Int = 1) {
    self.format = format
    self.maxLineBytes = maxLineBytes
    self.threads = threads
  }
}

/// `leadscreen score` as a function: inputs in, verdicts and rejects out,
/// counts returned. The caller opens files and maps errors to exit codes.
public enum ScoreRun {
  /// Why a run stopped early.
  public enum Stop: Error {
    case input(InputError)
    case output(OutputError)
    case interrupted(RunCounts)
  }

  public static func run(
    inputs: [ScoreInput], read: ReadOptions, pipeline: inout ScorePipeline,
    verdicts: inout VerdictWriter, rejects: RejectSink, shouldStop: () -> Bool = { false }
  ) throws(Stop) -> RunCounts {
    if read.threads > 1 {
      return try runThreaded(
        inputs: inputs, read: read, pipeline: &pipeline, verdicts: &verdicts, rejects: rejects,
        shouldStop: shouldStop)
    }
    let normalizer = Normalizer()
    var shortcut = ClickShortcut(preparer: pipeline.clickPreparer())
    var raw = RawRecord()
    func write(_ verdict: Verdict) { verdicts.write(remembering: verdict) }
    for input in inputs {
      var reader = RecordReader(
        source: input.source, format: read.format, maxLineLength: read.maxLineBytes)
      while true {
        if shouldStop() { try interrupted(&pipeline, &verdicts) }
        let read: ReadOutcome?
        do { read = try reader.next(into: &raw, shortcut: &shortcut) } catch { throw .input(error) }
        guard let outcome = read else {  // a click the shortcut took
          pipeline.submit(click: shortcut.click, write: write)
          if let failure = verdicts.failure { throw .output(failure) }
          continue
        }
        switch outcome {
        case .end: break
        case .rejected(let rejection):
          pipeline.noteRejected()
          do { try rejects.write(input: input.name, rejection) } catch { throw .output(error) }
          continue
        case .record:
          let short = normalizer.withClick(raw) { shortcut.preparer.prepare($0) }
          if let click = short ?? nil {
            pipeline.submit(click: click, write: write)
            if let failure = verdicts.failure { throw .output(failure) }
            continue
          }
          switch normalizer.normalize(raw) {
          case .success(let record):
            pipeline.submit(record, write: write)
          case .failure(let error):
            pipeline.noteRejected()
            let rejection = Rejection(
              line: raw.line, reason: error.reason, text: Self.text(of: raw))
            do { try rejects.write(input: input.name, rejection) } catch { throw .output(error) }
          }
          if let failure = verdicts.failure { throw .output(failure) }
          continue
        }
        break
      }
    }
    return try end(&pipeline, &verdicts, rejects: rejects, shouldStop: shouldStop)
  }

  /// The end of a run whose every line was taken: the verdicts still held, written,
  /// and the outputs flushed (or the interrupted end, when asked to stop).
  static func end(
    _ pipeline: inout ScorePipeline, _ verdicts: inout VerdictWriter, rejects: RejectSink,
    shouldStop: () -> Bool
  ) throws(Stop) -> RunCounts {
    if shouldStop() { try interrupted(&pipeline, &verdicts) }
    pipeline.finish { verdicts.write(remembering: $0) }
    if let failure = verdicts.failure { throw .output(failure) }
    do {
      try verdicts.flush()
      try rejects.flush()
    } catch { throw .output(error) }
    return pipeline.counts
  }

  static func interrupted(
    _ pipeline: inout ScorePipeline, _ verdicts: inout VerdictWriter
  ) throws(Stop) -> Never {
    pipeline.finish { verdicts.write(remembering: $0) }
    try? verdicts.flush()
    throw .interrupted(pipeline.counts)
  }

  /// Reads and parses every line into fields and nothing more: the reader's share of a
  /// run, for benchmarks. Returns the records read and the lines rejected.
  public static func readOnly(inputs: [ScoreInput], read: ReadOptions) throws(InputError)
    -> (records: Int, rejected: Int)
  {
    var raw = RawRecord()
    var records = 0
    var rejected = 0
    for input in inputs {
      var reader = RecordReader(
        source: input.source, format: read.format, maxLineLength: read.maxLineBytes)
      reading: while true {
        switch try reader.next(into: &raw) {
        case .end: break reading
        case .rejected: rejected += 1
        case .record: records += 1
        }
      }
    }
    return (records, rejected)
  }

  /// The record's fields as `name=value` text, for a rejected record's message.
  static func text(of raw: RawRecord) -> String {
    (0..<raw.fields.count).map { "\(raw.name(at: $0))=\(raw.value(at: $0))" }
      .joined(separator: " ").prefix(1024).description
  }
}
