import CPCRE2
import Dispatch
import Testing

@testable import LeadScreen

@Suite struct PCRE2PatternTests {
  @Test func matchesAndMisses() throws {
    let pattern = try PCRE2Pattern("\\bbot\\b")
    let scratch = PCRE2Scratch()
    #expect(try pattern.matches("Googlebot/2.1", scratch: scratch) == false)
    #expect(try pattern.matches("some bot here", scratch: scratch))
  }

  @Test func caselessOption() throws {
    let pattern = try PCRE2Pattern("headless", caseless: true)
    #expect(try pattern.matches("HeadlessChrome/120", scratch: PCRE2Scratch()))
  }

  @Test func badPatternReportsMessageAndOffset() {
    #expect(throws: PatternError.self) { try PCRE2Pattern("(Googlebot") }
    do {
      _ = try PCRE2Pattern("(Googlebot")
    } catch {
      #expect(error.message.contains("missing"))
      #expect(error.offset == 10)
    }
  }

  @Test func catastrophicPatternHitsLimitInsteadOfHanging() throws {
    let pattern = try PCRE2Pattern("^(a+)+$")
    let subject = String(repeating: "a", count: 40) + "!"
    let scratch = PCRE2Scratch(matchLimit: 100_000, depthLimit: 1000)
    #expect(throws: MatchLimitExceeded.self) { try pattern.matches(subject, scratch: scratch) }
  }

  /// The JIT step runs at a pattern's first match; threads that reach the same fresh
  /// patterns at once must all get the interpreter's answers (no half-built JIT code).
  @Test func firstMatchesFromManyThreadsAtOnceAgreeWithTheInterpreter() throws {
    // Long alternations (a JIT compile takes a while), each matching some subjects.
    let words = (0..<40).map { "w\($0)x[a-z]{2,}" }.joined(separator: "|")
    let sources = (0..<120).map { "(?:Bot|Spider)\($0)\\b|crawl\($0)[a-z]*/\\d|\(words)" }
    let subjects =
      (0..<120).map { "Mozilla/5.0 (compatible; Bot\($0)) crawl\($0 % 7)er/\($0 % 10)" }
      + ["Mozilla/5.0 w39xyz", "Mozilla/5.0 plain"]
    // The expected answers from patterns never JIT-compiled (pcre2_match interprets).
    let expected = try sources.map { source in
      let pattern = try PCRE2Pattern(source)
      return subjects.map { subject in
        var subject = subject
        return subject.withUTF8 { buffer in
          pcre2MatchInterpreted(pattern, buffer)
        }
      }
    }
    let patterns = try sources.map { try PCRE2Pattern($0) }
    let answers = (0..<8).map { _ in ResultBox() }
    DispatchQueue.concurrentPerform(iterations: answers.count) { worker in
      let scratch = PCRE2Scratch()
      // Every worker walks the patterns in the same order, so first matches collide.
      var found = [[Bool]](repeating: [], count: patterns.count)
      for index in patterns.indices {
        found[index] = subjects.map { (try? patterns[index].matches($0, scratch: scratch)) == true }
      }
      answers[worker].value = found
    }
    for (worker, answer) in answers.enumerated() {
      let wrong = zip(answer.value, expected).map { zip($0, $1).filter { $0 != $1 }.count }
      #expect(wrong.reduce(0, +) == 0, "worker \(worker): answers that differ")
    }
    #expect(patterns.allSatisfy { $0.isJITCompiled })
    #expect(expected.joined().contains(true) && expected.joined().contains(false))
  }
}

/// One worker's answers, written by that worker only.
private final class ResultBox: @unchecked Sendable {
  var value: [[Bool]] = []
}

/// Whether `pattern` matches `subject` by PCRE2's interpreter (the pattern must not have
/// been JIT-compiled: `pcre2_match` would run the JIT code).
private func pcre2MatchInterpreted(_ pattern: PCRE2Pattern, _ subject: UnsafeBufferPointer<UInt8>)
  -> Bool
{
  let scratch = PCRE2Scratch()
  let empty: UInt8 = 0
  return withUnsafePointer(to: empty) { emptyPointer in
    pcre2_match_8(
      pattern.code, subject.baseAddress ?? emptyPointer, subject.count, 0, 0, scratch.matchData,
      scratch.context) >= 0
  }
}
