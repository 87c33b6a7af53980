extension GeneratorWorld {
  /// The lead form `person` submits, spoiled the way `kind` says.
  func form(person p: GeneratorPerson, campaign: Int, kind: GeneratorKind) -> GeneratorLeadForm {
    var f = GeneratorLeadForm()
    f.firstName = spell(name: p.first)
    f.lastName = spell(name: p.last)
    f.email = spell(local: p.emailLocal, domain: p.emailDomain)
    f.emailKey = Self.emailKey(local: p.emailLocal, domain: p.emailDomain)
    f.phone = spell(phone: p.phone)
    f.phoneKey = p.phone
    f.zip = spell(zipIndex: p.zipIndex)
    f.zipIndex = p.zipIndex
    if rng.chance(0.35) { f.state = tables.geo.zips[p.zipIndex].state }
    if rng.chance(0.9) { f.consent = true }
    switch kind {
    case .incompleteForm: blankFields(&f)
    case .invalidEmail: breakEmail(&f, person: p)
    case .invalidPhone: breakPhone(&f, person: p)
    case .fakeName:
      switch rng.below(3) {
      case 0: f.firstName = rng.pick(tables.fakeNames)
      case 1: f.lastName = rng.pick(tables.fakeNames)
      default:
        f.firstName = rng.pick(tables.fakeNames)
        f.lastName = rng.pick(tables.fakeNames)
      }
      f.fakeName = true
    case .disposableEmail:
      let domain = rng.pick(tables.disposableDomains)
      let local = freshMailbox(campaign: campaign, first: p.first, last: p.last, domain: domain)
      f.email = spell(local: local, domain: domain)
      f.emailKey = Self.emailKey(local: local, domain: domain)
      f.disposable = true
    case .formBot:
      if rng.chance(0.4) {
        f.firstName = rng.pick(tables.fakeNames)
        f.fakeName = true
      }
      if rng.chance(0.2) { breakEmail(&f, person: p) }
      if rng.chance(0.15) { breakPhone(&f, person: p) }
    default: break
    }
    return f
  }

  /// Leaves one or two required fields out, empty, or white space only.
  func blankFields(_ f: inout GeneratorLeadForm) {
    let count = rng.chance(0.8) ? 1 : 2
    for _ in 0..<count {
      let blank: String? = rng.chance(0.5) ? nil : rng.chance(0.5) ? "" : "  "
      switch rng.below(5) {
      case 0: f.firstName = blank
      case 1: f.lastName = blank
      case 2:
        f.email = blank
        f.emailKey = nil
      case 3:
        f.phone = blank
        f.phoneKey = nil
      default:
        f.zip = blank
        f.zipIndex = nil
        f.state = nil
      }
    }
    f.incomplete = true
  }

  /// Replaces the email by one that is not a possible address.
  func breakEmail(_ f: inout GeneratorLeadForm, person p: GeneratorPerson) {
    let local = p.emailLocal
    let domain = p.emailDomain
    let name = domain.split(separator: ".").first.map(String.init) ?? "gmail"
    switch rng.below(8) {
    case 0: f.email = local + domain
    case 1: f.email = Self.letters(p.first) + " " + Self.letters(p.last) + "@" + domain
    case 2: f.email = local + "@" + name
    case 3: f.email = local + "@" + name + ".c"
    case 4: f.email = local + "@" + name + ",com"
    case 5: f.email = local + "@@" + domain
    case 6: f.email = "." + local + "@" + domain
    default: f.email = local + "@" + name + "..com"
    }
    f.emailKey = nil
    f.invalidEmail = true
  }

  /// Replaces the phone by one that is not a possible NANP number.
  func breakPhone(_ f: inout GeneratorLeadForm, person p: GeneratorPerson) {
    let area = Int(p.phone / 10_000_000)
    let line = Self.pad(Int(p.phone % 10_000), 4)
    switch rng.below(7) {
    case 0: f.phone = "(\(area)) 555-01\(Self.pad(rng.below(100), 2))"
    case 1: f.phone = "0\(rng.int(10...99))-\(rng.int(200...999))-\(line)"
    case 2: f.phone = "\(area)-\(rng.int(200...999))-\(line.prefix(3))"
    case 3:
      let d = rng.int(1...9)
      f.phone = "\(d)\(d)\(d)-\(d)\(d)\(d)-\(d)\(d)\(d)\(d)"
    case 4: f.phone = "\(area)-1\(rng.int(10...99))-\(line)"
    case 5: f.phone = "\(rng.int(2...9))11-\(rng.int(200...999))-\(line)"
    default: f.phone = "\(area)\(rng.int(200...999))\(line)\(rng.int(10...99))"
    }
    f.phoneKey = nil
    f.invalidPhone = true
  }
}
