/// The fields of a verdict, before they are checked.
struct VerdictFields {
  var id: String?
  var type: String?
  var campaign: String?
  var source: String?
  var ts: String?
  var decision: String?
  var reasons: [String] = []
  var price: String?

  /// Checks the required fields and builds the verdict.
  func verdict(line: Int) throws(VerdictLineError) -> VerdictLine {
    func missing(_ name: String) -> VerdictLineError {
      VerdictLineError(line: line, message: "missing \(name)")
    }
    guard let id, !id.isEmpty else { throw missing("id") }
    guard let typeName = type else { throw missing("type") }
    guard let recordType = RecordType(name: typeName) else {
      throw VerdictLineError(line: line, message: "unknown type \"\(typeName)\"")
    }
    guard let campaign else { throw missing("campaign") }
    guard let decisionName = decision else { throw missing("decision") }
    guard let decisionValue = Decision(rawValue: decisionName) else {
      throw VerdictLineError(line: line, message: "unknown decision \"\(decisionName)\"")
    }
    guard let priceText = price else { throw missing("price") }
    guard let amount = DecimalText.parse(Array(priceText.utf8)) else {
      throw VerdictLineError(line: line, message: "price \"\(priceText)\" is not a decimal number")
    }
    guard !amount.isSignMinus else {
      throw VerdictLineError(line: line, message: "price \(priceText) is negative")
    }
    return VerdictLine(
      id: id, type: recordType, campaign: campaign,
      source: source.flatMap { $0.isEmpty ? nil : $0 },
      ts: ts ?? "", decision: decisionValue, reasons: reasons, price: amount, line: line)
  }
}
