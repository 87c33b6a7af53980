import Testing

@testable import LeadScreen

@Suite struct DisposableDomainsTests {
  static let shipped: DisposableDomains = {
    do { return try DisposableDomains(file: RulesPaths.rules + "/disposable-domains.txt") } catch {
      fatalError("\(error)")
    }
  }()

  @Test(arguments: [
    ("mailinator.com", "mailinator.com"),
    ("MAILINATOR.COM", "mailinator.com"),
    ("foo.mailinator.com", "mailinator.com"),
    ("a.b.guerrillamail.com", "guerrillamail.com"),
  ])
  func listedDomainOrParentMatches(_ domain: String, _ entry: String) throws {
    let source = try #require(Self.shipped.match(domain: Substring(domain)))
    #expect(source.pattern == entry)
    #expect(source.file.hasSuffix("disposable-domains.txt"))
    #expect(source.line > 3)
  }

  @Test(arguments: [
    "gmail.com", "notreallymailinator.com", "mailinator.com.example.org", "com", "",
  ])
  func otherDomainsDoNotMatch(_ domain: String) {
    #expect(Self.shipped.match(domain: Substring(domain)) == nil)
  }

  @Test func shippedListIsLarge() {
    #expect(Self.shipped.count > 5000)
  }

  @Test func badLineNamesFileLineAndColumn() throws {
    let directory = try RulesPaths.temporaryDirectory(["d.txt": "# list\nok.example\nbad domain!\n"]
    )
    do {
      _ = try DisposableDomains(file: directory + "/d.txt")
      Issue.record("no error")
    } catch {
      #expect(error.line == 3)
      #expect(error.column == 4)
      #expect(error.description.hasPrefix(directory + "/d.txt:3:4: "))
    }
  }
}
