extension Record {
  /// The record's value of an input field by its contract name, as text: what
  /// required-field checks and user rules look at. Unknown names look in ``extra``.
  public func value(ofField name: String) -> String? {
    var name = name
    guard let field = name.withUTF8({ FieldName(bytes: UnsafeRawBufferPointer($0)) }) else {
      return extra.first(where: { $0.name == name })?.value
    }
    return value(of: field)
  }

  /// ``value(ofField:)`` of a known field (no name compared).
  public func value(of field: FieldName) -> String? {
    switch field {
    case .type: type.name
    case .id: id
    case .ts: time.rfc3339
    case .campaign: campaign
    case .source: source
    case .ip: ip?.description
    case .ua: ua
    case .keyword: keyword
    case .url: url
    case .referrer: referrer
    case .clickID: clickID
    case .firstName: firstName
    case .lastName: lastName
    case .email: email
    case .phone: phone
    case .zip: zip
    case .state: state
    case .address: address
    case .consent: consent
    case .caller: caller
    case .duration: duration.map { formatNumber($0) }
    case .trackingNumber: trackingNumber
    case .fraudKind: fraudKind
    case .label: label.map { String($0) }
    // Read, not kept as fields: as for unknown names.
    case .clickTS, .clickReasons: extra.first(where: { $0.name == field.key })?.value
    }
  }

  private func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }

  /// Whether a field is absent or only white space.
  public func isBlank(field name: String) -> Bool {
    Self.isBlank(value(ofField: name))
  }

  /// ``isBlank(field:)`` of a known field.
  public func isBlank(_ field: FieldName) -> Bool {
    Self.isBlank(value(of: field))
  }

  private static func isBlank(_ value: String?) -> Bool {
    guard let value else { return true }
    // A first byte that is not white space starts a character that is not.
    if let first = value.utf8.first, first != 0x20, first != 0x09, first != 0x0A, first != 0x0D {
      return false
    }
    return value.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
  }
}
