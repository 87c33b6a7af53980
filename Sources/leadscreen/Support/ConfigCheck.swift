import LeadScreen

/// Loads each part of the configuration on its own, so `check` reports a
/// problem in every part rather than stopping at the first.
struct ConfigCheck {
  let options: ConfigOptions
  /// `check --model` (see ``ConfigOptions/modelPath(_:)``).
  var model: String? = nil

  func problems() -> [ConfigError] {
    var problems: [ConfigError] = []
    var geo: GeoTable?
    do {
      let rules = try RuleSet(
        directory: options.rules, datacenterFiles: options.datacenter,
        userRulesFile: options.userRules)
      geo = rules.geo
    } catch {
      problems.append(error)
    }
    do {
      let book = try CampaignBook.load(path: options.campaigns)
      if let geo { problems += CampaignGeoCheck.problems(in: book, geo: geo) }
    } catch {
      problems.append(error)
    }
    do {
      _ = try options.loadScorer(model: model)
    } catch {
      problems.append(error)
    }
    return problems
  }
}

/// Cross-checks of the campaigns against the geo tables.
enum CampaignGeoCheck {
  static func problems(in book: CampaignBook, geo: GeoTable) -> [ConfigError] {
    var problems: [ConfigError] = []
    for campaign in book.campaigns.values.sorted(by: { $0.line < $1.line }) {
      if let radius = campaign.serviceArea?.radius, geo.zip(radius.centerZip) == nil {
        problems.append(
          ConfigError(
            file: book.file, line: campaign.line, column: nil,
            message:
              "campaign \(campaign.id): radius center_zip \(radius.centerZip) is not a known US ZIP"
          ))
      }
    }
    return problems
  }
}
