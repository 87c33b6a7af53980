import Foundation
import Testing

@testable import LeadScreen

@Suite struct VerdictCodecTests {
  @Test func roundTripsEveryField() throws {
    var verdict = StateTestSupport.verdict(id: "L\u{e9}1")
    verdict.source = "pub\"07"
    verdict.price = Decimal(string: "75.125")!
    verdict.decision = .accepted
    let bytes = VerdictCodec.encode(verdict)
    let decoded = try #require(VerdictCodec.decode(bytes, line: 12))
    #expect(VerdictCodec.encode(decoded) == bytes)
    #expect(decoded.line == 12)
    #expect(decoded.id == "L\u{e9}1" && decoded.source == "pub\"07")
    #expect(decoded.price == Decimal(string: "75.125")!)
    #expect(decoded.findings == verdict.findings && decoded.flags == verdict.flags)
    #expect(decoded.score.bitPattern == verdict.score.bitPattern)
    #expect(decoded.contributions[0].value.sign == .minus)  // -0.0 kept
  }

  @Test func rejectsTruncatedOrPaddedBytes() {
    let bytes = VerdictCodec.encode(StateTestSupport.verdict(id: "L1"))
    for length in stride(from: 0, to: bytes.count, by: 3) {
      #expect(VerdictCodec.decode(Array(bytes.prefix(length))) == nil, "prefix \(length)")
    }
    #expect(VerdictCodec.decode(bytes + [0]) == nil)
  }

  @Test func sealedVerdictsOpenWithTheKeyOnly() {
    let plain = VerdictCodec.encode(StateTestSupport.verdict(id: "L1"))
    let seal = VerdictSeal(stateKey: Array(repeating: 7, count: 32))
    let sealed = seal.seal(plain)
    #expect(sealed.count == plain.count + 12)
    #expect(seal.open(sealed) == plain)
    #expect(seal.seal(plain) != sealed)  // a fresh nonce each time
    #expect(VerdictSeal(stateKey: Array(repeating: 8, count: 32)).open(sealed) != plain)
    #expect(Data(sealed).range(of: Data("ann.smith".utf8)) == nil)
  }
}
