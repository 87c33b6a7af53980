import Testing

@testable import LeadScreen

/// Random and mutated inputs: the byte parsers never trap, and whatever they accept
/// formats and parses back to the same value.
@Suite struct NormalizeFuzzTests {
  /// Bytes drawn mostly from the characters these grammars use, so that random
  /// inputs get deep into the parsers.
  private static let alphabet = Array("0123456789abcdefxX:.-+TZ ()@#e%[]\"\\|".utf8) + [0, 0xFF]

  private static func randomBytes(_ random: inout SplitMix) -> [UInt8] {
    let count = Int(random.next() % 48)
    return (0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
  }

  /// A valid example with one byte replaced, inserted or removed.
  private static func mutated(_ text: String, _ random: inout SplitMix) -> [UInt8] {
    random.mutatedOnce(Array(text.utf8), from: alphabet)
  }

  @Test func parsersNeverTrapAndRoundTripWhatTheyAccept() {
    var random = SplitMix(seed: 42)
    let seeds = [
      "2026-11-21T14:03:07.250-06:00", "1763733787.25", "2001:db8::ff00:42:8329",
      "::ffff:192.0.2.1", "203.0.113.7", "+1 (512) 867-5309 x12", "jane.doe@example.com",
      "78701-1234", #"["bot_ua","ip_burst"]"#,
    ]
    var accepted = 0
    for round in 0..<30_000 {
      let bytes =
        round % 2 == 0
        ? Self.randomBytes(&random) : Self.mutated(seeds[round % seeds.count], &random)
      bytes.withUnsafeBytes { buffer in
        if let time = Timestamp(rfc3339: buffer) {
          accepted += 1
          #expect(Timestamp(rfc3339: time.rfc3339) == time)
        }
        if let time = Timestamp(epochSeconds: buffer) {
          accepted += 1
          #expect(Timestamp(rfc3339: time.rfc3339) == time)
        }
        if let address = IPAddress(buffer) {
          accepted += 1
          #expect(IPAddress(address.description) == address)
        }
        if let phone = PhoneNumber(buffer) {
          accepted += 1
          #expect(PhoneNumber(phone.e164) == phone)
        }
        if let zip = ZIPCode.normalize(buffer) {
          accepted += 1
          #expect(ZIPCode.normalize(zip) == zip)
        }
        _ = JSONStringArray.parse(buffer)
        _ = FieldName(bytes: buffer)
      }
      let text = String(decoding: bytes, as: UTF8.self)
      if let email = EmailAddress.normalize(text) {
        accepted += 1
        #expect(EmailAddress.normalize(email) == email)
      }
    }
    // The mutated seeds keep a fair share valid, so the round trips above ran.
    #expect(accepted > 1000)
  }

  @Test func normalizerNeverTrapsOnRandomFields() {
    var random = SplitMix(seed: 7)
    let names = FieldName.allCases.map(\.key) + ["extra", ""]
    let kinds: [RawValueKind] = [.string, .number, .bool, .null, .array, .object]
    var outcomes = (accepted: 0, rejected: 0)
    for _ in 0..<5000 {
      var raw = RawRecord()
      raw.append(name: "type", value: ["click", "lead", "call"][Int(random.next() % 3)])
      raw.append(name: "id", value: "X")
      raw.append(name: "ts", value: "1795269787", kind: .number)
      raw.append(name: "campaign", value: "c")
      for _ in 0..<Int(random.next() % 6) {
        let name = names[Int(random.next() % UInt64(names.count))]
        let kind = kinds[Int(random.next() % UInt64(kinds.count))]
        let value = String(decoding: Self.randomBytes(&random), as: UTF8.self)
        raw.append(name: name, value: value, kind: kind)
      }
      switch Normalizer().normalize(raw) {
      case .success: outcomes.accepted += 1
      case .failure(let error):
        outcomes.rejected += 1
        #expect(!error.reason.isEmpty && !error.reason.contains("\n"))
      }
    }
    #expect(outcomes.accepted > 0 && outcomes.rejected > 0)
  }
}
