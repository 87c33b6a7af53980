import Foundation
import Yams

/// Reads one YAML configuration file through Yams' node API, so every value keeps
/// its place, and turns every problem into a located ``ConfigError``.
struct ConfigReader {
  /// The file as the user named it, for messages.
  let file: String
  /// What a key at this place is called in a duplicate-key message ("campaign id").
  var keyNoun: (Mark) -> String = { _ in "key" }

  /// Reads the whole file at `path` as UTF-8 text.
  static func readText(path: String) throws(ConfigError) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigError(file: path, message: "cannot read the file (missing or unreadable)")
    }
    var line = 1
    var column = 1
    var bytes = data.makeIterator()
    var decoder = UTF8()
    while true {
      switch decoder.decode(&bytes) {
      case .scalarValue(let scalar):
        if scalar == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      case .emptyInput:
        return String(decoding: data, as: UTF8.self)
      case .error:
        throw ConfigError(
          file: path, line: line, column: column, message: "the file is not UTF-8 text")
      }
    }
  }

  /// Composes `yaml` into a node tree; nil when the document is empty.
  ///
  /// Every scalar is read as text (``text(_:_:)`` and the value readers decide what a
  /// number or a null is), so no tag is resolved: Yams' default resolver compiles seven
  /// ICU regular expressions on first use, 9M instructions (counted with callgrind) at
  /// every start of `score`. Keys are compared as text too: `1:` and `"1":` in one
  /// mapping are the same key, as they are to the reader.
  func compose(_ yaml: String) throws(ConfigError) -> Node? {
    do {
      return try Yams.compose(yaml: yaml, .basic)
    } catch let error as YamlError {
      throw syntaxError(error, yaml: yaml)
    } catch {
      throw ConfigError(file: file, line: 1, column: 1, message: "cannot parse YAML: \(error)")
    }
  }

  /// A ``ConfigError`` at `node`'s place.
  func error(at node: Node, _ message: String) -> ConfigError {
    ConfigError(file: file, line: node.mark?.line, column: node.mark?.column, message: message)
  }

  /// Maps a Yams error to the place libyaml reported.
  func syntaxError(_ error: YamlError, yaml: String) -> ConfigError {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var message = "YAML syntax error: \(problem)"
      if let context {
        message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
      }
      return ConfigError(file: file, line: mark.line, column: mark.column, message: message)
    case .reader(let problem, let offset, _, _):
      let place = offset.map { Self.place(ofCharacter: $0, in: yaml) }
      return ConfigError(
        file: file, line: place?.line, column: place?.column,
        message: "cannot read the text: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      let key = duplicates.first ?? ""
      let first = context.mark
      let noun = keyNoun(first)
      if let second = Self.repeatOf(key: key, after: first, in: yaml) {
        return ConfigError(
          file: file, line: second.line, column: second.column,
          message: "duplicate \(noun) `\(key)` (first at line \(first.line)); each may appear once")
      }
      return ConfigError(
        file: file, line: first.line, column: first.column,
        message: "duplicate \(noun) `\(key)`; each may appear once")
    default:
      return ConfigError(file: file, line: 1, column: 1, message: "cannot parse YAML: \(error)")
    }
  }

  /// 1-based line and column of the `offset`-th character of `text`.
  static func place(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for character in text.prefix(offset) {
      if character == "\n" || character == "\r\n" {
        line += 1
        column = 1
      } else {
        column += character.unicodeScalars.count
      }
    }
    return (line, column)
  }

  /// Where `key` appears again in the same block mapping as the key at `first`:
  /// a later line indented to the same column, before the mapping ends.
  static func repeatOf(key: String, after first: Mark, in yaml: String) -> (line: Int, column: Int)?
  {
    let indent = first.column - 1
    let spellings = [key, "\"\(key)\"", "'\(key)'"]
    var lineNumber = 0
    for rawLine in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      guard lineNumber > first.line else { continue }
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      let body = line.drop { $0 == " " }
      if body.isEmpty || body.hasPrefix("#") { continue }
      let lineIndent = line.count - body.count
      if lineIndent < indent { return nil }
      guard lineIndent == indent else { continue }
      for spelling in spellings where body.hasPrefix(spelling) {
        let rest = body.dropFirst(spelling.count).drop { $0 == " " }
        if rest.hasPrefix(":") { return (lineNumber, first.column) }
      }
    }
    return nil
  }
}
