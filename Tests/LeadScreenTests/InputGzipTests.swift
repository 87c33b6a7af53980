import Foundation
import LeadScreen
import Testing

/// Gzip input: real files made by /bin/gzip, read through `openInput`.
@Suite struct InputGzipTests {
  /// `bytes` compressed by the system's gzip.
  private func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-c", "-n"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    // Write from another thread so a large input cannot deadlock on a full pipe.
    let writer = Thread {
      input.fileHandleForWriting.write(Data(bytes))
      try? input.fileHandleForWriting.close()
    }
    writer.start()
    let compressed = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return [UInt8](compressed)
  }

  /// Writes `bytes` to a fresh temporary file and returns its path.
  private func temporaryFile(_ bytes: [UInt8], name: String) throws -> String {
    let directory = Scratch.path("input")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }

  private static let clicks = (1...500).map {
    #"{"type":"click","id":"C\#($0)","ua":"Mozilla/5.0 ünï","ip":"10.0.\#($0 % 256).1"}"# + "\n"
  }.joined()

  @Test func gzipFileReadsLikeThePlainOne() throws {
    let plain = try readAll(Self.clicks)
    let path = try temporaryFile(try gzip(Array(Self.clicks.utf8)), name: "clicks.ndjson.gz")
    let inflated = try readAll(try openInput(path: path))
    #expect(inflated.records.count == 500)
    #expect(inflated == plain)
  }

  @Test func gzipIsFoundByItsMagicNotItsName() throws {
    let path = try temporaryFile(try gzip(Array(Self.clicks.utf8)), name: "clicks.ndjson")
    #expect(try readAll(try openInput(path: path)).records.count == 500)
  }

  @Test func aPlainFileCalledGzIsReadAsItIs() throws {
    let path = try temporaryFile(Array("{\"id\":\"1\"}\n".utf8), name: "fake.gz")
    #expect(try readAll(try openInput(path: path)).records.count == 1)
  }

  @Test func concatenatedMembersReadAsOneStream() throws {
    let first = "type,id\nclick,C1\n"
    let second = "click,C2\n{\"type\":\"lead\",\"id\":\"L1\"}\n"
    let bytes = try gzip(Array(first.utf8)) + gzip(Array(second.utf8))
    let path = try temporaryFile(bytes, name: "two.gz")
    let result = try readAll(try openInput(path: path))
    #expect(
      result.records.map { $0.map(\.value) } == [
        ["click", "C1"], ["click", "C2"], ["lead", "L1"],
      ])
    #expect(result.linesRead == 4)
  }

  @Test(arguments: [1, 5, 4096])
  func inflatesFromSmallCompressedChunks(chunk: Int) throws {
    let compressed = try gzip(Array(Self.clicks.utf8)) + gzip(Array("{\"id\":\"last\"}".utf8))
    let source = try GzipByteSource(
      source: MemoryByteSource(compressed, chunkSize: chunk), name: "mem")
    let result = try readAll(source, readerChunk: 100)
    #expect(result.records.count == 501)
    #expect(result.records.last == [ReadField(name: "id", value: "last", kind: .string)])
  }

  @Test func corruptDataIsAnError() throws {
    var bytes = try gzip(Array(Self.clicks.utf8))
    for index in 20..<40 { bytes[index] ^= 0x5A }
    let path = try temporaryFile(bytes, name: "corrupt.gz")
    let error = #expect(throws: InputError.self) { try readAll(try openInput(path: path)) }
    #expect(error?.kind == .corruptGzip)
    #expect(error?.description.hasPrefix("corrupt gzip data in \(path): ") == true)
  }

  @Test func truncatedDataIsAnError() throws {
    let bytes = try gzip(Array(Self.clicks.utf8)).dropLast(12)
    let path = try temporaryFile(Array(bytes), name: "truncated.gz")
    let error = #expect(throws: InputError.self) { try readAll(try openInput(path: path)) }
    #expect(error?.kind == .corruptGzip)
    #expect(error?.message.contains("unexpected end") == true)
  }

  @Test func garbageAfterAMemberIsAnError() throws {
    let bytes = try gzip(Array("{\"id\":\"1\"}\n".utf8)) + Array("not gzip".utf8)
    let source = try GzipByteSource(source: MemoryByteSource(bytes), name: "mem")
    let error = #expect(throws: InputError.self) { try readAll(source) }
    #expect(error?.kind == .corruptGzip)
  }
}
