/// The Normalize stage: a ``RawRecord`` as read becomes a typed, validated ``Record``,
/// or the reason its line is rejected.
///
/// Rules (see also docs/reasons.md, Normalize):
/// - Required: `type` (`click`, `lead`, `call`), `id` and `campaign` (non-empty string
///   or number), `ts` (RFC 3339 text, epoch seconds as a number or as a digit string).
///   A call also requires `duration`. `null` counts as absent.
/// - Text fields accept strings and numbers (a number keeps its literal text; `consent`
///   also booleans) and are trimmed of surrounding ASCII white space; an empty value
///   stays `""` (present but empty).
/// - `ip`, when present and not empty, must be a valid address.
/// - `duration` is a finite number ≥ 0; `label` is 0/1 (or a boolean); `click_ts` is a
///   time like `ts`; `click_reasons` is a JSON array of strings or `a|b` text.
/// - Unknown fields go to ``Record/extra`` (name, trimmed value text) in input order;
///   an unknown field that is `null` is left out. A repeated field: the last one wins.
/// - Normalized forms: ``Record/normalizedEmail`` from `email`, ``Record/phoneNumber``
///   from a call's `caller` or another record's `phone`, ``Record/zip5`` from `zip`;
///   each nil when the field is absent, empty or invalid (that is not a reject).
///
/// Names are matched on bytes (``FieldName/init(bytes:)``); only values that are kept
/// become `String`s.
public struct Normalizer: Sendable {
  public init() {}

  /// The record, or the reason the line is rejected.
  public func normalize(_ raw: RawRecord) -> Result<Record, NormalizeError> {
    raw.bytes.withUnsafeBytes { buffer in
      // Filled in place and returned from here: returning a local record from a
      // throwing builder made the optimizer copy every field once more.
      var record = Record(type: .click, id: "", time: Timestamp(milliseconds: 0), campaign: "")
      record.line = raw.line
      do throws(NormalizeError) {
        try fill(&record, from: raw.fields, buffer)
      } catch {
        return .failure(error)
      }
      return .success(record)
    }
  }

  /// Bits of the fields every record must have.
  static let requiredMask: UInt32 =
    1 << FieldName.type.rawValue | 1 << FieldName.id.rawValue | 1 << FieldName.ts.rawValue
    | 1 << FieldName.campaign.rawValue

  private func fill(
    _ record: inout Record, from fields: [RawRecord.Field], _ buffer: UnsafeRawBufferPointer
  ) throws(NormalizeError) {
    var seen: UInt32 = 0
    for field in fields {
      let name = UnsafeRawBufferPointer(rebasing: buffer[field.name])
      let bytes = UnsafeRawBufferPointer(rebasing: buffer[field.value])
      guard let key = FieldName(bytes: name) else {
        if field.kind != .null {
          let value = FieldValue.trimmed(bytes)
          record.extra.append(
            (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
        continue
      }
      guard field.kind != .null else { continue }
      seen |= 1 << key.rawValue
      let value = FieldValue(field: key, kind: field.kind, bytes: bytes)
      switch key {
      case .type: record.type = try value.recordType()
      case .id: record.id = try value.identifier()
      case .ts: record.time = try value.time()
      case .campaign: record.campaign = try value.identifier()
      case .source: record.source = try value.text()
      case .ip: record.ip = try value.ipAddress()
      case .ua: record.ua = try value.text()
      case .keyword: record.keyword = try value.text()
      case .url: record.url = try value.text()
      case .referrer: record.referrer = try value.text()
      case .clickID: record.clickID = try value.text()
      case .firstName: record.firstName = try value.text()
      case .lastName: record.lastName = try value.text()
      case .email: record.email = try value.text()
      case .phone: record.phone = try value.text()
      case .zip: record.zip = try value.text()
      case .state: record.state = try value.text()
      case .address: record.address = try value.text()
      case .consent: record.consent = try value.text(allowBool: true)
      case .caller: record.caller = try value.text()
      case .duration: record.duration = try value.seconds()
      case .trackingNumber: record.trackingNumber = try value.text()
      case .clickTS: record.clickTime = try value.time()
      case .clickReasons: record.clickReasons = try value.reasonCodes()
      case .label: record.label = try value.label()
      case .fraudKind: record.fraudKind = try value.text()
      }
    }
    if seen & Self.requiredMask != Self.requiredMask {
      for required in [FieldName.type, .id, .ts, .campaign]
      where seen & 1 << required.rawValue == 0 {
        throw .missing(required)
      }
    }
    if record.type == .call, record.duration == nil { throw .missing(.duration) }

    if let email = record.email, !email.isEmpty {
      record.normalizedEmail = EmailAddress.normalize(email)
    }
    if let phone = record.type == .call ? record.caller : record.phone, !phone.isEmpty {
      record.phoneNumber = PhoneNumber(phone)
    }
    if let zip = record.zip, !zip.isEmpty {
      record.zip5 = ZIPCode.normalize(zip)
    }
  }
}
