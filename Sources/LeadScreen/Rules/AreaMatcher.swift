/// A campaign's service area, compiled against the geo tables.
public struct AreaMatcher: Sendable {
  public let area: ServiceArea
  /// ZIPs within the radius, when the area has one.
  private let zipsInRadius: Set<String>
  /// Area codes of the ZIPs that are in the area by `zips` prefix or radius.
  private let areaCodesOfZips: Set<Int>

  public init(area: ServiceArea, geo: GeoTable) {
    self.area = area
    var inRadius = Set<String>()
    var codes = Set<Int>()
    let center = area.radius.flatMap { geo.zip($0.centerZip) }
    // Without ZIP prefixes or a radius no ZIP is inside: skip the scan of every ZIP.
    let zips = area.zipPrefixes.isEmpty && center == nil ? [] : geo.allZips
    for info in zips {
      var inside = area.zipPrefixes.contains { info.zip.hasPrefix($0) }
      if let center, let radius = area.radius, GeoTable.mayBeWithin(radius.miles, center, info),
        GeoTable.distanceMiles(center, info) <= radius.miles
      {
        inRadius.insert(info.zip)
        inside = true
      }
      if inside { codes.formUnion(info.areaCodes) }
    }
    zipsInRadius = inRadius
    areaCodesOfZips = codes
  }

  /// Whether a lead's place is in the area; nil when it gives nothing to judge by.
  public func contains(zip5: String?, state: String?, geo: GeoTable) -> Bool? {
    if let zip5 {
      if area.zipPrefixes.contains(where: { zip5.hasPrefix($0) }) { return true }
      guard let info = geo.zip(zip5) else { return false }
      if area.states.contains(info.state) { return true }
      if info.areaCodes.contains(where: { area.areaCodes.contains($0) }) { return true }
      return zipsInRadius.contains(zip5)
    }
    if let state, !state.isEmpty {
      return area.states.contains(state.uppercased())
    }
    return nil
  }

  /// Whether a caller's area code is in the area.
  public func contains(areaCode: Int, geo: GeoTable) -> Bool {
    if area.areaCodes.contains(areaCode) { return true }
    if let state = geo.state(ofAreaCode: areaCode), area.states.contains(state) { return true }
    return areaCodesOfZips.contains(areaCode)
  }
}
