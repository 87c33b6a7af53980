/// A campaign's service area, compiled against the geo tables.
public struct AreaMatcher: Sendable {
  public let area: ServiceArea
  /// ZIPs within the radius, when the area has one.
  private let zipsInRadius: Set<String>
  /// Area codes of the ZIPs that are in the area by `zips` prefix or radius.
  private let areaCodesOfZips: Set<Int>

  /// `area.zipPrefixes` as bytes (digits: no Unicode comparison needed).
  private let prefixes: [[UInt8]]

  public init(area: ServiceArea, geo: GeoTable) {
    self.area = area
    prefixes = area.zipPrefixes.map { Array($0.utf8) }
    var inRadius = Set<String>()
    var codes = Set<Int>()
    let center = area.radius.flatMap { geo.zip($0.centerZip) }
    // Without ZIP prefixes or a radius no ZIP is inside: skip the scan of every ZIP.
    let zips = area.zipPrefixes.isEmpty && center == nil ? [] : geo.allZips
    let numbers = geo.zipNumbers
    // Prefixes of digits (as the campaigns file has them) as ranges of ZIP numbers: the
    // test reads no ZIP text (two campaigns' scans of every ZIP took 15M instructions
    // at each start, 6M of them in the text test; callgrind).
    let ranges = Self.numberRanges(area.zipPrefixes)
    // By index, each field read in place: a copy of each entry cost more than the test.
    for index in zips.indices {
      var inside =
        if let ranges {
          ranges.contains { numbers[index] >= $0.lowerBound && numbers[index] < $0.upperBound }
        } else {
          Self.hasPrefix(zips[index].zip, prefixes)
        }
      if let center, let radius = area.radius,
        GeoTable.mayBeWithin(radius.miles, center, zips[index]),
        GeoTable.distanceMiles(center, zips[index]) <= radius.miles
      {
        inRadius.insert(zips[index].zip)
        inside = true
      }
      if inside { codes.formUnion(zips[index].areaCodes) }
    }
    zipsInRadius = inRadius
    areaCodesOfZips = codes
  }

  /// The ZIP numbers each prefix covers (`787`: 78700..<78800), when every prefix is one
  /// to five ASCII digits; else nil.
  private static func numberRanges(_ prefixes: [String]) -> [Range<Int32>]? {
    var ranges: [Range<Int32>] = []
    for prefix in prefixes {
      let digits = Array(prefix.utf8)
      guard (1...5).contains(digits.count), digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
        return nil
      }
      var value: Int32 = 0
      for digit in digits { value = value * 10 + Int32(digit - 48) }
      var scale: Int32 = 1
      for _ in digits.count..<5 { scale *= 10 }
      ranges.append(value * scale..<(value + 1) * scale)
    }
    return ranges
  }

  /// Whether `zip` starts with one of `prefixes`.
  private static func hasPrefix(_ zip: String, _ prefixes: [[UInt8]]) -> Bool {
    if prefixes.isEmpty { return false }
    var zip = zip
    return zip.withUTF8 { bytes in
      prefixes.contains { prefix in
        prefix.count <= bytes.count && bytes.prefix(prefix.count).elementsEqual(prefix)
      }
    }
  }

  /// Whether a lead's place is in the area; nil when it gives nothing to judge by.
  public func contains(zip5: String?, state: String?, geo: GeoTable) -> Bool? {
    if let zip5 {
      if Self.hasPrefix(zip5, prefixes) { return true }
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
