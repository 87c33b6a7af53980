extension GeneratorOutput {
  /// Writes the stream, and the truth and malformed list when asked.
  mutating func write(
    stream: GeneratorSink, truth truthSink: GeneratorSink?, malformed malformedSink: GeneratorSink?
  ) throws -> GeneratorSummary {
    let w = world
    let options = w.options
    let truth = GeneratorTruth(world: w, emitted: emitted, order: order)
    var encoder = GeneratorEncoder(
      csv: options.format == .csv, labels: options.labels, sink: stream)
    var truthBuffer = truthSink.map { GeneratorBuffer(sink: $0) }
    var malformedBuffer = malformedSink.map { GeneratorBuffer(sink: $0) }
    var broken = GeneratorMalformed(output: self, count: options.malformed)
    let uas = w.userAgents.map(GeneratorPrepared.init)
    let sourceNames = (1...40).map { "pub" + GeneratorWorld.pad($0, 2) }
    let sources = sourceNames.map(GeneratorPrepared.init)
    let campaigns = w.campaignIDs.map(GeneratorPrepared.init)
    let keywords = w.campaigns.map { $0.keywords.map(GeneratorPrepared.init) }
    let urls = urlTable(sources: sourceNames).map { $0.map { $0.map(GeneratorPrepared.init) } }
    let referrers =
      (["https://www.google.com/", "https://www.bing.com/"]
      + sourceNames.map { "https://" + $0 + "-media.example/" }).map(GeneratorPrepared.init)
    let types = ["click", "lead", "call"].map(GeneratorPrepared.init)
    var summary = GeneratorSummary()
    var line = 0
    encoder.header()
    if options.format == .csv { line += 1 }
    for position in 0...order.count {
      while let kind = broken.next(at: position) {
        line += 1
        broken.write(
          kind, csv: encoder.csv, columns: encoder.columnCount, into: &encoder.buffer.bytes)
        let entry = "{\"malformed_line\":\(line),\"kind\":\"\(kind.rawValue)\"}\n"
        truthBuffer?.append(entry)
        malformedBuffer?.append(entry)
        summary.malformed += 1
      }
      guard position < order.count else { break }
      let index = Int(order[position])
      let e = w.events[index]
      line += 1
      let reasons = truth.reasons[index]
      let label = e.kind != .legit || (e.type != .click && reasons != 0)
      encoder.begin()
      encoder.prepared(.type, types[Int(e.type.rawValue)])
      encoder.ascii(.id) { appendID(index, into: &$0) }
      encoder.ascii(.ts, number: styles[index] == 3) { appendTime(index, into: &$0) }
      encoder.prepared(.campaign, campaigns[e.campaign])
      encoder.prepared(.source, sources[e.source])
      switch e.type {
      case .click:
        summary.clicks += 1
        encoder.ascii(.ip) { e.ip!.append(into: &$0) }
        encoder.prepared(.ua, uas[Int(e.ua)])
        if e.campaign < w.campaigns.count {
          encoder.prepared(.keyword, keywords[e.campaign][Int(e.keyword)])
        }
        encoder.prepared(.url, urls[e.campaign][Int(e.keyword)][e.source])
        let referrer = (index &* 2_654_435_761) % 10
        if referrer < 5 && !w.uaIsBot[Int(e.ua)] {
          encoder.text(
            .referrer, referrer < 3 ? "https://www.google.com/" : "https://www.bing.com/")
        } else if referrer < 8 && !w.uaIsBot[Int(e.ua)] {
          encoder.prepared(.referrer, referrers[2 + e.source])
        }
      case .lead:
        summary.leads += 1
        writeLead(e, &encoder, uas: uas)
      case .call:
        summary.calls += 1
        writeCall(e, &encoder)
      }
      if options.labels {
        encoder.number(.label, label ? 1 : 0)
        encoder.text(.fraudKind, e.kind.name)
      }
      encoder.end()
      if e.type != .click {
        if reasons != 0 { summary.disputed += 1 }
        if truthBuffer != nil {
          var out: [UInt8] = []
          out.append(contentsOf: "{\"line\":\(line),\"id\":\"".utf8)
          appendID(index, into: &out)
          out.append(contentsOf: "\",\"type\":\"\(e.type.name)\",\"campaign\":".utf8)
          out.append(UInt8(ascii: "\""))
          GeneratorBuffer.escapeJSON(w.campaignIDs[e.campaign], into: &out)
          out.append(UInt8(ascii: "\""))
          let codes = GeneratorReason.codes(reasons).map { "\"\($0)\"" }.joined(separator: ",")
          out.append(
            contentsOf: (",\"decision\":\"\(reasons == 0 ? "accepted" : "disputed")\""
              + ",\"reasons\":[\(codes)],\"fraud_kind\":\"\(e.kind.name)\""
              + ",\"model_expected\":\(e.kind == .softRing)}\n").utf8)
          truthBuffer?.append(contentsOf: out)
          try truthBuffer?.flushIfFull()
        }
      }
      try encoder.buffer.flushIfFull()
    }
    try encoder.buffer.flush()
    try truthBuffer?.flush()
    try malformedBuffer?.flush()
    summary.lines = line
    return summary
  }

  /// Landing URLs with UTM parameters, per campaign, keyword and source.
  private func urlTable(sources: [String]) -> [[[String]]] {
    world.campaignIDs.indices.map { c in
      let known = c < world.campaigns.count
      let landing = known ? world.campaigns[c].landing : "https://landing.example/offer"
      let keywords = known ? world.campaigns[c].keywords : [""]
      return keywords.map { keyword in
        sources.map { source in
          var url = landing + "?utm_source=" + source + "&utm_medium=cpc&utm_campaign="
          url += world.campaignIDs[c]
          if !keyword.isEmpty {
            url += "&utm_term=" + String(keyword.map { $0 == " " ? "+" : $0 })
          }
          return url
        }
      }
    }
  }
}
