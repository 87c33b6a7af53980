/// The columns of the generated stream, in output order (also the CSV header).
enum GeneratorColumn: Int, CaseIterable {
  case type
  case id
  case ts
  case campaign
  case source
  case clickID
  case ip
  case ua
  case keyword
  case url
  case referrer
  case firstName
  case lastName
  case email
  case phone
  case zip
  case state
  case consent
  case caller
  case duration
  case trackingNumber
  case label
  case fraudKind

  /// The field name as written.
  var name: String { Self.names[rawValue] }

  /// Field names by raw value (no reflection per record).
  private static let names = [
    "type", "id", "ts", "campaign", "source", "click_id", "ip", "ua", "keyword", "url", "referrer",
    "first_name", "last_name", "email", "phone", "zip", "state", "consent", "caller", "duration",
    "tracking_number", "label", "fraud_kind",
  ]

  /// `"name":` as bytes, for NDJSON.
  static let jsonKeys: [[UInt8]] = names.map { Array("\"\($0)\":".utf8) }
}

/// Writes one record at a time as an NDJSON object or a CSV row, fields in column
/// order, straight into the byte buffer (no per-record allocation).
struct GeneratorEncoder {
  let csv: Bool
  /// Number of columns in a CSV row (without or with the label columns).
  let columnCount: Int
  var buffer: GeneratorBuffer
  private var nextColumn = 0

  init(csv: Bool, labels: Bool, sink: GeneratorSink) {
    self.csv = csv
    self.columnCount = GeneratorColumn.allCases.count - (labels ? 0 : 2)
    self.buffer = GeneratorBuffer(sink: sink)
  }

  /// Writes the CSV header row (nothing for NDJSON).
  mutating func header() {
    guard csv else { return }
    buffer.append(
      GeneratorColumn.allCases.prefix(columnCount).map(\.name).joined(separator: ","))
    buffer.append(UInt8(ascii: "\n"))
  }

  mutating func begin() {
    nextColumn = 0
    if !csv { buffer.append(UInt8(ascii: "{")) }
  }

  /// Starts field `column`: the JSON key, or the commas up to the CSV cell.
  mutating func field(_ column: GeneratorColumn) {
    if csv {
      while nextColumn < column.rawValue {
        buffer.append(UInt8(ascii: ","))
        nextColumn += 1
      }
    } else {
      if nextColumn > 0 { buffer.append(UInt8(ascii: ",")) }
      buffer.append(contentsOf: GeneratorColumn.jsonKeys[column.rawValue])
      nextColumn += 1
    }
  }

  /// A text field.
  mutating func text(_ column: GeneratorColumn, _ value: String) {
    field(column)
    if csv {
      buffer.append(contentsOf: GeneratorBuffer.csvCell(value))
    } else {
      buffer.appendJSON(value)
    }
  }

  /// A text field whose encodings were prepared once.
  mutating func prepared(_ column: GeneratorColumn, _ value: GeneratorPrepared) {
    prepared(column, json: value.json, csvCell: value.csv)
  }

  /// A text field whose encodings were prepared once (user agents).
  mutating func prepared(_ column: GeneratorColumn, json: [UInt8], csvCell: [UInt8]) {
    field(column)
    buffer.append(contentsOf: csv ? csvCell : json)
  }

  /// A field written as ASCII bytes the caller has built (ids, times, addresses);
  /// quoted in JSON unless `number`.
  mutating func ascii(
    _ column: GeneratorColumn, number: Bool = false, _ build: (inout [UInt8]) -> Void
  ) {
    field(column)
    if !csv && !number { buffer.append(UInt8(ascii: "\"")) }
    build(&buffer.bytes)
    if !csv && !number { buffer.append(UInt8(ascii: "\"")) }
  }

  /// A number field.
  mutating func number(_ column: GeneratorColumn, _ value: Int) {
    ascii(column, number: true) { $0.append(contentsOf: String(value).utf8) }
  }

  /// A boolean field (`true`/`false`).
  mutating func bool(_ column: GeneratorColumn, _ value: Bool) {
    ascii(column, number: true) { $0.append(contentsOf: (value ? "true" : "false").utf8) }
  }

  /// Ends the record and its line.
  mutating func end() {
    if csv {
      while nextColumn < columnCount - 1 {
        buffer.append(UInt8(ascii: ","))
        nextColumn += 1
      }
    } else {
      buffer.append(UInt8(ascii: "}"))
    }
    buffer.append(UInt8(ascii: "\n"))
  }
}

/// A text value encoded once for both formats: a quoted JSON string and a CSV cell.
struct GeneratorPrepared {
  var json: [UInt8]
  var csv: [UInt8]

  init(_ text: String) {
    var bytes: [UInt8] = [UInt8(ascii: "\"")]
    GeneratorBuffer.escapeJSON(text, into: &bytes)
    bytes.append(UInt8(ascii: "\""))
    json = bytes
    csv = GeneratorBuffer.csvCell(text)
  }
}
