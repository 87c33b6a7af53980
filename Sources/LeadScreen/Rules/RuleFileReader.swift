#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads rule files: whole files as bytes, their meaningful lines, and the `*.txt`
/// files of a rules directory. Used at load time only (not in the per-record path).
enum RuleFileReader {
  /// One meaningful line of a rule file: its 1-based number and its text
  /// (without the line break and a trailing carriage return).
  struct Line {
    var number: Int
    var text: String
  }

  /// The whole file as bytes.
  static func bytes(of path: String) throws(RuleFileError) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw RuleFileError(file: path, line: 0, column: 0, message: "cannot open: \(errnoText())")
    }
    defer { close(fd) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw RuleFileError(file: path, line: 0, column: 0, message: "cannot read: \(errnoText())")
      }
      if count == 0 { break }
      result.append(contentsOf: chunk[..<count])
    }
    return result
  }

  /// Every line of the file, numbered, without line breaks.
  static func allLines(of path: String) throws(RuleFileError) -> [Line] {
    let bytes = try bytes(of: path)
    var lines: [Line] = []
    var number = 0
    for var slice in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      number += 1
      if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
      lines.append(Line(number: number, text: String(decoding: slice, as: UTF8.self)))
    }
    if bytes.last == UInt8(ascii: "\n") { lines.removeLast() }
    return lines
  }

  /// The lines that carry a rule: not blank (white space only) and not a `#` comment.
  /// The rule text itself is kept exactly (patterns may need their spaces).
  static func ruleLines(of path: String) throws(RuleFileError) -> [Line] {
    try allLines(of: path).filter { line in
      let trimmed = line.text.drop { $0 == " " || $0 == "\t" }
      return !trimmed.isEmpty && !trimmed.hasPrefix("#")
    }
  }

  /// The `*.txt` files directly in `directory`, sorted by name, as paths.
  static func textFiles(in directory: String) throws(RuleFileError) -> [String] {
    guard let dir = opendir(directory) else {
      throw RuleFileError(
        file: directory, line: 0, column: 0, message: "cannot open directory: \(errnoText())")
    }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name.hasSuffix(".txt") && !name.hasPrefix(".") { names.append(name) }
    }
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    return names.sorted().map { base + $0 }
  }

  /// Whether `path` names a directory.
  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  private static func errnoText() -> String {
    String(cString: strerror(errno))
  }
}
