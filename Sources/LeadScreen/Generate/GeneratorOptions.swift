/// What to generate: sizes, time span, seed, output shape and rates.
public struct GeneratorOptions: Sendable {
  /// Output encodings.
  public enum Format: String, Sendable, CaseIterable {
    case ndjson
    case csv
  }

  /// Total number of clicks in the stream.
  public var clicks = 10_000
  /// Number of local days the traffic spans.
  public var days = 1
  /// The seed: same seed, same bytes.
  public var seed: UInt64 = 1
  /// The first local day, as days since 1970-01-01 (default 2026-11-20).
  public var startDay: Int64 = GeneratorClock.days(year: 2026, month: 11, day: 20)
  public var format = Format.ndjson
  /// Put `label` and `fraud_kind` on every record.
  public var labels = false
  /// Number of malformed lines to sprinkle in.
  public var malformed = 0
  public var mix = GeneratorMix()

  public init() {}

  /// Sets the start day from `YYYY-MM-DD`.
  public mutating func setStart(_ text: String) throws(GeneratorError) {
    guard let day = GeneratorClock.parseDate(text) else {
      throw .badOption("--start wants a date YYYY-MM-DD, got `\(text)`")
    }
    startDay = day
  }

  /// Checks sizes.
  public func validate() throws(GeneratorError) {
    guard clicks >= 0, clicks <= 200_000_000 else {
      throw .badOption("--clicks must be between 0 and 200000000")
    }
    guard days >= 1, days <= 366 else { throw .badOption("--days must be between 1 and 366") }
    guard malformed >= 0, malformed <= 100_000 else {
      throw .badOption("--malformed must be between 0 and 100000")
    }
  }
}
