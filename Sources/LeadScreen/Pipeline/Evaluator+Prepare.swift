/// The results of a lead's or call's checks that depend on the record alone (and the
/// rules), worked out ahead by ``Evaluator/prepare(_:)`` — on the reading thread when
/// `score` runs two and the thread that keeps the state is behind — so that
/// ``Evaluator/evaluate(_:)`` only looks them up; for a record that comes unprepared it
/// works them out itself. Same functions, same results: where they are worked out
/// changes nothing in the verdict (PreparedChecksTests).
public struct PreparedChecks: Sendable {
  /// ``BotClassifier/classifyValue(_:cache:scratch:)`` of the record's own user agent.
  var ownBot: Int32?
  /// ``IPRangeSet/lookupIndex(_:)`` of the record's own IP, or -1.
  var ownDatacenter: Int32 = -1
  /// What ``Evaluator/checkFormContent(_:into:)`` finds (leads).
  var formContent: [Finding] = []
  /// The contacts ``Evaluator/checkDuplicate(_:campaign:into:)`` checks.
  var contacts = Contacts()
  /// What the user rules find, flag, and give up on (messages, in rule order).
  var userRules = UserRuleResults()
}

/// A lead's or call's contacts as the duplicate check keys them.
struct Contacts: Sendable {
  var keys: [ContactKey] = []
  /// The email's duplicate key (for the explanation), when the email is one of `keys`.
  var emailKey: String?
}

/// The user rules' results on one record.
struct UserRuleResults: Sendable {
  var findings: [Finding] = []
  var flags: [Finding] = []
  /// Matches PCRE2 gave up on (match or depth limit).
  var errors: [String] = []
}

extension Evaluator {
  /// Works out the checks of a lead or call that depend on the record alone and keeps
  /// them in ``Record/prepared``. Clicks are left as they are. Uses only the rules and
  /// this evaluator's user-agent cache and PCRE2 scratch, never the click or contact
  /// state: a second evaluator on another thread can prepare records for this one.
  public mutating func prepare(_ record: inout Record) {
    guard record.type != .click else { return }
    var prepared = PreparedChecks()
    if var ua = record.ua {
      prepared.ownBot = ua.withUTF8 {
        rules.bots.classifyValue(UnsafeRawBufferPointer($0), cache: &botCache, scratch: scratch)
      }
    }
    if let ip = record.ip { prepared.ownDatacenter = rules.datacenter.lookupIndex(ip) }
    if record.type == .lead { checkFormContentFresh(record, into: &prepared.formContent) }
    prepared.contacts = contacts(of: record)
    prepared.userRules = userRuleResults(record)
    record.prepared = prepared
  }

  /// The rule that makes the record's own user agent a bot (prepared or worked out now).
  mutating func ownBotRule(_ record: Record) -> RuleSource? {
    if let prepared = record.prepared {
      return prepared.ownBot.flatMap { rules.bots.source(forValue: $0) }
    }
    guard let ua = record.ua else { return nil }
    return rules.bots.classify(ua, cache: &botCache, scratch: scratch)
  }

  /// The data-center range of the record's own IP (prepared or worked out now).
  func ownDatacenterRange(_ record: Record, ip: IPAddress) -> RuleSource? {
    if let prepared = record.prepared { return rules.datacenter.source(at: prepared.ownDatacenter) }
    return rules.datacenter.lookup(ip)
  }

  /// The contacts of a lead or call under ``contactHasher``.
  func contacts(of record: Record) -> Contacts {
    var contacts = Contacts()
    if let number = record.phoneNumber { contacts.keys.append(contactHasher.phone(number)) }
    if record.type == .lead, let email = record.normalizedEmail {
      let duplicateKey = EmailAddress.duplicateKey(email)
      contacts.emailKey = duplicateKey
      contacts.keys.append(contactHasher.email(duplicateKey: duplicateKey))
    }
    return contacts
  }

  /// Every user rule for the record's type, in order.
  func userRuleResults(_ record: Record) -> UserRuleResults {
    var results = UserRuleResults()
    for rule in rules.userRules where rule.types.contains(record.type) {
      let value = record.value(ofField: rule.field)
      var matched = false
      if let value {
        do throws(MatchLimitExceeded) {
          matched = try rule.pattern.matches(value, scratch: scratch)
        } catch {
          results.errors.append(
            "\(rule.file):\(rule.line): rule \(rule.name) gave up on record \(record.id) "
              + "(PCRE2 limit, code \(error.code))")
          continue
        }
      }
      if matched == rule.negate { continue }
      let finding = Finding(
        .rule(rule.name), rule: "\(rule.file):\(rule.line)", pattern: rule.pattern.pattern,
        detail: value.map { "\(rule.field) = \($0.prefix(80))" } ?? "\(rule.field) absent")
      if rule.action == .dispute {
        results.findings.append(finding)
      } else {
        results.flags.append(finding)
      }
    }
    return results
  }
}
