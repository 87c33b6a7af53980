#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few file-system questions the library asks while loading configuration.
public enum FileSystem {
  /// Whether a file or folder exists at `path`.
  public static func exists(_ path: String) -> Bool {
    access(path, F_OK) == 0
  }

  /// The regular files in `directory` whose names end in `.ext`, sorted by name
  /// (so load order, and with it every "first rule that matched", is stable).
  public static func files(in directory: String, withExtension ext: String) -> [String] {
    guard let dir = opendir(directory) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name.hasSuffix("." + ext), !name.hasPrefix(".") { names.append(name) }
    }
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    return names.sorted().map { base + $0 }
  }
}
