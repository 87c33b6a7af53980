import Foundation

/// Where the tests make their temporary folders and files: one folder for the whole
/// test process under the system's temporary folder, removed when the process exits,
/// so that runs leave nothing behind (the helpers make many folders, and most tests do
/// not remove theirs).
enum Scratch {
  static let root: URL = {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("leadscreen-tests-\(getpid())-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: Scratch.root) }
    return url
  }()

  /// A new path in ``root``: `prefix`, a unique part, then `suffix`.
  static func path(_ prefix: String, _ suffix: String = "") -> URL {
    root.appendingPathComponent("\(prefix)-\(UUID().uuidString)\(suffix)")
  }
}
