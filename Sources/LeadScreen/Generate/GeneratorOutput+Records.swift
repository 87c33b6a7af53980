extension GeneratorOutput {
  /// The lead fields after the common ones.
  func writeLead(
    _ e: GeneratorEvent, _ encoder: inout GeneratorEncoder, uas: [GeneratorPrepared]
  ) {
    let f = world.leads[Int(e.detail)]
    if e.showsClick {
      encoder.ascii(.clickID) { appendID(Int(e.click), into: &$0) }
    }
    if let ip = e.ip { encoder.ascii(.ip) { ip.append(into: &$0) } }
    if e.ua >= 0 { encoder.prepared(.ua, uas[Int(e.ua)]) }
    if let v = f.firstName { encoder.text(.firstName, v) }
    if let v = f.lastName { encoder.text(.lastName, v) }
    if let v = f.email { encoder.text(.email, v) }
    if let v = f.phone { encoder.text(.phone, v) }
    if let v = f.zip { encoder.text(.zip, v) }
    if let v = f.state { encoder.text(.state, v) }
    if let v = f.consent { encoder.bool(.consent, v) }
  }

  /// The call fields after the common ones.
  func writeCall(_ e: GeneratorEvent, _ encoder: inout GeneratorEncoder) {
    let call = world.calls[Int(e.detail)]
    if e.showsClick {
      encoder.ascii(.clickID) { appendID(Int(e.click), into: &$0) }
    }
    if let caller = call.caller { encoder.text(.caller, caller) }
    encoder.number(.duration, call.duration)
    encoder.text(.trackingNumber, call.trackingNumber)
  }
}
