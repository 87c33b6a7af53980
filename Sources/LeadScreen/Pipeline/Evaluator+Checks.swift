import Foundation

extension Evaluator {
  /// Required fields, contact validity, names, service area and submit speed of a lead.
  mutating func checkForm(
    _ record: Record, campaign entry: CampaignBox, click: ClickFacts?,
    into findings: inout [Finding]
  ) {
    let campaign = entry.campaign
    // Most leads miss nothing: only then is the list of missing fields made.
    if campaign.requiredFields.contains(where: { record.isBlank(field: $0) }) {
      let missing = campaign.requiredFields.filter { record.isBlank(field: $0) }
      findings.append(
        Finding(
          .incompleteForm, rule: "campaign \(campaign.id): required_fields",
          detail: "missing " + missing.joined(separator: ", ")))
    }
    checkFormContent(record, into: &findings)
    if let matcher = entry.area,
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
    if let prepared = record.prepared {
      findings.append(contentsOf: prepared.formContent)
    } else {
      checkFormContentFresh(record, into: &findings)
    }
  }

  /// ``checkFormContent(_:into:)`` worked out from the record.
  mutating func checkFormContentFresh(_ record: Record, into findings: inout [Finding]) {
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
    // Each name in turn, not through an array of the two (an allocation per lead).
    if let name = record.firstName, !name.isEmpty,
      let rule = rules.fakeNames.match(name, cache: &nameCache, scratch: scratch)
    {
      findings.append(Finding(.fakeName, source: rule, detail: name))
    } else if let name = record.lastName, !name.isEmpty,
      let rule = rules.fakeNames.match(name, cache: &nameCache, scratch: scratch)
    {
      findings.append(Finding(.fakeName, source: rule, detail: name))
    }
  }

  /// Caller id, duration and the caller's area of a call.
  mutating func checkCall(
    _ record: Record, campaign entry: CampaignBox, into findings: inout [Finding]
  ) {
    let campaign = entry.campaign
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
    if let number = record.phoneNumber, let matcher = entry.area,
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
    let contacts = record.prepared?.contacts ?? self.contacts(of: record)
    let keys = contacts.keys
    let emailKey = contacts.emailKey
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
    let results = record.prepared?.userRules ?? userRuleResults(record)
    findings.append(contentsOf: results.findings)
    flags.append(contentsOf: results.flags)
    for message in results.errors { noteRuleError(message) }
  }

  /// The verdict for a record, given what was found.
  func verdict(
    for record: Record, campaign entry: CampaignBox?, findings: [Finding], flags: [Finding],
    model: ModelOutput
  ) -> Verdict {
    let sorted = findings.sorted { $0.reason < $1.reason }
    let decision: Decision = sorted.isEmpty ? .accepted : .disputed
    var price = Decimal(0)
    if decision == .accepted, let entry {
      switch record.type {
      case .lead: price = entry.campaign.pricePerLead ?? 0
      case .call: price = entry.campaign.pricePerCall ?? 0
      case .click: price = entry.campaign.pricePerClick ?? 0
      }
    }
    return Verdict(
      type: record.type, id: record.id, campaign: record.campaign, source: record.source,
      time: record.time, line: record.line, decision: decision, score: model.score,
      findings: sorted, flags: flags, price: price, currency: entry?.campaign.currency ?? "USD",
      contributions: model.contributions, intercept: model.intercept)
  }
}
