/// Turns the generated world into bytes: timestamps as several servers would write
/// them, a merge with a few seconds of disorder, ids, the truth, and the encoding.
struct GeneratorOutput {
  let world: GeneratorWorld
  /// Timestamp style per event: 0 RFC 3339 UTC with ms, 1 UTC whole seconds,
  /// 2 local offset with ms, 3 epoch seconds (a number).
  var styles: [UInt8]
  /// Each event's time as written (styles 1 and 3 drop the milliseconds).
  var emitted: [Int64]
  /// Events in output order.
  var order: [Int32]
  /// Per-type sequence number of each event (its id).
  var ids: [Int32]

  init(world w: GeneratorWorld) {
    self.world = w
    let n = w.events.count
    var rng = w.rng.fork()
    styles = [UInt8](repeating: 0, count: n)
    emitted = [Int64](repeating: 0, count: n)
    for i in 0..<n {
      let roll = rng.below(100)
      let style: UInt8 = roll < 55 ? 0 : roll < 80 ? 1 : roll < 95 ? 2 : 3
      styles[i] = style
      let t = w.events[i].time
      emitted[i] = style == 1 || style == 3 ? floorDiv(t, 1000) * 1000 : t
    }
    for i in 0..<n where w.events[i].click >= 0 {
      let click = Int(w.events[i].click)
      if emitted[i] <= emitted[click] {
        styles[i] = 0
        emitted[i] = w.events[i].time
      }
    }
    // Several servers' logs merged: each record is late by up to 8 s.
    let keys = (0..<n).map { w.events[$0].time + Int64(rng.below(8000)) }
    order = (0..<n).map(Int32.init).sorted {
      keys[Int($0)] != keys[Int($1)] ? keys[Int($0)] < keys[Int($1)] : $0 < $1
    }
    ids = [Int32](repeating: 0, count: n)
    var counters = [Int32](repeating: 0, count: 3)
    for index in order {
      let type = Int(w.events[Int(index)].type.rawValue)
      counters[type] += 1
      ids[Int(index)] = counters[type]
    }
  }

  /// Appends the id of event `index`: `C` + 9 digits, `L`/`K` + 8 digits.
  func appendID(_ index: Int, into out: inout [UInt8]) {
    switch world.events[index].type {
    case .click:
      out.append(UInt8(ascii: "C"))
      GeneratorClock.appendDigits(Int64(ids[index]), 9, &out)
    case .lead:
      out.append(UInt8(ascii: "L"))
      GeneratorClock.appendDigits(Int64(ids[index]), 8, &out)
    case .call:
      out.append(UInt8(ascii: "K"))
      GeneratorClock.appendDigits(Int64(ids[index]), 8, &out)
    }
  }

  /// Appends event `index`'s timestamp text in its style.
  func appendTime(_ index: Int, into out: inout [UInt8]) {
    let t = emitted[index]
    switch styles[index] {
    case 0: GeneratorClock.appendRFC3339(ms: t, offset: 0, millis: true, into: &out)
    case 1: GeneratorClock.appendRFC3339(ms: t, offset: 0, millis: false, into: &out)
    case 2:
      let c = world.events[index].campaign
      let zone = c < world.campaigns.count ? world.campaigns[c].timeZone : .chicago
      let offset = zone.offset(atUTC: floorDiv(t, 1000))
      GeneratorClock.appendRFC3339(ms: t, offset: offset, millis: true, into: &out)
    default: out.append(contentsOf: String(t / 1000).utf8)
    }
  }
}
