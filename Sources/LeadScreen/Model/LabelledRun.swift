/// Labelled records through the scoring pipeline, so the features see exactly
/// the click state and findings `score` would.
public enum LabelledRun {
  /// Reads `inputs`, evaluates every record in time order, and collects the
  /// labelled leads and calls. Rejected lines go to `rejects`.
  public static func collect(
    inputs: [ScoreInput], read: ReadOptions, evaluator: Evaluator, features: LeadFeatures,
    rejects: RejectSink
  ) throws(ScoreRun.Stop) -> (set: LabelledSet, counts: RunCounts) {
    final class Collector {
      var set = LabelledSet()
    }
    let collector = Collector()
    var pipeline = ScorePipeline(evaluator: evaluator, emit: .billable)
    pipeline.onEvaluated = { context, verdict in
      collector.set.add(context, verdict: verdict, features: features)
    }
    let normalizer = Normalizer()
    var raw = RawRecord()
    for input in inputs {
      var reader = RecordReader(
        source: input.source, format: read.format, maxLineLength: read.maxLineBytes)
      reading: while true {
        let outcome: ReadOutcome
        do { outcome = try reader.next(into: &raw) } catch { throw .input(error) }
        switch outcome {
        case .end:
          break reading
        case .rejected(let rejection):
          pipeline.noteRejected()
          do { try rejects.write(input: input.name, rejection) } catch { throw .output(error) }
        case .record:
          switch normalizer.normalize(raw) {
          case .success(let record):
            pipeline.submit(record) { _ in }
          case .failure(let error):
            pipeline.noteRejected()
            let rejection = Rejection(
              line: raw.line, reason: error.reason, text: ScoreRun.text(of: raw))
            do { try rejects.write(input: input.name, rejection) } catch { throw .output(error) }
          }
        }
      }
    }
    pipeline.finish { _ in }
    do { try rejects.flush() } catch { throw .output(error) }
    return (collector.set, pipeline.counts)
  }
}
