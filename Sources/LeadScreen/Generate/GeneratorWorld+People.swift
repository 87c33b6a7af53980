extension GeneratorWorld {
  /// A new person living in `zipIndex`, whose phone and email nobody in `campaign`
  /// has used yet. `callerCodes`, when given, are the area codes the phone must use.
  func person(campaign: Int, zipIndex: Int, callerCodes: [Int]? = nil) -> GeneratorPerson {
    let first = rng.pick(tables.firstNames)
    let last = rng.pick(tables.lastNames)
    let zip = tables.geo.zips[zipIndex]
    var areaCode: Int
    if let codes = callerCodes, !codes.isEmpty {
      let local = zip.areaCodes.filter { codes.contains($0) }
      areaCode = local.isEmpty ? rng.pick(codes) : rng.pick(local)
    } else if !zip.areaCodes.isEmpty && rng.chance(0.8) {
      areaCode = rng.pick(zip.areaCodes)
    } else {
      areaCode = rng.pick(tables.geo.areaCodes)
    }
    let phone = freshPhone(campaign: campaign, areaCode: areaCode)
    let domain = tables.mailDomains[tables.mailWeights.draw(&rng)]
    let local = freshMailbox(campaign: campaign, first: first, last: last, domain: domain)
    return GeneratorPerson(
      first: first, last: last, zipIndex: zipIndex, phone: phone, emailLocal: local,
      emailDomain: domain)
  }

  /// A valid ten-digit number in `areaCode` that `campaign` has not seen: exchange
  /// 200–999 but never 555 or N11, so it is plainly a real-looking line.
  func freshPhone(campaign: Int, areaCode: Int) -> Int64 {
    while true {
      var exchange = rng.int(200...999)
      if exchange == 555 || exchange % 100 == 11 { exchange += 1 }
      let number =
        Int64(areaCode) * 10_000_000 + Int64(exchange) * 10_000 + Int64(rng.below(10_000))
      if campaign >= campaigns.count || usedPhones[campaign].insert(number).inserted {
        return number
      }
    }
  }

  /// A mailbox name made from a person's name, unused in `campaign` at `domain`.
  func freshMailbox(campaign: Int, first: String, last: String, domain: String) -> String {
    let f = Self.letters(first)
    let l = Self.letters(last)
    var local: String
    switch rng.below(9) {
    case 0: local = f + "." + l
    case 1: local = f + l
    case 2: local = String(f.prefix(1)) + l
    case 3: local = f + "_" + l
    case 4: local = f + "." + l + String(rng.int(1...99))
    case 5: local = f + l + String(rng.int(1960...2007))
    case 6: local = String(f.prefix(1)) + l + String(rng.int(1...999))
    case 7: local = f + String(rng.int(1...9999))
    default: local = l + "." + f
    }
    let tag = rng.chance(0.02) ? "+quotes" : ""
    while true {
      let key = Self.emailKey(local: local + tag, domain: domain)
      if campaign >= campaigns.count || usedEmails[campaign].insert(key).inserted {
        return local + tag
      }
      local += String(rng.below(10))
    }
  }

  /// Lower-case ASCII letters of a name (apostrophes, spaces and hyphens dropped).
  static func letters(_ name: String) -> String {
    String(name.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) }.map(Character.init))
  }

  /// The duplicate key of a valid email (docs/reasons.md, Normalize): lower-cased;
  /// for gmail.com and googlemail.com, dots and a `+tag` removed from the mailbox.
  static func emailKey(local: String, domain: String) -> String {
    var mailbox = local.lowercased()
    let host = domain.lowercased()
    if host == "gmail.com" || host == "googlemail.com" {
      if let plus = mailbox.firstIndex(of: "+") { mailbox = String(mailbox[..<plus]) }
      mailbox.removeAll { $0 == "." }
    }
    return mailbox + "@" + host
  }

  /// A phone number in one of the spellings people type.
  func spell(phone: Int64) -> String {
    let digits = String(phone)
    let a = digits.prefix(3)
    let e = digits.dropFirst(3).prefix(3)
    let s = digits.suffix(4)
    var text: String
    switch rng.below(100) {
    case 0..<25: text = "(\(a)) \(e)-\(s)"
    case 25..<50: text = "\(a)-\(e)-\(s)"
    case 50..<60: text = "\(a).\(e).\(s)"
    case 60..<75: text = digits
    case 75..<83: text = "+1 \(a) \(e) \(s)"
    case 83..<90: text = "1-\(a)-\(e)-\(s)"
    case 90..<97: text = "+1\(digits)"
    default: text = "\(a) \(e) \(s)"
    }
    if rng.chance(0.005) {
      text += rng.chance(0.5) ? " x\(rng.int(10...999))" : " ext \(rng.int(1...99))"
    }
    return text
  }

  /// A name as typed: mostly title case, sometimes lower or upper, stray spaces.
  func spell(name: String) -> String {
    switch rng.below(100) {
    case 0..<72: return name
    case 72..<86: return name.lowercased()
    case 86..<94: return name.uppercased()
    case 94..<97: return " " + name
    default: return name + "  "
    }
  }

  /// An email as typed: mostly lower case, sometimes capitalised, shouted or padded.
  func spell(local: String, domain: String) -> String {
    let email = local + "@" + domain
    switch rng.below(100) {
    case 0..<82: return email
    case 82..<91: return email.prefix(1).uppercased() + email.dropFirst()
    case 91..<95: return email.uppercased()
    case 95..<98: return email + " "
    default:
      return local.prefix(1).uppercased() + local.dropFirst() + "@" + domain.prefix(1).uppercased()
        + domain.dropFirst()
    }
  }

  /// A ZIP as typed: five digits, ZIP+4, nine digits, or with its leading zeros lost.
  func spell(zipIndex: Int) -> String {
    let zip = tables.geo.zips[zipIndex]
    let text = zip.text
    switch rng.below(100) {
    case 0..<8: return text + "-" + String(rng.int(1000...9999))
    case 8..<10: return text + String(rng.int(1000...9999))
    case 10..<14 where zip.zip < 10_000: return String(zip.zip)
    default: return text
    }
  }
}

extension GeneratorWorld {
  /// `value` as exactly `width` digits, zero-padded.
  static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
