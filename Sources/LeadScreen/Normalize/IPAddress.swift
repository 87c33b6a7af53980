/// An IPv4 or IPv6 address as an integer.
///
/// Parsing and formatting live in `IPAddress+Parse.swift`.
public enum IPAddress: Sendable, Hashable {
  case v4(UInt32)
  case v6(UInt128)

  /// The key of the address's network for subnet burst counting:
  /// the /24 for IPv4, the /64 for IPv6.
  public var subnet: IPAddress {
    switch self {
    case .v4(let a): .v4(a & 0xFFFF_FF00)
    case .v6(let a): .v6(a & ~UInt128(UInt64.max))
    }
  }
}
