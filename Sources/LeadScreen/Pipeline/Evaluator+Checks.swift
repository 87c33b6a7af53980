import Foundation

extension Evaluator {
  /// Required fields, contact validity, names, service area and submit speed of a lead.
  mutating func checkForm(
    _ record: Record, campaign: Campaign, click: ClickFacts?, into findings: inout [Finding]
  ) {
    let missing = campaign.requiredFields.filter { record.isBlank(field: $0) }
    if !missing.isEmpty {
      findings.append(
        Finding(
          .incompleteForm, rule: "campaign \(campaign.id): required_fields",
          detail: "missing " + missing.joined(separator: ", ")))
    }
    checkFormContent(record, into: &findings)
    if let matcher = areaMatcher(for: campaign.id),
      matcher.contains(zip5: record.zip5, state: record.state, geo: rules.geo) == false
    {
      findings.append(
        Finding(
          .outOfArea, rule: "campaign \(campaign.id): service_area",
          detail: record.zip5.map { "ZIP \($0)" } ?? "state \(record.state ?? "")"))
    }
    let clickTime = click?.time ?? record.clickTime
    if let clickTime {
      let seconds = Double(record.time.milliseconds - clickTime.milliseconds) / 1000
      if seconds < rules.thresholds.fastSubmitSeconds {
        findings.append(
          Finding(
            .fastSubmit, rule: "\(rules.directory)/thresholds.yaml",
            pattern: "fast_submit_seconds: \(rules.thresholds.fastSubmitSeconds)",
            detail: "submitted \(seconds) s after click \(record.clickID ?? "")"))
      }
    }
  }

  /// The checks of a lead's form content that need no campaign.
  mutating func checkFormContent(_ record: Record, into findings: inout [Finding]) {
    if let email = record.email, !email.isEmpty {
      if let normalized = record.normalizedEmail {
        if let rule = rules.disposable.match(domain: EmailAddress.domain(of: normalized)) {
          findings.append(Finding(.disposableEmail, source: rule, detail: normalized))
        }
      } else {
        findings.append(Finding(.invalidEmail, detail: email))
      }
    }
    if let phone = record.phone, !phone.isEmpty, record.phoneNumber == nil {
      findings.append(Finding(.invalidPhone, detail: phone))
    }
    for name in [record.firstName, record.lastName] {
      if let name, !name.isEmpty, let rule = rules.fakeNames.match(name, scratch: scratch) {
        findings.append(Finding(.fakeName, source: rule, detail: name))
        break
      }
    }
  }

  /// Caller id, duration and the caller's area of a call.
  mutating func checkCall(_ record: Record, campaign: Campaign, into findings: inout [Finding]) {
    if record.caller == nil || record.caller?.isEmpty == true {
      findings.append(Finding(.incompleteForm, detail: "no caller id"))
    } else if record.phoneNumber == nil {
      findings.append(Finding(.invalidPhone, detail: record.caller))
    }
    if let duration = record.duration, duration < campaign.minCallSeconds {
      findings.append(
        Finding(
          .shortCall, rule: "campaign \(campaign.id): min_call_seconds",
          pattern: "\(campaign.minCallSeconds)", detail: "\(duration) s"))
    }
    if let number = record.phoneNumber, let matcher = areaMatcher(for: campaign.id),
      !matcher.contains(areaCode: number.areaCode, geo: rules.geo)
    {
      findings.append(
        Finding(
          .outOfArea, rule: "campaign \(campaign.id): service_area",
          detail: "area code \(number.areaCode)"))
    }
  }

  /// Same phone or email as an earlier lead or call of the campaign within its window.
  mutating func checkDuplicate(_ record: Record, campaign: Campaign, into findings: inout [Finding])
  {
    var keys: [ContactKey] = []
    if let number = record.phoneNumber { keys.append(contactHasher.phone(number)) }
    var emailKey: String?
    if record.type == .lead, let email = record.normalizedEmail {
      let duplicateKey = EmailAddress.duplicateKey(email)
      emailKey = duplicateKey
      keys.append(contactHasher.email(duplicateKey: duplicateKey))
    }
    guard !keys.isEmpty else { return }
    let this = EarlierContact(id: record.id, type: record.type, time: record.time)
    if let (key, earlier) = recordContacts(
      campaign: campaign.id, keys: keys, windowDays: campaign.duplicateWindowDays, record: this)
    {
      // The digest names no one: the explanation takes the contact from this record.
      let what: String
      switch key.kind {
      case .phone: what = "phone " + (record.phoneNumber?.e164 ?? "")
      case .email: what = "email " + (emailKey ?? "")
      }
      findings.append(
        Finding(
          .duplicate, rule: "campaign \(campaign.id): duplicate_window_days",
          pattern: "\(campaign.duplicateWindowDays)",
          detail: "same \(what) as \(earlier.type.name) \(earlier.id) at \(earlier.time.rfc3339)"))
    }
  }

  /// User rules: `dispute` ones become findings, `flag` ones flags.
  mutating func checkUserRules(
    _ record: Record, findings: inout [Finding], flags: inout [Finding]
  ) {
    for rule in rules.userRules where rule.types.contains(record.type) {
      let value = record.value(ofField: rule.field)
      var matched = false
      if let value {
        do throws(MatchLimitExceeded) {
          matched = try rule.pattern.matches(value, scratch: scratch)
        } catch {
          noteRuleError(
            "\(rule.file):\(rule.line): rule \(rule.name) gave up on record \(record.id) "
              + "(PCRE2 limit, code \(error.code))")
          continue
        }
      }
      if matched == rule.negate { continue }
      let finding = Finding(
        .rule(rule.name), rule: "\(rule.file):\(rule.line)", pattern: rule.pattern.pattern,
        detail: value.map { "\(rule.field) = \($0.prefix(80))" } ?? "\(rule.field) absent")
      if rule.action == .dispute { findings.append(finding) } else { flags.append(finding) }
    }
  }

  /// The verdict for a record, given what was found.
  func verdict(
    for record: Record, campaign: Campaign?, findings: [Finding], flags: [Finding],
    model: ModelOutput
  ) -> Verdict {
    let sorted = findings.sorted { $0.reason < $1.reason }
    let decision: Decision = sorted.isEmpty ? .accepted : .disputed
    var price = Decimal(0)
    if decision == .accepted, let campaign {
      switch record.type {
      case .lead: price = campaign.pricePerLead ?? 0
      case .call: price = campaign.pricePerCall ?? 0
      case .click: price = campaign.pricePerClick ?? 0
      }
    }
    return Verdict(
      type: record.type, id: record.id, campaign: record.campaign, source: record.source,
      time: record.time, line: record.line, decision: decision, score: model.score,
      findings: sorted, flags: flags, price: price, currency: campaign?.currency ?? "USD",
      contributions: model.contributions, intercept: model.intercept)
  }
}
