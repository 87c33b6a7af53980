extension BotClassifier {
  /// Whether every byte is a space, tab, carriage return or line feed (or there are none).
  static func isBlank<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
  }

  static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
  }

  /// Whether the bytes are well-formed UTF-8 (no overlongs, surrogates or values past
  /// U+10FFFF), as PCRE2 requires of a subject matched without its own check.
  static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
    return UTF8Validation.firstInvalid(
      base.assumingMemoryBound(to: UInt8.self), count: bytes.count) == nil
  }
}
