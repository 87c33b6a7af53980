/// What the click stage needs of a click, read straight from a ``RawRecord``'s bytes
/// (``Normalizer/withClick(_:_:)``) or from the input line (``ClickShortcut``): no
/// `String`, no allocation. The byte views are valid only while those bytes are: inside
/// the closure that receives them, or the shortcut's call.
public struct ClickView {
  public var time: Timestamp
  public var id: UnsafeRawBufferPointer
  public var campaign: UnsafeRawBufferPointer
  public var ip: IPAddress?
  /// The user agent, trimmed; empty when absent (the click stage classifies an absent
  /// user agent like an empty one).
  public var ua: UnsafeRawBufferPointer
  /// ``BotClassifier/Cache/hash(_:)`` of `ua` when the reader computed it (to ask for
  /// its cache slot early), else nil.
  public var uaHash: UInt64?
}

extension Normalizer {
  /// Calls `body` with the click in `raw` when `raw` is a click that ``normalize(_:)``
  /// accepts, and returns its result. Returns nil, without calling `body`, for
  /// anything else: another type, a field to reject, or a field this fast reading
  /// leaves to ``normalize(_:)`` (`duration`, `click_ts`, `click_reasons`, `label`).
  /// So a nil says only "use ``normalize(_:)``", which decides and explains.
  ///
  /// For the fields a click keeps (`id`, `ts`, `campaign`, `ip`, `ua`) the values are
  /// the ones ``normalize(_:)`` gives; every other known field is checked for its
  /// kind as ``normalize(_:)`` checks it; unknown fields are skipped (a click's
  /// extras matter only to user rules, which see clicks in ``normalize(_:)``).
  public func withClick<Result>(_ raw: RawRecord, _ body: (ClickView) -> Result) -> Result? {
    raw.bytes.withUnsafeBytes { buffer -> Result? in
      var fields = ClickFields()
      for field in raw.fields {
        let taken = fields.take(
          name: UnsafeRawBufferPointer(rebasing: buffer[field.name]),
          value: UnsafeRawBufferPointer(rebasing: buffer[field.value]), kind: field.kind)
        guard taken else { return nil }
      }
      guard fields.isComplete else { return nil }
      return body(fields.view)
    }
  }
}

/// A click's fields read one at a time, as ``Normalizer/withClick(_:_:)`` reads a
/// record's (and the score command's click shortcut reads a line's members as the
/// JSON parser finds them).
struct ClickFields {
  private var seen: UInt32 = 0
  /// The date of the time read last (kept from line to line by ``ClickShortcut``).
  var dates = RFC3339.DateMemo()
  /// Where to prefetch the user agent's cache slot as soon as it is read (nil: not done).
  var uaSlots: BotClassifier.Cache.PrefetchTarget?
  /// The click so far; its byte views point where the fields given to ``take(name:value:kind:)`` did.
  private(set) var view = ClickView(
    time: Timestamp(milliseconds: 0), id: UnsafeRawBufferPointer(start: nil, count: 0),
    campaign: UnsafeRawBufferPointer(start: nil, count: 0), ip: nil,
    ua: UnsafeRawBufferPointer(start: nil, count: 0))

  /// Takes one field; false when the record is not a click this reading takes (see
  /// ``Normalizer/withClick(_:_:)``).
  @inline(__always)
  mutating func take(
    name: UnsafeRawBufferPointer, value bytes: UnsafeRawBufferPointer, kind: RawValueKind
  ) -> Bool {
    guard let key = FieldName(bytes: name) else { return true }
    guard kind != .null else { return true }
    // Raw values are below 32 (26 fields): a masking shift, no check for a longer one.
    let bit: UInt32 = 1 &<< key.rawValue
    seen |= bit
    let isText = kind == .string || kind == .number
    // The fields a click only checks the kind of come most often (several a line):
    // they are told apart by a mask, before the dispatch on the fields it keeps.
    if Self.checkedOnly & bit != 0 { return isText }
    let value = FieldValue(field: key, kind: kind, bytes: bytes)
    switch key {
    case .type:
      guard (try? value.recordType()) == .click else { return false }
    case .id, .campaign:
      guard isText, !value.bytes.isEmpty else { return false }
      if key == .id { view.id = value.bytes } else { view.campaign = value.bytes }
    case .ts:
      guard let time = try? value.time(dates: &dates) else { return false }
      view.time = time
    case .ip:
      do { view.ip = try value.ipAddress() } catch { return false }
    case .ua:
      guard isText else { return false }
      view.ua = value.bytes
      if let uaSlots {
        let hash = BotClassifier.Cache.hash(value.bytes)
        uaSlots.prefetch(hash: hash)
        view.uaHash = hash
      }
    case .consent:
      guard isText || kind == .bool else { return false }
    case .duration, .clickTS, .clickReasons, .label:
      return false
    case .source, .keyword, .url, .referrer, .clickID, .firstName, .lastName, .email, .phone,
      .zip, .state, .address, .caller, .trackingNumber, .fraudKind:
      return isText
    }
    return true
  }

  /// The fields ``take(name:value:kind:)`` only checks to be text, a bit per raw value:
  /// source, keyword, url, referrer, click_id, first_name, last_name, email, phone, zip,
  /// state, address, caller, tracking_number, fraud_kind (a literal: a computed static
  /// would be checked for initialization at every use; ClickShortcutTests checks it).
  static let checkedOnly: UInt32 = 0x22b_ff90

  /// Whether every field a click needs was there.
  var isComplete: Bool { seen & Normalizer.requiredMask == Normalizer.requiredMask }
}
