import LeadScreen

/// Text of `state stats`, and the dates `state prune` reads and prints.
enum StateReport {
  static func text(_ stats: StateStats, path: String) -> String {
    var out = "state \(path)\n"
    out += "schema version \(stats.schemaVersion) (this leadscreen writes \(StateSchema.version))\n"
    out += "size \(stats.bytes) bytes\n"
    if let oldest = stats.oldest, let newest = stats.newest {
      out += "times \(format(oldest)) to \(format(newest))\n"
    }
    out += "runs \(stats.runs)\n"
    if let last = stats.lastRun { out += "last \(last)\n" }
    out += "contacts (campaign, kind, count)\n"
    for group in stats.contacts { out += "  \(group.campaign)\t\(group.what)\t\(group.count)\n" }
    out += "decisions (campaign, type and decision, count)\n"
    for group in stats.decisions { out += "  \(group.campaign)\t\(group.what)\t\(group.count)\n" }
    if let digest = stats.contentDigest { out += "content digest \(digest)\n" }
    return out
  }

  /// `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SSZ`.
  static func parseDate(_ text: String) -> Timestamp? {
    let bytes = Array(text.utf8)
    guard bytes.count == 10 || (bytes.count == 20 && bytes[10] == 84 && bytes[19] == 90) else {
      return nil
    }
    func number(_ range: Range<Int>) -> Int64? {
      var value: Int64 = 0
      for byte in bytes[range] {
        guard (48...57).contains(byte) else { return nil }
        value = value * 10 + Int64(byte - 48)
      }
      return value
    }
    guard bytes[4] == 45, bytes[7] == 45, let year = number(0..<4), let month = number(5..<7),
      let day = number(8..<10), (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var seconds = days(year: year, month: month, day: day) * 86_400
    if bytes.count == 20 {
      guard bytes[13] == 58, bytes[16] == 58, let hour = number(11..<13),
        let minute = number(14..<16), let second = number(17..<19), hour < 24, minute < 60,
        second < 60
      else { return nil }
      seconds += hour * 3_600 + minute * 60 + second
    }
    return Timestamp(seconds: seconds)
  }

  /// `YYYY-MM-DDTHH:MM:SSZ`.
  static func format(_ time: Timestamp) -> String {
    let seconds = time.seconds
    let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let rest = seconds - day * 86_400
    let (year, month, dayOfMonth) = civil(days: day)
    func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(year)-\(two(month))-\(two(dayOfMonth))T\(two(rest / 3_600)):"
      + "\(two(rest % 3_600 / 60)):\(two(rest % 60))Z"
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
  private static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private static func civil(days: Int64) -> (Int64, Int64, Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
