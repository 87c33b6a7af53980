import Foundation

extension LeadFeatures {
  /// Reads a free-mail domain list (one domain a line, `#` comments), lower-cased.
  public static func loadFreeMailDomains(path: String) throws(ConfigError) -> Set<String> {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw ConfigError(file: path, line: nil, column: nil, message: "cannot read the file")
    }
    var domains = Set<String>()
    for line in text.split(whereSeparator: \.isNewline) {
      let domain = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        .trimmingCharacters(in: .whitespaces).lowercased()
      if !domain.isEmpty { domains.insert(domain) }
    }
    return domains
  }
}
