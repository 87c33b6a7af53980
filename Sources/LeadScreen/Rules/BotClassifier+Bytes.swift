extension BotClassifier {
  /// Whether every byte is a space, tab, carriage return or line feed (or there are none).
  static func isBlank<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
  }

  static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
  }

  /// Whether all bytes are below 0x80 (eight at a time).
  static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var index = 0
    var accumulated: UInt64 = 0
    while index + 8 <= bytes.count {
      accumulated |= bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      index += 8
    }
    while index < bytes.count {
      accumulated |= UInt64(bytes[index])
      index += 1
    }
    return accumulated & 0x8080_8080_8080_8080 == 0
  }

  /// Whether the bytes are well-formed UTF-8 (no overlongs, surrogates or values past
  /// U+10FFFF), as PCRE2 requires of a subject matched without its own check.
  static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
    return UTF8Validation.firstInvalid(
      base.assumingMemoryBound(to: UInt8.self), count: bytes.count) == nil
  }
}
