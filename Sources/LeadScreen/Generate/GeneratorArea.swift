/// A campaign's service area over the ZIP table, computed by the generator itself
/// from docs/reasons.md ("Service area"), with margins for drawing ZIPs and area
/// codes that are clearly inside or clearly outside.
struct GeneratorArea: Sendable {
  /// Exact membership of every ZIP (the truth uses this).
  var zipInArea: [Bool]
  /// ZIPs inside even with half a mile of doubt at the radius edge.
  var solidZips: [Int]
  /// ZIPs outside even with that doubt, in the campaign's home state (may be empty).
  var outsideNearby: [Int]
  /// ZIPs outside, anywhere.
  var outsideAnywhere: [Int]
  /// Exact set of area codes in the area (the truth uses this).
  var areaCodeInArea: Set<Int>
  /// Area codes inside with margin, and outside with margin, ascending.
  var solidAreaCodes: [Int]
  var outsideAreaCodes: [Int]

  init(campaign c: GeneratorCampaign, geo: GeneratorGeo) {
    let margin = 0.5
    let center = c.radius.flatMap { geo.index(of: $0.centerZip) }
    let homeState = center.map { geo.zips[$0].state } ?? c.states.first ?? ""
    var exact = [Bool](repeating: false, count: geo.zips.count)
    var solid: [Int] = []
    var nearby: [Int] = []
    var anywhere: [Int] = []
    var codesExact = Set(c.areaCodes)
    var codesSolid = Set(c.areaCodes)
    var codesLoose = Set(c.areaCodes)
    for code in geo.areaCodes where c.states.contains(geo.areaCodeState[code] ?? "") {
      codesExact.insert(code)
      codesSolid.insert(code)
      codesLoose.insert(code)
    }
    for (i, z) in geo.zips.enumerated() {
      let byPrefix = c.zipPrefixes.contains { z.text.hasPrefix($0) }
      let byState = c.states.contains(z.state)
      let byCode = z.areaCodes.contains { c.areaCodes.contains($0) }
      let distance = center.map { geo.miles(i, $0) }
      let radius = c.radius?.miles ?? 0
      let byRadius = distance.map { $0 <= radius } ?? false
      exact[i] = byPrefix || byState || byCode || byRadius
      let solidRadius = distance.map { $0 <= radius - margin } ?? false
      let looseRadius = distance.map { $0 <= radius + margin } ?? false
      if byPrefix || byState || byCode || solidRadius {
        solid.append(i)
      } else if !looseRadius {
        anywhere.append(i)
        if z.state == homeState { nearby.append(i) }
      }
      if byPrefix || byRadius { codesExact.formUnion(z.areaCodes) }
      if byPrefix || solidRadius { codesSolid.formUnion(z.areaCodes) }
      if byPrefix || looseRadius { codesLoose.formUnion(z.areaCodes) }
    }
    zipInArea = exact
    solidZips = solid
    outsideNearby = nearby
    outsideAnywhere = anywhere
    areaCodeInArea = codesExact
    solidAreaCodes = codesSolid.sorted()
    outsideAreaCodes = geo.areaCodes.filter { !codesLoose.contains($0) }
  }
}
