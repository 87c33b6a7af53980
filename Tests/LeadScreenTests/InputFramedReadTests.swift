import Testing

@testable import LeadScreen

/// ``RecordReader/nextFramed(into:lines:)`` with ``RecordReader/parseJSONLine(_:count:start:line:into:)``
/// (how threads share parsing) against ``RecordReader/next(into:)``: the same records,
/// rejections and counters, line for line.
@Suite struct InputFramedReadTests {
  private enum Read: Equatable {
    case record(line: Int, bytes: [UInt8], fields: [RawRecord.Field])
    case rejected(Rejection)
  }

  private static var stream: [UInt8] {
    var bytes: [UInt8] = []
    let lines: [[UInt8]] = [
      Array(#"{"type":"click","id":"C1","ua":"caf\u00e9 \ud83d\ude00"}"#.utf8),
      [],
      [0xEF, 0xBB, 0xBF] + Array(#"{"type":"lead","id":"L1"}"#.utf8),  // byte order mark
      Array(#"{"type":"click","id":"C2""#.utf8),  // broken JSON
      Array(#"{"type":"lead","id":"L2","x":"#.utf8) + [0xFF] + Array("}".utf8),  // bad UTF-8
      Array("type,id,caller,duration".utf8),  // CSV header
      Array("call,K1,5125550100,130".utf8),
      Array("  \t ".utf8),
      Array(#"  {"type":"call","id":"K2","duration":12.5,"tags":[1,{"a":null}]}"#.utf8) + [0x0D],
      Array(#"{"type":"click","id":""#.utf8) + [UInt8](repeating: 0x61, count: 300)
        + Array(#""}"#.utf8),  // over the 200-byte limit below
      Array("call,K3,\"5125550101\n\",95".utf8),  // quoted field over two lines
      Array(#"[1,2]"#.utf8),
      Array(#"{"type":"lead","id":"L3"}"#.utf8),
    ]
    for (index, line) in lines.enumerated() {
      bytes += line
      if index < lines.count - 1 { bytes.append(0x0A) }
    }
    return bytes
  }

  private func readPlain(chunk: Int) throws -> ([Read], [Int]) {
    var reader = RecordReader(
      source: MemoryByteSource(Self.stream, chunkSize: chunk), maxLineLength: 200,
      chunkSize: chunk)
    var raw = RawRecord()
    var reads: [Read] = []
    while true {
      switch try reader.next(into: &raw) {
      case .end:
        return (reads, [reader.linesRead, reader.blankLines, reader.headerLines])
      case .rejected(let rejection): reads.append(.rejected(rejection))
      case .record:
        reads.append(.record(line: raw.line, bytes: Array(raw.content), fields: raw.fields))
      }
    }
  }

  private func readFramed(chunk: Int) throws -> ([Read], [Int], framed: Int) {
    var reader = RecordReader(
      source: MemoryByteSource(Self.stream, chunkSize: chunk), maxLineLength: 200,
      chunkSize: chunk)
    var raw = RawRecord()
    var lines: [UInt8] = []
    var reads: [Read] = []
    var framed = 0
    // One record for every parsed line, as a parsing thread keeps: bytes left by a
    // longer line before must not show.
    var parsed = RawRecord()
    while true {
      switch try reader.nextFramed(into: &raw, lines: &lines) {
      case .end:
        return (reads, [reader.linesRead, reader.blankLines, reader.headerLines], framed)
      case .rejected(let rejection): reads.append(.rejected(rejection))
      case .record:
        reads.append(.record(line: raw.line, bytes: Array(raw.content), fields: raw.fields))
      case .json(let bom, let count, let line):
        framed += 1
        // Lines pile up in the buffer as in a batch; each is parsed from its own bytes.
        let rejection = lines.withUnsafeBufferPointer {
          RecordReader.parseJSONLine(
            $0.baseAddress! + $0.count - count, count: count, start: bom, line: line,
            into: &parsed)
        }
        if let rejection {
          reads.append(.rejected(rejection))
        } else {
          reads.append(
            .record(line: parsed.line, bytes: Array(parsed.content), fields: parsed.fields))
        }
      }
    }
  }

  @Test(arguments: [1, 3, 64, 4096])
  func framedReadingGivesWhatPlainReadingGives(chunk: Int) throws {
    let plain = try readPlain(chunk: chunk)
    let framed = try readFramed(chunk: chunk)
    #expect(framed.0 == plain.0)
    #expect(framed.1 == plain.1)
    // Seven records (JSON, CSV, a CSV row over two lines) and three rejections.
    #expect(plain.0.count == 10)
    #expect(plain.0.filter { if case .rejected = $0 { true } else { false } }.count == 3)
    // Lines 1, 4, 5 and 14 are left to parse; 3 and 9 follow a blank line, which the
    // reader skips before reading on as usual.
    #expect(framed.framed == 4)
  }
}
