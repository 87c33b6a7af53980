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

  /// The whole file as bytes, read with one allocation when the file's size is known.
  static func bytes(of path: String) throws(RuleFileError) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw RuleFileError(file: path, line: 0, column: 0, message: "cannot open: \(errnoText())")
    }
    defer { close(fd) }
    var info = stat()
    let size = fstat(fd, &info) == 0 && info.st_size > 0 ? Int(info.st_size) : 0
    var result: [UInt8] = []
    // One byte more than the size, so a file read whole ends with a read of 0 bytes.
    let chunkSize = max(size + 1, 1 << 16)
    while true {
      var failure: Int32 = 0
      var reachedEnd = false
      let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, initialized in
        while initialized < buffer.count {
          let count = read(fd, buffer.baseAddress! + initialized, buffer.count - initialized)
          if count > 0 {
            initialized += count
          } else if count == 0 {
            reachedEnd = true
            return
          } else if errno != EINTR {
            failure = errno
            return
          }
        }
      }
      if failure != 0 {
        throw RuleFileError(
          file: path, line: 0, column: 0, message: "cannot read: \(errnoText(failure))")
      }
      if result.isEmpty { result = chunk } else { result += chunk }
      if reachedEnd { return result }
    }
  }

  /// The lines that carry a rule: not blank (white space only) and not a `#` comment.
  /// The rule text itself is kept exactly (patterns may need their spaces).
  static func ruleLines(of path: String) throws(RuleFileError) -> [Line] {
    var lines: [Line] = []
    try forEachRuleLine(of: path) { line in
      lines.append(Line(number: line.number, text: line.text))
    }
    return lines
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

  private static func errnoText(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
  }
}
