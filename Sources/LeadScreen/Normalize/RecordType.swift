/// What a record is: the contract's `type` field.
public enum RecordType: UInt8, Sendable, CaseIterable, Hashable {
  case click
  case lead
  case call

  /// The contract's name for the type.
  public var name: String {
    switch self {
    case .click: "click"
    case .lead: "lead"
    case .call: "call"
    }
  }

  public init?(name: some StringProtocol) {
    switch name {
    case "click": self = .click
    case "lead": self = .lead
    case "call": self = .call
    default: return nil
    }
  }
}
