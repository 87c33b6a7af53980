/// Where rejected lines go: a `--rejects` file as NDJSON (one object per line
/// with the input name, line number, reason and the line's text), or standard
/// error as `leadscreen: NAME:LINE: rejected: REASON`.
public struct RejectSink {
  public enum Style: Sendable {
    case ndjson
    case messages
  }

  private let sink: OutputSink
  private let style: Style

  public init(sink: OutputSink, style: Style) {
    self.sink = sink
    self.style = style
  }

  public func write(input: String, _ rejection: Rejection) throws(OutputError) {
    switch style {
    case .ndjson:
      var out: [UInt8] = []
      out.append(contentsOf: "{\"input\":".utf8)
      JSONText.appendString(input, to: &out)
      out.append(contentsOf: ",\"line\":\(rejection.line),\"reason\":".utf8)
      JSONText.appendString(rejection.reason, to: &out)
      out.append(contentsOf: ",\"text\":".utf8)
      JSONText.appendString(rejection.text, to: &out)
      out.append(contentsOf: "}\n".utf8)
      sink.buffer.append(contentsOf: out)
      try sink.flushIfNeeded()
    case .messages:
      sink.write("leadscreen: \(input):\(rejection.line): rejected: \(rejection.reason)\n")
      try sink.flush()
    }
  }

  public func flush() throws(OutputError) {
    try sink.flush()
  }
}
