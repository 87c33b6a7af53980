import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif

/// The contract's exit statuses.
enum ExitStatus {
  static let success: Int32 = 0
  static let usage: Int32 = 64
  static let rejectedRecords: Int32 = 65
  static let cannotOpenInput: Int32 = 66
  static let cannotWriteOutput: Int32 = 74
  /// The state file is in use by another run (EX_TEMPFAIL: try again later).
  static let stateBusy: Int32 = 75
  static let badConfiguration: Int32 = 78
  static let interrupted: Int32 = 130
}

/// Prints `leadscreen: MESSAGE` on standard error.
func printError(_ message: String) {
  var stream = StandardErrorStream()
  print("leadscreen: \(message)", to: &stream)
}

/// Standard error, unbuffered, through write(2).
struct StandardErrorStream: TextOutputStream {
  mutating func write(_ string: String) {
    var text = string
    text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let written = Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset)
        if written <= 0 { return }
        offset += written
      }
    }
  }
}
