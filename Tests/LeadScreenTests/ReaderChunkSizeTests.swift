import Foundation
import Testing

@testable import LeadScreen

/// ``RecordReader`` reads the same records and rejections whatever the size of its
/// reads and of the source's: the buffer's moves (the unread bytes go to the front)
/// and the newline it remembers between look-ups must never show.
@Suite struct ReaderChunkSizeTests {
  private enum Read: Equatable {
    case record(line: Int, bytes: [UInt8], fields: [RawRecord.Field])
    /// The text of a too-long line's rejection is what was buffered: left out.
    case rejected(line: Int, reason: String, text: String?)
  }

  /// Random lines: NDJSON records of many lengths, blank and white-space lines, CRLF
  /// ends, over-long lines, broken JSON, then a CSV part (header, quoted fields over
  /// several lines); sometimes no final newline.
  static func stream(seed: UInt64) -> [UInt8] {
    var random = SplitMix(seed: seed)
    var bytes: [UInt8] = []
    func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    for index in 0..<400 {
      switch pick(10) {
      case 0: break  // blank
      case 1: bytes += Array(" \t ".utf8)
      case 2:
        bytes += Array(#"{"type":"click","id":"C\#(index)","ua":""#.utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 150 + pick(200)) + Array(#""}"#.utf8)
      case 3: bytes += Array(#"{"type":"lead","id":"L\#(index)""#.utf8)  // broken
      default:
        bytes += Array(
          #"{"type":"click","id":"C\#(index)","ip":"10.0.0.\#(pick(250))","ua":""#.utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "b"), count: pick(120)) + Array(#""}"#.utf8)
      }
      if pick(4) == 0 { bytes.append(0x0D) }
      bytes.append(0x0A)
    }
    bytes += Array("type,id,caller,duration\n".utf8)
    for index in 0..<120 {
      let caller = pick(3) == 0 ? "\"512555\n01\(index % 10)\"" : "51255501\(index % 90 + 10)"
      bytes += Array("call,K\(index),\(caller),\(pick(300))".utf8)
      if pick(4) == 0 { bytes.append(0x0D) }
      bytes.append(0x0A)
    }
    if pick(2) == 0 { bytes.removeLast() }
    return bytes
  }

  private static func read(_ stream: [UInt8], chunk: Int, sourceChunk: Int) throws -> [Read] {
    try read(MemoryByteSource(stream, chunkSize: sourceChunk), chunk: chunk)
  }

  private static func read(_ source: any ByteSource, chunk: Int) throws -> [Read] {
    var reader = RecordReader(source: source, maxLineLength: 300, chunkSize: chunk)
    var raw = RawRecord()
    var reads: [Read] = []
    while true {
      // Whether a whole line is buffered (the reading thread asks before every line) is
      // kept as bytes are read: it agrees with a search of the unread bytes.
      let searched = reader.window.atEnd || reader.window.newline(from: 0) != nil
      #expect(reader.hasBufferedLine == searched, "line \(reader.linesRead + 1)")
      switch try reader.next(into: &raw) {
      case .end:
        return reads
      case .rejected(let rejection):
        let tooLong = rejection.reason.hasPrefix("line too long")
        reads.append(
          .rejected(
            line: rejection.line, reason: rejection.reason, text: tooLong ? nil : rejection.text))
      case .record:
        reads.append(.record(line: raw.line, bytes: Array(raw.content), fields: raw.fields))
      }
    }
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func everyReadSizeReadsTheSame(seed: UInt64) throws {
    let stream = Self.stream(seed: seed)
    let expected = try Self.read(stream, chunk: 1 << 20, sourceChunk: .max)
    #expect(expected.count > 400)
    #expect(
      expected.contains {
        if case .rejected(_, let r, _) = $0 { r.hasPrefix("line too long") } else { false }
      })
    var random = SplitMix(seed: seed &* 13)
    for chunk in [1, 2, 3, 7, 16, 64, 301, 1000] {
      let sourceChunk = [1, 5, 64, 4096, Int.max][Int(random.next() % 5)]
      let reads = try Self.read(stream, chunk: chunk, sourceChunk: sourceChunk)
      #expect(reads.count == expected.count, "chunk \(chunk), source chunk \(sourceChunk)")
      let differing = zip(expected, reads).first { $0 != $1 }
      #expect(
        differing == nil,
        "chunk \(chunk), source chunk \(sourceChunk): \(String(describing: differing))")
    }
  }

  /// A regular file is mapped, and the reader parses its pages in place: it must read
  /// what the same bytes in memory read, whatever the window's chunk size, and also
  /// past the pages it gave back (a file of several times the release step).
  @Test(arguments: [1, 2, 3] as [UInt64])
  func aMappedFileReadsAsTheSameBytesInMemory(seed: UInt64) throws {
    var stream = Self.stream(seed: seed)
    if seed == 3 {
      // About 12 MB: pages are given back 4 MB at a time as the reader goes.
      let one = stream + [0x0A]
      stream = Array([[UInt8]](repeating: one, count: 12_000_000 / one.count).joined())
    }
    let expected = try Self.read(stream, chunk: 1 << 20, sourceChunk: .max)
    let file = try Harness.temporaryDirectory().appendingPathComponent("stream.txt")
    try Data(stream).write(to: file)
    for chunk in seed == 3 ? [1 << 17] : [1, 7, 64, 301, 1 << 20] {
      let source = try openInput(path: file.path)
      #expect((source as? FileByteSource)?.isMapped == true)
      let reads = try Self.read(source, chunk: chunk)
      #expect(reads.count == expected.count, "chunk \(chunk)")
      let differing = zip(expected, reads).first { $0 != $1 }
      #expect(differing == nil, "chunk \(chunk): \(String(describing: differing))")
    }
  }
}
