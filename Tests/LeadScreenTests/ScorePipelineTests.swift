import Testing

@testable import LeadScreen

/// The pipeline's ordering: time order for the stateful stages, input order out.
@Suite struct ScorePipelineTests {
  /// A busy stretch of traffic: bursts, repeat clicks, leads, duplicates, calls.
  static func traffic(seed: UInt64) -> [(seconds: Int, line: String)] {
    var random = SplitMix(seed: seed)
    var items: [(Int, String)] = []
    for index in 0..<600 {
      let seconds = index * 2
      let ip = "98.200.\(random.next() % 3).\(random.next() % 6 + 1)"
      let ua = random.next() % 10 == 0 ? "Wget/1.21.4" : Stream.chrome
      items.append((seconds, Stream.click("C\(index)", at: seconds, ip: ip, ua: ua)))
      if index % 7 == 0 {
        let phone = "512-389-\(7000 + Int(random.next() % 40))"
        let delay = Int(random.next() % 12)
        items.append(
          (
            seconds + delay,
            Stream.lead(
              "L\(index)", at: seconds + delay, click: "C\(index)", fields: ["phone": phone])
          ))
      }
      if index % 11 == 0 {
        let caller = "512-389-\(7000 + Int(random.next() % 40))"
        items.append(
          (seconds + 3, Stream.call("K\(index)", at: seconds + 3, caller: caller, duration: 100)))
      }
    }
    return items.sorted { $0.0 < $1.0 }
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func disorderOfAFewSecondsChangesNothing(seed: UInt64) throws {
    let sorted = Self.traffic(seed: seed)
    var random = SplitMix(seed: seed &* 31)
    // Shift each record's position as if it came from a server up to 10 s behind.
    let shuffled = sorted.map { ($0.seconds + Int(random.next() % 10), $0.line) }
      .enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
    #expect(shuffled.map(\.1) != sorted.map(\.line))
    let expected = try Stream.score(sorted.map(\.line))
    let actual = try Stream.score(shuffled.map(\.1))
    let byID = Dictionary(uniqueKeysWithValues: expected.map { ($0.id, $0.findings.map(\.reason)) })
    #expect(actual.count == expected.count)
    #expect(expected.contains { $0.findings.contains { $0.reason == .ipBurst } })
    #expect(expected.contains { $0.findings.contains { $0.reason == .duplicate } })
    for verdict in actual {
      #expect(byID[verdict.id] == verdict.findings.map(\.reason), "\(verdict.id)")
    }
  }

  @Test func verdictsComeOutInInputOrder() throws {
    let lines = Self.traffic(seed: 9).map(\.line)
    let shuffled = lines.enumerated().sorted {
      ($0.offset % 5, $0.offset) < ($1.offset % 5, $1.offset)
    }
    .map(\.element)
    let verdicts = try Stream.score(shuffled)
    let order = shuffled.compactMap { line in
      line.split(separator: "\"").dropFirst(7).first.map(String.init)
    }
    #expect(verdicts.map(\.id) == order)
  }
}
