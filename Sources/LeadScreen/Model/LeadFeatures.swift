#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The model's inputs: a fixed, documented list of numeric features computed
/// from a ``FeatureContext`` (see `models/README.md` for each one's meaning and
/// transform). Flags are 0 or 1; leads and calls share the list, a feature
/// that does not apply to the record's type is 0.
public struct LeadFeatures: Sendable {
  /// Every feature the code knows, in the order ``compute(_:into:)`` writes them.
  public static let names: [String] = [
    "click_bot", "click_burst", "click_datacenter", "no_click", "log_submit_seconds",
    "fast_submit", "hour_sin", "hour_cos", "night",
    "email_invalid", "email_disposable", "email_freemail", "mailbox_digit_fraction",
    "mailbox_class_transitions", "mailbox_consonant_run", "mailbox_length",
    "phone_invalid", "phone_zip_mismatch", "phone_state_mismatch", "phone_tollfree",
    "zip_unknown", "zip_state_mismatch", "out_of_area", "incomplete_form",
    "fake_name", "name_length", "name_odd_case", "seen_before", "log_ip_clicks",
    "is_call", "log_call_duration", "short_call", "user_rule",
  ]

  /// Features that are always 0 for a call (the form's fields).
  public static let leadOnly: Set<String> = [
    "email_invalid", "email_disposable", "email_freemail", "mailbox_digit_fraction",
    "mailbox_class_transitions", "mailbox_consonant_run", "mailbox_length",
    "phone_zip_mismatch", "phone_state_mismatch", "zip_unknown", "zip_state_mismatch",
    "fake_name", "name_length", "name_odd_case",
  ]
  /// Features that are always 0 for a lead.
  public static let callOnly: Set<String> = ["log_call_duration", "short_call"]

  /// Whether `name` says something about this record rather than only its type:
  /// false for `is_call` and for the other type's features, whose contribution
  /// is the same for every record of the type.
  public static func describes(_ name: String, type: RecordType) -> Bool {
    switch type {
    case .call: name != "is_call" && !leadOnly.contains(name)
    case .lead, .click: name != "is_call" && !callOnly.contains(name)
    }
  }

  /// Position of each name in ``names``.
  public static let index: [String: Int] = Dictionary(
    uniqueKeysWithValues: names.enumerated().map { ($0.element, $0.offset) })

  /// Free-mail domains (`gmail.com`, …), lower case.
  public let freeMailDomains: Set<String>
  /// Local time of day per campaign time zone.
  public let clock: LocalClock

  public init(freeMailDomains: Set<String> = [], clock: LocalClock = LocalClock()) {
    self.freeMailDomains = freeMailDomains
    self.clock = clock
  }

  /// The features of `context` as a new array, in ``names`` order.
  public func vector(_ context: FeatureContext) -> [Double] {
    var values = [Double](repeating: 0, count: Self.names.count)
    compute(context, into: &values)
    return values
  }

  /// Writes the features of `context` into `values` (``names``.count long).
  public func compute(_ context: FeatureContext, into values: inout [Double]) {
    precondition(values.count == Self.names.count)
    values.withUnsafeMutableBufferPointer { compute(context, into: $0) }
  }

  /// ``compute(_:into:)`` into memory of ``names``.count values.
  func compute(_ context: FeatureContext, into values: UnsafeMutableBufferPointer<Double>) {
    precondition(values.count == Self.names.count)
    var found = ReasonBits()
    var userRule = false
    for finding in context.findings {
      if case .rule = finding.reason { userRule = true } else { found.insert(finding.reason) }
    }
    func flag(_ value: Bool) -> Double { value ? 1 : 0 }
    let isCall = context.record.type == .call

    values[0] = flag(found.contains(.botUA) || context.click?.isBot == true)
    values[1] = flag(found.contains(.ipBurst) || context.click?.isBurst == true)
    values[2] = flag(found.contains(.datacenterIP) || context.click?.isDatacenter == true)
    let clickTime = context.click?.time ?? context.record.clickTime
    values[3] = flag(clickTime == nil)
    if let clickTime {
      let seconds = Double(context.record.time.milliseconds - clickTime.milliseconds) / 1000
      values[4] = log1p(max(seconds, 0))
    } else {
      values[4] = 0
    }
    values[5] = flag(found.contains(.fastSubmit))
    let hour = clock.hour(at: context.record.time, zone: context.campaign?.timeZone)
    let angle = hour / 24 * 2 * Double.pi
    values[6] = sin(angle)
    values[7] = cos(angle)
    values[8] = flag(hour < 6)

    values[9] = flag(found.contains(.invalidEmail))
    values[10] = flag(found.contains(.disposableEmail))
    let mailbox = MailboxTraits(context.record.normalizedEmail)
    values[11] = flag(mailbox.domain.map { freeMailDomains.contains($0) } ?? false)
    values[12] = mailbox.digitFraction
    values[13] = mailbox.classTransitions
    values[14] = Double(mailbox.consonantRun)
    values[15] = Double(mailbox.length)

    values[16] = flag(found.contains(.invalidPhone))
    let areaCode = context.record.phoneNumber?.areaCode
    var zipMismatch = false
    var stateMismatch = false
    if !isCall, let areaCode, let zip = context.zip {
      zipMismatch = !zip.areaCodes.isEmpty && !zip.areaCodes.contains(areaCode)
      if let phoneState = context.phoneState { stateMismatch = phoneState != zip.state }
    }
    values[17] = flag(zipMismatch)
    values[18] = flag(stateMismatch)
    values[19] = flag(areaCode.map { Self.tollFree.contains($0) } ?? false)
    values[20] = flag(!isCall && context.record.zip5 != nil && context.zip == nil)
    var zipState = false
    if !isCall, let state = context.record.state, !state.isEmpty, let zip = context.zip {
      zipState = !Self.sameStateCode(state, zip.state)
    }
    values[21] = flag(zipState)
    values[22] = flag(found.contains(.outOfArea))
    values[23] = flag(found.contains(.incompleteForm))

    values[24] = flag(found.contains(.fakeName))
    let first = context.record.firstName ?? ""
    let last = context.record.lastName ?? ""
    values[25] = isCall ? 0 : log1p(Double(first.utf8.count + last.utf8.count))
    values[26] = flag(!isCall && (Self.oddCase(first) || Self.oddCase(last)))
    values[27] = flag(context.seenBefore || found.contains(.duplicate))
    values[28] = log1p(Double(max(context.ipClicksInWindow, 0)))
    values[29] = flag(isCall)
    values[30] = isCall ? log1p(max(context.record.duration ?? 0, 0)) : 0
    values[31] = flag(found.contains(.shortCall))
    values[32] = flag(userRule)
    // A malformed input (an infinite duration, say) must not poison a fit.
    for i in values.indices where !values[i].isFinite { values[i] = 0 }
  }

  /// `a.uppercased() == b.uppercased()`, without building either string when `a` is
  /// ASCII and `b` is two capitals (a table's state code): then it is a byte compare.
  static func sameStateCode(_ a: String, _ b: String) -> Bool {
    let left = a.utf8
    let right = b.utf8
    guard left.count == right.count, left.allSatisfy({ $0 < 0x80 }),
      right.allSatisfy({ $0 >= 65 && $0 <= 90 })
    else {
      return a.uppercased() == b.uppercased()
    }
    return zip(left, right).allSatisfy { ($0 >= 97 && $0 <= 122 ? $0 - 32 : $0) == $1 }
  }

  /// NANP toll-free area codes.
  static let tollFree: Set<Int> = [800, 833, 844, 855, 866, 877, 888]

  /// All capitals or all lower case, at least two letters long ("JOHN", "john").
  static func oddCase(_ name: String) -> Bool {
    var upper = 0
    var lower = 0
    for byte in name.utf8 {
      if byte >= 65 && byte <= 90 { upper += 1 } else if byte >= 97 && byte <= 122 { lower += 1 }
    }
    return upper + lower >= 2 && (upper == 0 || lower == 0)
  }
}

/// The built-in reasons among a record's findings, one bit each (no hashing).
private struct ReasonBits {
  private var bits: UInt32 = 0

  @inline(__always)
  mutating func insert(_ reason: Reason) { bits |= Self.bit(reason) }

  @inline(__always)
  func contains(_ reason: Reason) -> Bool { bits & Self.bit(reason) != 0 }

  /// The reason's bit (user rules have none: they are counted apart).
  @inline(__always)
  private static func bit(_ reason: Reason) -> UInt32 {
    switch reason {
    case .botUA: 1 << 0
    case .ipBurst: 1 << 1
    case .datacenterIP: 1 << 2
    case .incompleteForm: 1 << 3
    case .invalidEmail: 1 << 4
    case .invalidPhone: 1 << 5
    case .disposableEmail: 1 << 6
    case .fakeName: 1 << 7
    case .outOfArea: 1 << 8
    case .shortCall: 1 << 9
    case .duplicate: 1 << 10
    case .fastSubmit: 1 << 11
    case .unknownCampaign: 1 << 12
    case .modelScore: 1 << 13
    case .rule: 0
    }
  }
}
