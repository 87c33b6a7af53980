import Testing

@testable import LeadScreen

@Suite struct FakeNamesTests {
  static let shipped: FakeNames = {
    do { return try FakeNames(file: RulesPaths.rules + "/fake-names.txt") } catch {
      fatalError("\(error)")
    }
  }()

  static let fakes = [
    "test", "Test", "TESTING", "tester", "test123", "asdf", "Asdfgh", "qwerty", "sdfg", "zxcv",
    "hjkl", "aaa", "XXXX", "zzzzz", "Johnnnnn", "asdasd", "qweqwe", "lololo", "hahaha", "lolol",
    "fake", "None", "n/a", "NULL", "anonymous", "unknown", "First Name", "lastname",
    "Mickey Mouse", "john doe", "Mr", "abc", "foo", "John2", "a@b.com", "www.site.com", "...",
    "-", "12345", "dfghj", "poiuy", "lkjhg", "mnbvc",
  ]

  @Test(arguments: fakes) func fakeNamesMatch(_ name: String) {
    #expect(Self.shipped.match(name, scratch: PCRE2Scratch()) != nil)
  }

  /// Real first and last names of many origins, short ones and doubled nicknames
  /// included: none may match.
  static let realNames: [String] = """
    James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara \
    Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy \
    Matthew Betty Anthony Sandra Mark Margaret Donald Ashley Steven Kimberly Paul Emily \
    Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah \
    Timothy Stephanie Ronald Rebecca Edward Sharon Jason Laura Jeffrey Cynthia Ryan Amy \
    Jacob Kathleen Gary Angela Nicholas Shirley Eric Anna Jonathan Brenda Stephen Pamela \
    Larry Emma Justin Nicole Scott Helen Brandon Samantha Benjamin Katherine Samuel Christine \
    Gregory Debra Alexander Rachel Patrick Carolyn Frank Janet Raymond Maria Jack Olivia \
    Dennis Heather Jerry Diane Tyler Julie Aaron Joyce Jose Victoria Adam Ruth Nathan \
    Virginia Henry Lauren Zachary Kelly Douglas Christina Peter Joan Kyle Evelyn Noah Judith \
    Ethan Andrea Jeremy Hannah Walter Megan Christian Cheryl Keith Jacqueline Roger Martha \
    Terry Madison Austin Teresa Sean Gloria Gerald Sara Carl Janice Harold Ann Dylan Kathryn \
    Arthur Abigail Lawrence Sophia Jordan Frances Jesse Jean Bryan Alice Billy Judy Bruce \
    Isabella Gabriel Julia Joe Grace Logan Amber Alan Denise Juan Danielle Albert Marilyn \
    Willie Beverly Elijah Charlotte Wayne Natalie Randy Theresa Vincent Diana Mason Brittany \
    Roy Doris Ralph Kayla Bobby Alexis Russell Lori Bradley Marie Philip Lee Ng Li Ana Otto \
    Bob Al Ed Jo Ty Ida Eve Abe Ava Ali Ian Kai Ole Oz Xi Yu Wu Xu Hu Yi Oh Im An Ko Gu Na \
    Le Ly Ma Vo Do Ho Tran Pham Nguyen Lulu Mimi Coco Gigi Jojo Kiki Nana Dede Bebe Lili \
    Titi Momo Liberty Wertz Trewin Trewartha Aaronson Haas Saab Eeva Ooi Kaaren Aase \
    Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez \
    Lopez Gonzalez Wilson Anderson Taylor Moore Jackson Martin Thompson White Harris \
    Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres \
    Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts \
    Kowalski Wojciechowski Schmidt Yamamoto Tanaka Kim Park Choi Singh Patel Khan Cohen \
    Murphy Sullivan Kennedy Okafor Adeyemi Mensah Haddad Nakamura Suzuki Ivanov Petrov \
    Rossi Russo Bianchi Dubois Lefebvre Jansen Bakker Nielsen Larsen Andersson Johansson \
    Papadopoulos Yilmaz Kaya Silva Santos Oliveira Pereira Costa Fernandes Mendoza Castillo \
    Sasha Misha Bubba Otis Pepe Zuzu Kaka Mumu Ahmad Fatima Aisha Mohammed Omar Yusuf
    """.split(separator: " ").map(String.init) + [
      "O'Brien", "José", "Mary-Jane", "Van Der Berg", "van der Berg", "De La Cruz", "St. John",
      "D'Angelo", "McDonald", "MacArthur", "Smith-Jones", "Zoë", "Björk", "Łukasz", "Søren",
      "Siobhán", "Nguyễn", "Müller", "García", "Núñez", "Åsa", "Renée", "Chloé", "Jean-Luc",
      "Mary Ann", "Anne Marie", "Del Rosario", "Al-Sayed", "Ng Wei", "Lo", "Ry",
    ]

  @Test func realNamesNeverMatch() {
    let scratch = PCRE2Scratch()
    #expect(Self.realNames.count >= 300)
    for name in Self.realNames {
      let hit = Self.shipped.match(name, scratch: scratch)
      #expect(hit == nil, "\(name) matched \(hit?.pattern ?? "")")
    }
  }

  @Test func emptyNameIsNotFake() {
    #expect(Self.shipped.match("  ", scratch: PCRE2Scratch()) == nil)
  }

  @Test func badPatternNamesFileLineAndColumn() throws {
    let directory = try RulesPaths.temporaryDirectory(["n.txt": "# names\n^test$\n(abc\n"])
    do {
      _ = try FakeNames(file: directory + "/n.txt")
      Issue.record("no error")
    } catch {
      #expect(error.line == 3)
      #expect(error.column == 5)
      #expect(error.message.contains("(abc"))
    }
  }

  /// Names answered from the cache get the answers of a fresh match: real and fake
  /// names of the generator's tables, padded and case-changed forms, names that differ
  /// only past the kept length or by a trailing zero byte, in a cache small enough that
  /// names keep evicting each other.
  @Test(arguments: [1, 8, 4096]) func cachedAnswersAreFreshAnswers(slots: Int) {
    let tables = GeneratorFixture.tables
    var names = tables.firstNames + tables.lastNames + tables.fakeNames + Self.fakes
    names += names.map { " \($0)\t" } + names.map { $0.uppercased() }
    names += [
      String(repeating: "a", count: 24), String(repeating: "a", count: 25),
      String(repeating: "ab", count: 12) + "x", String(repeating: "ab", count: 12) + "y",
      String(repeating: "ab", count: 12), String(repeating: "ab", count: 8) + "Jonathan",
      "abc", "abc\u{0}", "Ann", "Ann\u{0}", "Zoë", "Zoe", "test", "tes", "testt",
    ]
    var cache = FakeNames.Cache(slots: slots)
    let scratch = PCRE2Scratch()
    var rounds = 0
    var hits = 0
    for round in 0..<2 {
      for name in names {
        let fresh = Self.shipped.match(name, scratch: scratch)
        let cached = Self.shipped.match(name, cache: &cache, scratch: scratch)
        #expect(cached == fresh, "\(name) (round \(round))")
        if fresh != nil { hits += 1 }
        rounds += 1
      }
    }
    #expect(hits > 100 && hits < rounds / 2)
  }
}
