import Foundation
import LeadScreen
import Testing

/// Differential test: mutated JSON lines are accepted or rejected exactly when
/// Foundation's JSONSerialization accepts or rejects them as a top-level object,
/// and accepted ones decode to the same strings.
@Suite struct NDJSONDifferentialTests {
  static let seeds = [
    #"{"type":"click","id":"C1","n":-1.5e3,"ok":true,"z":null,"a":[1,{"b":"\u00e9"}],"s":"x\"y\\z\n"}"#,
    #"{"ua":"Mozilla/5.0 (X11; Linux) \ud83d\ude00 ünï","ip":"10.0.0.1","tags":[],"o":{}}"#,
  ]

  /// Bytes a mutation may insert: JSON punctuation and the characters around it.
  static let alphabet =
    Array(#"{}[]:,"\/\ u0123456789abcdefEe.+-tnrl "#.utf8) + [0x09, 0x01, 0xC3, 0xA9]

  private func mutate(_ line: [UInt8], _ random: inout SplitMix) -> [UInt8] {
    var bytes = line
    for _ in 0..<Int.random(in: 1...3, using: &random) {
      let position = Int.random(in: 0..<bytes.count, using: &random)
      switch Int.random(in: 0..<3, using: &random) {
      case 0: bytes.remove(at: position)
      case 1: bytes.insert(Self.alphabet.randomElement(using: &random)!, at: position)
      default: bytes[position] = Self.alphabet.randomElement(using: &random)!
      }
      if bytes.isEmpty { bytes = [0x7B] }
    }
    return bytes
  }

  @Test(arguments: 0..<4)
  func agreesWithFoundation(round: Int) throws {
    var random = SplitMix(seed: UInt64(round) * 7919 + 1)
    var accepted = 0
    var rejected = 0
    for _ in 0..<1500 {
      let seed = Array(Self.seeds.randomElement(using: &random)!.utf8)
      let line = mutate(seed, &random)
      // Newlines would make two lines; the oracle sees one.
      if line.contains(0x0A) || line.contains(0x0D) { continue }
      let oracle = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
      let result = try readAll(MemoryByteSource(line), format: .ndjson)
      let text = String(decoding: line, as: UTF8.self)
      guard let oracle, String(validating: line, as: UTF8.self) != nil else {
        #expect(result.rejections.count == 1, "accepted what Foundation rejects: \(text)")
        rejected += 1
        continue
      }
      let fields = try #require(result.records.first, "rejected \(text): \(result.items)")
      accepted += 1
      for field in fields where field.kind == .string {
        if fields.filter({ $0.name == field.name }).count == 1 {
          #expect(oracle[field.name] as? String == field.value, "\(text)")
        }
      }
      #expect(Set(fields.map(\.name)) == Set(oracle.keys), "\(text)")
    }
    // The mutations must exercise both sides for the comparison to mean anything.
    #expect(accepted > 50 && rejected > 500)
  }
}
