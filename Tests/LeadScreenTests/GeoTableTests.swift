import Testing

@testable import LeadScreen

@Suite struct GeoTableTests {
  static let shipped: GeoTable = {
    do { return try GeoTable(directory: RulesPaths.rules + "/geo") } catch {
      fatalError("\(error)")
    }
  }()

  @Test func austinToRoundRockIsAboutSixteenMiles() throws {
    let austin = try #require(Self.shipped.zip("78701"))
    let roundRock = try #require(Self.shipped.zip("78664"))
    let miles = GeoTable.distanceMiles(austin, roundRock)
    #expect(abs(miles - 16) <= 3)
    #expect(GeoTable.distanceMiles(austin, austin) == 0)
  }

  @Test func newYorkToLosAngelesIsAboutTwentyFourHundredMiles() throws {
    let newYork = try #require(Self.shipped.zip("10001"))
    let losAngeles = try #require(Self.shipped.zip("90012"))
    #expect(abs(GeoTable.distanceMiles(newYork, losAngeles) - 2450) <= 60)
  }

  @Test(arguments: [(512, "TX"), (212, "NY"), (737, "TX"), (305, "FL"), (415, "CA"), (312, "IL")])
  func areaCodeStates(_ code: Int, _ state: String) {
    #expect(Self.shipped.state(ofAreaCode: code) == state)
  }

  /// Toll free, premium and service codes, Canadian and Caribbean codes, nonsense.
  @Test(arguments: [
    800, 833, 844, 855, 866, 877, 888, 900, 500, 600, 700, 911, 204, 416, 604, 905, 876, 809, 0,
    1234, -1,
  ])
  func nonGeographicCodesHaveNoState(_ code: Int) {
    #expect(Self.shipped.state(ofAreaCode: code) == nil)
  }

  @Test func zipLookups() throws {
    let austin = try #require(Self.shipped.zip("78701"))
    #expect(austin.state == "TX")
    #expect(Self.shipped.areaCodes(ofZip: "78701").contains(512))
    #expect(Self.shipped.zip("78701-1234")?.zip == "78701")
    #expect(Self.shipped.zip("00000") == nil)
    #expect(Self.shipped.zip("7870") == nil)
    #expect(Self.shipped.zip("abcde") == nil)
    #expect(Self.shipped.areaCodes(ofZip: "00000").isEmpty)
    #expect(Self.shipped.allZips.count > 40000)
    #expect(Set(Self.shipped.allZips.map(\.state)).count >= 51)
  }

  static let header = "zip\tstate\tlat\tlon\tarea_codes\n"

  @Test(arguments: [
    ("78701\tTX\t30.27\t-97.74\t512\n7870\tTX\t30.2\t-97.7\t512\n", 1, "five digits"),
    ("78701\tTX\t30.27\t-97.74\t512\n78702\tTX\tnorth\t-97.7\t512\n", 10, "latitude"),
    ("78701\tTX\t30.27\t-97.74\t512\n78702\ttx\t30.2\t-97.7\t512\n", 7, "state"),
    ("78701\tTX\t30.27\t-97.74\t512\n78702\tTX\t30.2\t-97.7\t51x\n", 21, "area code"),
    ("78701\tTX\t30.27\t-97.74\t512\n78702\tTX\t30.2\n", 15, "fields"),
  ])
  func badZipRowNamesFileLineAndColumn(_ rows: String, _ column: Int, _ words: String) throws {
    let directory = try RulesPaths.temporaryDirectory([
      "zips.tsv": "# comment\n" + Self.header + rows,
      "area-codes.tsv": "area_code\tstate\n512\tTX\n",
    ])
    do {
      _ = try GeoTable(directory: directory)
      Issue.record("no error")
    } catch {
      #expect(error.file == directory + "/zips.tsv")
      #expect(error.line == 4)
      #expect(error.column == column)
      #expect(error.message.contains(words))
    }
  }

  @Test func missingHeaderIsAnError() throws {
    let directory = try RulesPaths.temporaryDirectory([
      "zips.tsv": "78701\tTX\t30.27\t-97.74\t512\n", "area-codes.tsv": "area_code\tstate\n",
    ])
    #expect(throws: RuleFileError.self) { try GeoTable(directory: directory) }
  }

  /// The latitude test before the distance never rules out a ZIP that is within reach.
  @Test(arguments: [("78701", 45.0), ("80202", 30.0), ("99501", 500.0), ("00601", 0.0)])
  func latitudeTestKeepsEveryNearZip(_ center: String, _ miles: Double) throws {
    let origin = try #require(Self.shipped.zip(center))
    var near = 0
    for info in Self.shipped.allZips where GeoTable.distanceMiles(origin, info) <= miles {
      near += 1
      #expect(GeoTable.mayBeWithin(miles, origin, info), "\(info.zip)")
    }
    #expect(near > 0)
  }
}

/// ``AreaMatcher`` against the plain definitions, over every ZIP and area code.
@Suite struct AreaMatcherTests {
  @Test func zipPrefixesAndRadiusAgreeWithTheirDefinitions() throws {
    let geo = GeoTableTests.shipped
    let center = try #require(geo.zip("80202"))
    let areas = [
      ServiceArea(zipPrefixes: ["800", "801", "8020"]),
      ServiceArea(zipPrefixes: ["0", "99950"]),
      ServiceArea(zipPrefixes: ["802"], radius: .init(centerZip: "80202", miles: 30)),
    ]
    for area in areas {
      let matcher = AreaMatcher(area: area, geo: geo)
      var codes = Set<Int>()
      for info in geo.allZips {
        var inside = area.zipPrefixes.contains { info.zip.hasPrefix($0) }
        if let radius = area.radius, GeoTable.distanceMiles(center, info) <= radius.miles {
          inside = true
        }
        if inside { codes.formUnion(info.areaCodes) }
        #expect(
          matcher.contains(zip5: info.zip, state: nil, geo: geo) == inside,
          "\(info.zip) in \(area.zipPrefixes)")
      }
      #expect(!codes.isEmpty)
      for code in 200...999 {
        #expect(matcher.contains(areaCode: code, geo: geo) == codes.contains(code), "\(code)")
      }
      // A ZIP the table lacks is outside unless a prefix names it.
      #expect(
        matcher.contains(zip5: "00000", state: nil, geo: geo)
          == area.zipPrefixes.contains { "00000".hasPrefix($0) })
    }
  }
}
