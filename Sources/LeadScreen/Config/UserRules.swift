import Yams

/// Loads user rules:
///
/// ```yaml
/// rules:
///   - name: job_seekers
///     field: keyword
///     pattern: '(?i)\b(jobs?|careers?|hiring)\b'
///     action: flag
///     types: [click]
/// ```
///
/// A bad regex is a ``ConfigError`` at the pattern's line:column with PCRE2's
/// message and offset. An empty file, or `rules:` with nothing under it, is no rules.
public enum UserRules {
  static let keys = ["name", "field", "pattern", "action", "types", "negate"]

  /// Reads and compiles the rules of the file at `path`.
  public static func load(path: String) throws(ConfigError) -> [UserRule] {
    try parse(yaml: ConfigReader.readText(path: path), file: path)
  }

  /// Reads and compiles rules YAML; `file` names it in errors.
  public static func parse(yaml: String, file: String) throws(ConfigError) -> [UserRule] {
    let reader = ConfigReader(file: file)
    guard let root = try reader.compose(yaml), !ConfigReader.isNull(root) else { return [] }
    let top = try reader.entries(
      reader.mapping(root, "the user rules file"), allowed: ["rules"], place: "at the top level")
    guard let list = top.first?.value, !ConfigReader.isNull(list) else { return [] }
    var rules: [UserRule] = []
    for item in try reader.sequence(list, "`rules`") {
      let rule = try reader.userRule(item, index: rules.count + 1)
      if let earlier = rules.first(where: { $0.name == rule.name }) {
        let nameNode = item.mapping?["name"] ?? item
        throw reader.error(
          at: nameNode, "duplicate rule name `\(rule.name)` (first at line \(earlier.line))")
      }
      rules.append(rule)
    }
    return rules
  }
}

extension ConfigReader {
  /// One rule from its mapping; `index` counts from 1, for messages about unnamed rules.
  func userRule(_ node: Node, index: Int) throws(ConfigError) -> UserRule {
    let entries = try entries(
      mapping(node, "rule \(index)"), allowed: UserRules.keys, place: "in rule \(index)")
    func required(_ key: String) throws(ConfigError) -> Node {
      guard let entry = entries.first(where: { $0.key == key }) else {
        throw error(
          at: node, "rule \(index) is missing `\(key)` (needs name, field, pattern, action)")
      }
      return entry.value
    }
    let nameNode = try required("name")
    let expectedName = "a rule name must be lower-case letters, digits, _ or -, like job_seekers"
    let name = try text(nameNode, expectedName)
    guard !name.isEmpty,
      name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") })
    else {
      throw error(at: nameNode, "\(expectedName) (found `\(name)`)")
    }
    let place = " in rule \(name)"
    let field = try text(required("field"), "field must name an input field like keyword\(place)")
    let actionNode = try required("action")
    let actionText = try text(actionNode, "action must be dispute or flag\(place)")
    guard let action = UserRule.Action(rawValue: actionText) else {
      throw error(at: actionNode, "action must be dispute or flag\(place) (found `\(actionText)`)")
    }
    let patternNode = try required("pattern")
    let source = try text(patternNode, "pattern must be a regular expression\(place)")
    let pattern: PCRE2Pattern
    do {
      pattern = try PCRE2Pattern(source)
    } catch {
      throw self.error(
        at: patternNode, "bad pattern\(place): \(error.message) at offset \(error.offset)")
    }
    var rule = UserRule(
      name: name, field: field, pattern: pattern, action: action, file: file,
      line: node.mark?.line ?? 0)
    if let typesNode = entries.first(where: { $0.key == "types" })?.value {
      rule.types = try recordTypes(typesNode, place: place)
    }
    if let negateNode = entries.first(where: { $0.key == "negate" })?.value {
      rule.negate = try bool(negateNode, "negate", place: place)
    }
    return rule
  }

  /// `types: [lead, call]`: a non-empty list of record types.
  func recordTypes(_ node: Node, place: String) throws(ConfigError) -> Set<RecordType> {
    var types: Set<RecordType> = []
    for item in try sequence(node, "types\(place)") {
      let expected = "a type must be click, lead or call\(place)"
      let name = try text(item, expected)
      guard let type = RecordType(name: name) else {
        throw error(at: item, "\(expected) (found `\(name)`)")
      }
      types.insert(type)
    }
    guard !types.isEmpty else {
      throw error(at: node, "types\(place) must name at least one of click, lead, call")
    }
    return types
  }
}
