import ArgumentParser
import LeadScreen

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension LeadScreenCommand {
  /// Classifies user agents, one a line, with the bot rules.
  struct ClassifyUA: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "classify-ua",
      abstract: "Classify user agents (one a line) as bot or ok with the bot rules.",
      discussion: """
        Prints `bot<TAB>file:line<TAB>pattern<TAB>ua` or `ok<TAB><TAB><TAB>ua` per line.
        With --summary, prints only the counts and the throughput.
        """)

    @Option(help: "The rules directory (its bots/ folder is used).")
    var rules = "rules"

    @Flag(help: "Print only the totals (count, bots, rate, user agents per second).")
    var summary = false

    @Flag(help: "Do not memoize verdicts (to measure the classifier itself).")
    var noCache = false

    @Flag(help: "Print the prefilter size and the patterns it cannot skip, then exit.")
    var stats = false

    @Argument(help: "Files of user agents, one a line (default or `-`: standard input).")
    var files: [String] = []

    func run() throws {
      let classifier: BotClassifier
      do {
        classifier = try BotClassifier(directory: rules + "/bots")
      } catch {
        printError("\(error)")
        throw ExitCode(78)
      }
      if stats {
        let size = classifier.prefilterSize
        print("patterns\t\(classifier.patternCount)")
        print("prefilter\t\(size.states) states\t\(size.classes) byte classes")
        for rule in classifier.alwaysRunPatterns {
          print("always-run\t\(rule.file):\(rule.line)\t\(rule.pattern)")
        }
        return
      }
      var tally = UATally(
        classifier: classifier, cache: BotClassifier.Cache(capacity: noCache ? 0 : 65536),
        printLines: !summary)
      let started = monotonicSeconds()
      for path in files.isEmpty ? ["-"] : files {
        guard let stream = path == "-" ? fdopen(dup(0), "r") : fopen(path, "r") else {
          printError("cannot open \(path): \(String(cString: strerror(errno)))")
          throw ExitCode(66)
        }
        tally.consume(stream)
        fclose(stream)
      }
      let elapsed = monotonicSeconds() - started
      if summary {
        let rate = tally.total == 0 ? 0 : Double(tally.bots) / Double(tally.total) * 100
        let perSecond = elapsed > 0 ? Double(tally.total) / elapsed : 0
        print("user agents\t\(tally.total)")
        print("bot\t\(tally.bots)\t\(formatted(rate))%")
        print("ok\t\(tally.total - tally.bots)")
        print("patterns\t\(classifier.patternCount)")
        print("per second\t\(Int(perSecond))")
      }
      fflush(nil)
    }
  }
}

/// Reads lines, classifies them, prints or counts.
private struct UATally {
  let classifier: BotClassifier
  var cache: BotClassifier.Cache
  let printLines: Bool
  let scratch = PCRE2Scratch()
  var total = 0
  var bots = 0

  mutating func consume(_ stream: UnsafeMutablePointer<FILE>) {
    var buffer: UnsafeMutablePointer<CChar>?
    var capacity = 0
    defer { free(buffer) }
    while true {
      let length = getline(&buffer, &capacity, stream)
      guard length >= 0, let line = buffer else { break }
      var count = length
      while count > 0 && (line[count - 1] == 10 || line[count - 1] == 13) { count -= 1 }
      let bytes = UnsafeRawBufferPointer(start: line, count: count)
      total += 1
      let verdict = classifier.classify(bytes, cache: &cache, scratch: scratch)
      if verdict != nil { bots += 1 }
      guard printLines else { continue }
      let ua = String(decoding: bytes, as: UTF8.self)
      if let rule = verdict {
        print("bot\t\(rule.file):\(rule.line)\t\(rule.pattern)\t\(ua)")
      } else {
        print("ok\t\t\t\(ua)")
      }
    }
  }
}

private func monotonicSeconds() -> Double {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

private func formatted(_ value: Double) -> String {
  let scaled = Int((value * 1000).rounded())
  let fraction = String(scaled % 1000)
  return "\(scaled / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
}
