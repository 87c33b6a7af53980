/// A rule of `rules/user-rules.yaml`: when a record's `field` matches `pattern`
/// (or, with `negate`, does not), the record is disputed with `rule:NAME` or
/// flagged with it.
public struct UserRule: Sendable {
  /// What a firing rule does.
  public enum Action: String, Sendable {
    /// Adds `rule:NAME` to the record's reasons: not billable.
    case dispute
    /// Lists `rule:NAME` under `flags`: billable, but worth a look.
    case flag
  }

  /// `[a-z0-9_-]+`, unique in the file.
  public var name: String
  /// The input field the rule reads, known to the contract or not.
  public var field: String
  /// The compiled pattern; limits apply at match time.
  public var pattern: PCRE2Pattern
  public var action: Action
  /// The record types the rule applies to; default all three.
  public var types: Set<RecordType>
  /// Fires when the field does NOT match (an absent field counts as not matching).
  public var negate: Bool
  /// Where the rule is defined, for messages.
  public var file: String
  public var line: Int

  /// The reason or flag code the rule writes: `rule:NAME`.
  public var code: String { "rule:\(name)" }

  public init(
    name: String, field: String, pattern: PCRE2Pattern, action: Action,
    types: Set<RecordType> = Set(RecordType.allCases), negate: Bool = false,
    file: String = "<memory>", line: Int = 0
  ) {
    self.name = name
    self.field = field
    self.pattern = pattern
    self.action = action
    self.types = types
    self.negate = negate
    self.file = file
    self.line = line
  }
}
