/// Reading the US phone spellings people type (docs/reasons.md, Normalize).
extension PhoneNumber {
  /// Reads any common US spelling: `(512) 555-0123`, `512.555.0123`, `+1 512 555 0123`,
  /// `1-512-555-0123`, `5125550123`, `tel:+15125550123`; an extension after `x`,
  /// `ext`, `#`, `,` or `;` is ignored.
  ///
  /// Nil unless it is a possible NANP number: ten digits after an optional country
  /// code 1 (required after `+`), area code and exchange not starting with 0 or 1,
  /// not 555-01XX (fiction), area code not N11, and not ten equal digits. Letters
  /// (vanity numbers) are not read.
  public init?(_ bytes: UnsafeRawBufferPointer) {
    let count = bytes.count
    var index = 0
    while index < count, Self.isBlank(bytes[index]) { index += 1 }
    if count - index >= 4, Self.lowered(bytes[index]) == UInt8(ascii: "t"),
      Self.lowered(bytes[index + 1]) == UInt8(ascii: "e"),
      Self.lowered(bytes[index + 2]) == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: ":")
    {
      index += 4
    }
    var digits: UInt64 = 0
    var digitCount = 0
    var plus = false
    scan: while index < count {
      let byte = bytes[index]
      if let digit = RFC3339.digit(byte) {
        digitCount += 1
        guard digitCount <= 11 else { return nil }
        digits = digits * 10 + UInt64(digit)
      } else {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("),
          UInt8(ascii: ")"), UInt8(ascii: "/"), 0x09, 0x0A, 0x0D:
          break
        case UInt8(ascii: "+"):
          guard digitCount == 0, !plus else { return nil }
          plus = true
        case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "#"), UInt8(ascii: ","),
          UInt8(ascii: ";"):
          break scan
        case UInt8(ascii: "e"), UInt8(ascii: "E"):
          // "ext", "ext.", "extension"
          guard index + 2 < count, Self.lowered(bytes[index + 1]) == UInt8(ascii: "x"),
            Self.lowered(bytes[index + 2]) == UInt8(ascii: "t")
          else { return nil }
          break scan
        default:
          return nil
        }
      }
      index += 1
    }
    if digitCount == 11 {
      guard digits / 10_000_000_000 == 1 else { return nil }
      digits -= 10_000_000_000
    } else {
      guard digitCount == 10, !plus else { return nil }
    }
    guard Self.isPossible(national: digits) else { return nil }
    self.init(national: digits)
  }

  /// Reads a phone number from text; see ``init(_:)-(UnsafeRawBufferPointer)``.
  public init?(_ text: String) {
    var text = text
    guard let number = text.withUTF8({ Self(UnsafeRawBufferPointer($0)) }) else { return nil }
    self = number
  }

  /// Whether ten national digits are a possible NANP number (docs/reasons.md).
  public static func isPossible(national digits: UInt64) -> Bool {
    guard digits < 10_000_000_000 else { return false }
    let areaCode = digits / 10_000_000
    let exchange = digits / 10_000 % 1000
    let line = digits % 10_000
    return areaCode >= 200 && exchange >= 200
      && areaCode % 100 != 11
      && !(exchange == 555 && (100...199).contains(line))
      && digits % 1_111_111_111 != 0
  }

  /// A toll-free area code: 800, 833, 844, 855, 866, 877 or 888.
  public var isTollFree: Bool {
    switch areaCode {
    case 800, 833, 844, 855, 866, 877, 888: true
    default: false
    }
  }

  /// The exchange (NXX), the three digits after the area code.
  public var exchange: Int { Int(national / 10_000 % 1000) }

  /// The number as people in the US write it: `(512) 555-0123`.
  public var formatted: String {
    let line = Int(national % 10_000)
    let padded =
      line < 10 ? "000\(line)" : line < 100 ? "00\(line)" : line < 1000 ? "0\(line)" : "\(line)"
    return "(\(areaCode)) \(exchange)-\(padded)"
  }

  @inline(__always)
  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || (0x09...0x0D).contains(byte)
  }

  @inline(__always)
  private static func lowered(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
  }
}
