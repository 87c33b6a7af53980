/// One US ZIP code: its state, centre and telephone area codes.
public struct ZipInfo: Sendable, Equatable {
  public var zip: String
  public var state: String
  public var latitude: Double
  public var longitude: Double
  public var areaCodes: [Int]

  public init(zip: String, state: String, latitude: Double, longitude: Double, areaCodes: [Int]) {
    self.zip = zip
    self.state = state
    self.latitude = latitude
    self.longitude = longitude
    self.areaCodes = areaCodes
  }
}

/// ZIP codes and area codes (`rules/geo/zips.tsv`, `rules/geo/area-codes.tsv`), for
/// service-area checks and the generator.
public final class GeoTable: Sendable {
  /// Every ZIP, in file order.
  public let allZips: [ZipInfo]
  /// ZIP as a number (0...99999) -> index in `allZips`, or -1.
  private let zipIndex: [Int32]
  /// The number of each ZIP of `allZips` (five digits each), in the same order.
  let zipNumbers: [Int32]
  /// Area code (0...999) -> state.
  private let areaCodeStates: [String?]

  /// Loads `zips.tsv` and `area-codes.tsv` from `directory` (rules/geo). A bad row is an
  /// error naming file:line:column.
  public init(directory: String) throws(RuleFileError) {
    let base = directory.hasSuffix("/") ? directory : directory + "/"
    let zips = try Self.loadZips(base + "zips.tsv")
    var index = [Int32](repeating: -1, count: 100_000)
    var numbers = [Int32](repeating: 0, count: zips.count)
    for (position, info) in zips.enumerated() {
      // Every row's ZIP is five digits (the loader checks).
      guard let number = Self.number(ofZip: info.zip) else { continue }
      numbers[position] = Int32(number)
      if index[number] < 0 { index[number] = Int32(position) }
    }
    allZips = zips
    zipIndex = index
    zipNumbers = numbers
    areaCodeStates = try Self.loadAreaCodes(base + "area-codes.tsv")
  }

  /// The ZIP's entry (five digits; a ZIP+4 or longer text uses its first five), or nil.
  public func zip(_ zip5: String) -> ZipInfo? {
    guard let number = Self.number(ofZip: zip5) else { return nil }
    let slot = zipIndex[number]
    return slot >= 0 ? allZips[Int(slot)] : nil
  }

  /// The number of the text's first five bytes when they are ASCII digits, else nil.
  private static func number(ofZip zip: String) -> Int? {
    func number(_ bytes: some Collection<UInt8>) -> Int? {
      var number = 0
      var count = 0
      for byte in bytes {
        guard count < 5 else { break }
        guard byte >= 48 && byte <= 57 else { return nil }
        number = number &* 10 &+ Int(byte &- 48)
        count &+= 1
      }
      return count == 5 ? number : nil
    }
    return zip.utf8.withContiguousStorageIfAvailable { number($0) } ?? number(zip.utf8)
  }

  /// The state of a geographic area code, or nil (unknown, toll free, non-geographic).
  public func state(ofAreaCode code: Int) -> String? {
    guard code >= 0 && code < areaCodeStates.count else { return nil }
    return areaCodeStates[code]
  }

  /// The area codes that serve the ZIP (empty when unknown).
  public func areaCodes(ofZip zip5: String) -> [Int] {
    zip(zip5)?.areaCodes ?? []
  }

  /// The earth radius ``distanceMiles(_:_:)`` assumes.
  static let earthRadiusMiles = 3958.8

  /// Great-circle distance in miles (haversine, earth radius 3958.8 mi).
  public static func distanceMiles(_ a: ZipInfo, _ b: ZipInfo) -> Double {
    let radians = Double.pi / 180
    let lat1 = a.latitude * radians
    let lat2 = b.latitude * radians
    let dLat = lat2 - lat1
    let dLon = (b.longitude - a.longitude) * radians
    let h = sinHalfSquared(dLat) + cosine(lat1) * cosine(lat2) * sinHalfSquared(dLon)
    return 2 * earthRadiusMiles * arcsine(min(1, h.squareRoot()))
  }

  /// False when `a` and `b` are surely more than `miles` apart by their latitudes alone,
  /// a cheap test before ``distanceMiles(_:_:)``: a great circle is never shorter than
  /// the meridian arc between the two latitudes (one mile of slack covers rounding).
  static func mayBeWithin(_ miles: Double, _ a: ZipInfo, _ b: ZipInfo) -> Bool {
    abs(b.latitude - a.latitude) * (Double.pi / 180) * earthRadiusMiles <= miles + 1
  }
}
