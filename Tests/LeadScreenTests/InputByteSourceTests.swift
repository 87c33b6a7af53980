import Foundation
import LeadScreen
import Testing

/// Files, descriptors and memory as byte sources.
@Suite struct InputByteSourceTests {
  @Test func missingFileCannotBeOpened() {
    let error = #expect(throws: InputError.self) {
      try openInput(path: "/nonexistent/clicks.ndjson")
    }
    #expect(error?.kind == .cannotOpen)
    #expect(
      error?.description == "cannot open /nonexistent/clicks.ndjson: No such file or directory")
  }

  @Test func aDirectoryCannotBeRead() {
    let error = #expect(throws: InputError.self) { try readAll(try openInput(path: "/tmp")) }
    #expect(error?.kind == .readFailed)
    #expect(error?.description == "cannot read /tmp: Is a directory")
  }

  @Test func fileSourceReadsAWholeFile() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ls-\(UUID().uuidString).csv")
    try Data("type,id\nclick,C1\nclick,C2".utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let result = try readAll(try FileByteSource(path: url.path), readerChunk: 3)
    #expect(result.records.map { $0.map(\.value) } == [["click", "C1"], ["click", "C2"]])
    #expect(result.linesRead == 3)
  }

  @Test func descriptorSourceReadsAPipe() throws {
    let pipe = Pipe()
    let text = (1...2000).map { "{\"id\":\"\($0)\"}\n" }.joined()
    let writer = Thread {
      pipe.fileHandleForWriting.write(Data(text.utf8))
      try? pipe.fileHandleForWriting.close()
    }
    writer.start()
    let source = FileByteSource(fileDescriptor: pipe.fileHandleForReading.fileDescriptor, name: "-")
    let result = try readAll(source, readerChunk: 1000)
    #expect(result.records.count == 2000)
    #expect(result.records.last == [ReadField(name: "id", value: "2000", kind: .string)])
  }

  @Test(arguments: [1, 3, 1000])
  func memorySourceNeverReturnsMoreThanItsChunk(chunk: Int) throws {
    let bytes = Array(0..<UInt8(200))
    let source = MemoryByteSource(bytes, chunkSize: chunk)
    var collected: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64)
    while true {
      let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
      if count == 0 { break }
      #expect(count <= min(chunk, 64))
      collected += buffer[..<count]
    }
    #expect(collected == bytes)
  }
}
