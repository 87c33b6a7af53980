extension Record {
  /// The record's value of an input field by its contract name, as text: what
  /// required-field checks and user rules look at. Unknown names look in ``extra``.
  public func value(ofField name: String) -> String? {
    switch name {
    case "type": type.name
    case "id": id
    case "ts": time.rfc3339
    case "campaign": campaign
    case "source": source
    case "ip": ip?.description
    case "ua": ua
    case "keyword": keyword
    case "url": url
    case "referrer": referrer
    case "click_id": clickID
    case "first_name": firstName
    case "last_name": lastName
    case "email": email
    case "phone": phone
    case "zip": zip
    case "state": state
    case "address": address
    case "consent": consent
    case "caller": caller
    case "duration": duration.map { formatNumber($0) }
    case "tracking_number": trackingNumber
    case "fraud_kind": fraudKind
    case "label": label.map { String($0) }
    default: extra.first(where: { $0.name == name })?.value
    }
  }

  private func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }

  /// Whether a field is absent or only white space.
  public func isBlank(field name: String) -> Bool {
    guard let value = value(ofField: name) else { return true }
    return value.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
  }
}
