/// The kinds of automated user agent the generator draws (rules/generator/bots.tsv).
enum GeneratorBotKind: String, Sendable, CaseIterable {
  case crawler
  case library
  case headless
  case empty
}

/// Everything the generator reads from the rules folder, loaded once.
public struct GeneratorTables: Sendable {
  var geo: GeneratorGeo
  /// Real browser user agents and their traffic shares (`generator/browsers.tsv`),
  /// without any that look automated.
  var browsers: [String]
  var browserWeights: GeneratorWeights
  /// Bot user-agent templates with `{n:A-B}` and `{chrome}` placeholders.
  var bots: [(kind: GeneratorBotKind, weight: Double, template: String)]
  var firstNames: [String]
  var lastNames: [String]
  var fakeNames: [String]
  var disposableDomains: [String]
  var mailDomains: [String]
  var mailWeights: GeneratorWeights
  var residential4: [GeneratorBlock]
  var residential6: [GeneratorBlock]
  var datacenter4: [GeneratorBlock]
  var datacenter6: [GeneratorBlock]

  /// Loads `geo/zips.tsv`, `geo/area-codes.tsv` and `generator/*.tsv` under `directory`.
  public init(rulesDirectory directory: String) throws(GeneratorError) {
    geo = try GeneratorGeo(rulesDirectory: directory)
    let dir = directory + "/generator/"
    let browserTable = try GeneratorTable(path: dir + "browsers.tsv", expected: ["share", "ua"])
    var seen = Set<String>()
    var uas: [String] = []
    var shares: [Double] = []
    for (line, cells) in browserTable.rows {
      let ua = String(cells[1])
      let share = try browserTable.number(cells[0], line: line)
      guard !Self.looksAutomated(ua), seen.insert(ua).inserted else { continue }
      uas.append(ua)
      shares.append(share)
    }
    browsers = uas
    browserWeights = GeneratorWeights(shares)
    let botTable = try GeneratorTable(
      path: dir + "bots.tsv", expected: ["kind", "weight", "ua_template"])
    bots = try botTable.rows.map { (line, cells) throws(GeneratorError) in
      guard let kind = GeneratorBotKind(rawValue: String(cells[0])) else {
        throw .badTableLine(path: botTable.path, line: line, message: "unknown kind `\(cells[0])`")
      }
      return (kind, try botTable.number(cells[1], line: line), String(cells[2]))
    }
    let names = try GeneratorTable(path: dir + "names.tsv", expected: ["kind", "name"])
    firstNames = names.rows.filter { $0.cells[0] == "first" }.map { String($0.cells[1]) }
    lastNames = names.rows.filter { $0.cells[0] == "last" }.map { String($0.cells[1]) }
    fakeNames = try GeneratorTable(path: dir + "fake-names.tsv", expected: ["name"]).rows.map {
      String($0.cells[0])
    }
    disposableDomains = try GeneratorTable(path: dir + "disposable.tsv", expected: ["domain"])
      .rows.map { String($0.cells[0]) }
    let mail = try GeneratorTable(path: dir + "mail-domains.tsv", expected: ["share", "domain"])
    mailDomains = mail.rows.map { String($0.cells[1]) }
    mailWeights = GeneratorWeights(
      try mail.rows.map { (line, cells) throws(GeneratorError) in
        try mail.number(cells[0], line: line)
      })
    let blocks = try GeneratorTable(
      path: dir + "ip-blocks.tsv", expected: ["kind", "provider", "weight", "cidr"])
    var parsed: [GeneratorBlock] = []
    for (line, cells) in blocks.rows {
      let weight = try blocks.number(cells[2], line: line)
      guard cells[0] == "residential" || cells[0] == "datacenter",
        let block = GeneratorBlock(
          cidr: cells[3], provider: String(cells[1]), isDatacenter: cells[0] == "datacenter",
          weight: weight)
      else {
        throw .badTableLine(
          path: blocks.path, line: line, message: "need residential|datacenter and a CIDR")
      }
      parsed.append(block)
    }
    residential4 = parsed.filter { !$0.isDatacenter && !$0.isV6 }
    residential6 = parsed.filter { !$0.isDatacenter && $0.isV6 }
    datacenter4 = parsed.filter { $0.isDatacenter && !$0.isV6 }
    datacenter6 = parsed.filter { $0.isDatacenter && $0.isV6 }
    guard !firstNames.isEmpty, !lastNames.isEmpty, !fakeNames.isEmpty, !browsers.isEmpty,
      !disposableDomains.isEmpty, !mailDomains.isEmpty, !residential4.isEmpty,
      !residential6.isEmpty, !datacenter4.isEmpty, !datacenter6.isEmpty,
      GeneratorBotKind.allCases.allSatisfy({ kind in bots.contains { $0.kind == kind } })
    else {
      throw .badTableLine(path: dir, line: 0, message: "a generator table is empty")
    }
  }

  /// Browser strings from the public dataset that a bot rule may fairly match
  /// (previews, crawlers, headless builds) are not used as human traffic.
  static func looksAutomated(_ ua: String) -> Bool {
    let lower = ua.lowercased()
    return ["bot", "crawl", "spider", "headless", "preview", "slurp", "python", "curl", "http"]
      .contains { lower.contains($0) } || ua.count < 40
  }
}
