import Foundation
import Synchronization
import Testing

@testable import LeadScreen

@Suite struct StateStoreTests {
  private func path(in folder: URL) -> String { folder.appendingPathComponent("state.db").path }

  @Test func createsTheSchemaOnFirstUse() throws {
    let folder = try StateTestSupport.temporaryFolder()
    let store = try StateStore(path: path(in: folder))
    #expect(try store.schemaVersion() == 0)
    try store.beginRun()
    try store.finishRun(counts: RunCounts(), retentionDays: 30)
    #expect(try store.schemaVersion() == StateSchema.version)
    let database = try SQLiteDatabase(path: path(in: folder))
    for table in ["config", "contacts", "decisions", "runs"] {
      let count = try database.integer(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(table)])
      #expect(count == 1, "table \(table)")
    }
    #expect(try database.integer("SELECT length(value) FROM config WHERE key = 'key'") == 32)
    #expect(try database.integer("SELECT status = 'completed' FROM runs") == 1)
  }

  /// A new file's switch to WAL upgrades a read transaction, which SQLite does not
  /// retry under its busy timeout: without our retry, some of these opens failed
  /// with "database is locked" at once (as two `score --state` runs starting
  /// together on a new state did).
  @Test func connectionsOpeningANewFileTogetherAllWait() throws {
    let folder = try StateTestSupport.temporaryFolder()
    let failures = Mutex<[String]>([])
    for round in 0..<60 {
      let file = folder.appendingPathComponent("new-\(round).db").path
      DispatchQueue.concurrentPerform(iterations: 6) { _ in
        do {
          let database = try SQLiteDatabase(path: file, busyTimeoutMilliseconds: 20_000)
          let mode = try database.statement("PRAGMA journal_mode")
          #expect(try mode.step() && mode.text(0) == "wal")
          mode.reset()
        } catch {
          failures.withLock { $0.append("round \(round): \(error)") }
        }
      }
    }
    #expect(failures.withLock { $0 } == [])
  }

  @Test func migratesAnEmptyVersionZeroDatabase() throws {
    let folder = try StateTestSupport.temporaryFolder()
    do {
      let database = try SQLiteDatabase(path: path(in: folder))
      try database.execute("PRAGMA user_version = 0")
    }
    let store = try StateStore(path: path(in: folder))
    try store.beginWrite()
    try store.commit()
    #expect(try store.schemaVersion() == StateSchema.version)
  }

  @Test func refusesOtherDatabasesAndNewerSchemas() throws {
    let folder = try StateTestSupport.temporaryFolder()
    let foreign = folder.appendingPathComponent("foreign.db").path
    try SQLiteDatabase(path: foreign).execute("CREATE TABLE invoices(id INTEGER)")
    #expect(throws: StateError.self) { try StateStore(path: foreign).beginRun() }
    let newer = folder.appendingPathComponent("newer.db").path
    try SQLiteDatabase(path: newer).execute("PRAGMA user_version = 99")
    do {
      try StateStore(path: newer).beginRun()
      Issue.record("a newer schema was accepted")
    } catch {
      #expect(error.description.contains("schema version 99"))
    }
    #expect(throws: StateError.self) {
      try StateStore(path: folder.appendingPathComponent("none.db").path, create: false)
    }
  }

  @Test func rememberedVerdictsComeBackExactly() throws {
    let folder = try StateTestSupport.temporaryFolder()
    let verdict = StateTestSupport.verdict(id: "L1")
    do {
      let store = try StateStore(path: path(in: folder))
      try store.beginRun()
      store.remember(verdict, contacts: [])
      try store.finishRun(counts: RunCounts(), retentionDays: 30)
    }
    let store = try StateStore(path: path(in: folder))
    try store.beginRun()
    let recalled = try #require(store.recall(type: .lead, id: "L1"))
    #expect(VerdictCodec.encode(recalled) == VerdictCodec.encode(verdict))
    #expect(store.recall(type: .call, id: "L1") == nil)
    #expect(store.recall(type: .lead, id: "L2") == nil)
    store.abandonRun()
  }

  @Test func noClearTextPhoneEmailOrNameInTheFile() throws {
    let folder = try StateTestSupport.temporaryFolder()
    let store = try StateStore(path: path(in: folder))
    try store.beginRun()
    let hasher = try #require(store.contactHasher)
    for index in 0..<50 {
      store.remember(
        StateTestSupport.verdict(id: "L\(index)", time: Int64(index)),
        contacts: [
          hasher.phone(PhoneNumber(national: 5_125_550_123)),
          hasher.email(duplicateKey: "ann.smith@example.com"),
        ])
    }
    try store.finishRun(counts: RunCounts(), retentionDays: 30)
    var bytes = Data()
    for suffix in ["", "-wal", "-journal"] {
      if let data = FileManager.default.contents(atPath: path(in: folder) + suffix) {
        bytes.append(data)
      }
    }
    #expect(bytes.count > 4096)
    #expect(bytes.range(of: Data("L49".utf8)) != nil)  // the search itself works
    for secret in ["5125550123", "555-0123", "ann.smith", "example.com", "Zebulon"] {
      #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) in the state file")
    }
  }

  @Test func aRunNotCommittedLeavesNothing() throws {
    let folder = try StateTestSupport.temporaryFolder()
    do {
      let store = try StateStore(path: path(in: folder))
      try store.beginRun()
      store.remember(StateTestSupport.verdict(id: "L1"), contacts: [])
      try store.finishRun(counts: RunCounts(), retentionDays: 30)
    }
    let before = try StateStore(path: path(in: folder)).stats(digest: true)
    do {
      // A crash: the connection goes away with the transaction open.
      let store = try StateStore(path: path(in: folder))
      try store.beginRun()
      let hasher = try #require(store.contactHasher)
      store.remember(
        StateTestSupport.verdict(id: "L2"),
        contacts: [hasher.phone(PhoneNumber(national: 2_125_550_199))])
      #expect(store.recall(type: .lead, id: "L2") != nil)
    }
    let after = try StateStore(path: path(in: folder)).stats(digest: true)
    #expect(after.contentDigest == before.contentDigest)
    #expect(after.decisions == before.decisions)
    #expect(after.contacts.isEmpty)
    #expect(after.runs == 1)
  }

  @Test func environmentKeyStaysOutOfTheFileAndMustMatch() throws {
    let folder = try StateTestSupport.temporaryFolder()
    let key = Array("a secret of at least sixteen bytes".utf8)
    do {
      let store = try StateStore(path: path(in: folder), environmentKey: key)
      try store.beginRun()
      try store.finishRun(counts: RunCounts(), retentionDays: 30)
    }
    let database = try SQLiteDatabase(path: path(in: folder))
    #expect(try database.integer("SELECT count(*) FROM config WHERE key = 'key'") == 0)
    #expect(throws: StateError.self) { try StateStore(path: path(in: folder)).beginRun() }
    let wrong = Array("another secret of sixteen bytes".utf8)
    do {
      try StateStore(path: path(in: folder), environmentKey: wrong).beginRun()
      Issue.record("a wrong key was accepted")
    } catch {
      #expect(error.description.contains("is not the key"))
    }
    #expect(throws: StateError.self) {
      try StateStore(path: path(in: folder), environmentKey: Array("short".utf8))
    }
    let again = try StateStore(path: path(in: folder), environmentKey: key)
    try again.beginRun()
    again.abandonRun()
  }

  @Test func aSecondWriterFailsClearlyWhenItCannotWait() throws {
    let folder = try StateTestSupport.temporaryFolder()
    let first = try StateStore(path: path(in: folder))
    try first.beginRun()
    let second = try StateStore(path: path(in: folder), waitSeconds: 0)
    do {
      try second.beginRun()
      Issue.record("two runs held the state at once")
    } catch {
      #expect(
        error.description == "state \(path(in: folder)) is in use by another run (waited 0 s)")
      guard case .busy = error else {
        Issue.record("not busy: \(error)")
        return
      }
    }
    #expect(try second.stats().schemaVersion == 0)  // readers are not blocked (nothing committed)
    try first.finishRun(counts: RunCounts(), retentionDays: 30)
    try second.beginRun()
    try second.finishRun(counts: RunCounts(), retentionDays: 30)
    #expect(try second.stats().runs == 2)
  }

  /// The waiting writer blocks in SQLite for up to 30 s, so it gets a thread of its own:
  /// as a task it held one of the two threads of Swift's shared pool, and with the other
  /// busy with tests running alongside, the first writer's `finishRun` after the sleep
  /// could not be scheduled until the wait had timed out (a CI failure).
  @Test func aSecondWriterWaitsForTheFirst() throws {
    let folder = try StateTestSupport.temporaryFolder()
    let file = path(in: folder)
    let first = try StateStore(path: file)
    try first.beginRun()
    let outcome = Mutex<Result<Int, StateError>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      let result = Result { () throws(StateError) -> Int in
        let second = try StateStore(path: file, waitSeconds: 30)
        try second.beginRun()
        try second.finishRun(counts: RunCounts(), retentionDays: 30)
        return try second.stats().runs
      }
      outcome.withLock { $0 = result }
      done.signal()
    }
    Thread.sleep(forTimeInterval: 0.3)
    try first.finishRun(counts: RunCounts(), retentionDays: 30)
    done.wait()
    #expect(try outcome.withLock { $0 }?.get() == 2)
  }

  @Test func pruneDropsWhatIsOlderThanTheWindowFromTheNewest() throws {
    let folder = try StateTestSupport.temporaryFolder()
    let store = try StateStore(path: path(in: folder))
    try store.beginRun()
    let hasher = try #require(store.contactHasher)
    for (index, day) in [0, 5, 10, 40].enumerated() {
      store.remember(
        StateTestSupport.verdict(id: "L\(index)", time: Int64(day) * StateTestSupport.day),
        contacts: [hasher.phone(PhoneNumber(national: 2_125_550_100 + UInt64(index)))])
    }
    let result = try store.finishRun(counts: RunCounts(), retentionDays: 30)
    #expect(result.contacts == 2 && result.decisions == 2)  // days 0 and 5 (< day 10)
    #expect(result.cutoff == Timestamp(milliseconds: 10 * StateTestSupport.day))
    try store.beginWrite()
    let before = try store.prune(
      retentionDays: 30, before: Timestamp(milliseconds: 20 * StateTestSupport.day))
    try store.commit()
    #expect(before.contacts == 1 && before.decisions == 1)
    #expect(try store.stats().decisions.map(\.count) == [1])
  }
}
