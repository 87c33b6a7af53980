import Synchronization
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The state kept across `score --state FILE` runs, in one SQLite file: the
/// contacts (as keyed digests) of decided leads and calls, every decision by
/// record id, the runs, and the key.
///
/// A run is one write transaction: ``beginRun()`` (`BEGIN IMMEDIATE`, waiting
/// for another run to finish), the pipeline's ``recall(type:id:)`` and
/// ``remember(_:contacts:)``, then ``finishRun(counts:retentionDays:)``
/// (prune, `COMMIT`) or ``abandonRun()`` (`ROLLBACK`). A process killed at any
/// point leaves the state as it was before the run.
public final class StateStore {
  public let path: String
  let database: SQLiteDatabase
  let waitSeconds: Int
  let environmentKey: [UInt8]?
  /// The contact digests' key; known once a run or maintenance has begun.
  public private(set) var contactHasher: ContactHasher?
  var seal: VerdictSeal?
  /// Seal nonces: 8 random bytes drawn once per store, then a 32-bit counter.
  private let nonceBase: [UInt8] = {
    var generator = SystemRandomNumberGenerator()
    return withUnsafeBytes(of: generator.next() as UInt64) { Array($0) }
  }()
  private var nonceCounter: UInt32 = 0
  /// The id of the run in progress.
  public internal(set) var runID: Int64?
  /// The first error of ``recall(type:id:)`` or ``remember(_:contacts:)`` (they cannot throw
  /// inside the pipeline): the caller stops the run and rolls it back when it is set.
  public internal(set) var failure: StateError? {
    didSet { failed.store(failure != nil, ordering: .relaxed) }
  }
  /// Whether ``failure`` is set, for the check between every two records (an atomic
  /// constant: a stored `var` of a class is checked for exclusive access at each read).
  public var hasFailed: Bool { failed.load(ordering: .relaxed) }
  private let failed = Atomic<Bool>(false)

  /// Shortest `LEADSCREEN_STATE_KEY` accepted, in bytes.
  public static let minimumKeyBytes = 16

  /// Opens the state at `path`, creating the file when `create` is set.
  /// - Parameters:
  ///   - environmentKey: `LEADSCREEN_STATE_KEY`'s bytes, when set: the key then lives
  ///     outside the file (the file keeps only a check value of it).
  ///   - waitSeconds: how long to wait for another run's write lock.
  public init(
    path: String, environmentKey: [UInt8]? = nil, waitSeconds: Int = 600, create: Bool = true
  ) throws(StateError) {
    if let environmentKey, environmentKey.count < StateStore.minimumKeyBytes {
      throw .keyTooShort(minimum: StateStore.minimumKeyBytes)
    }
    if !create, access(path, F_OK) != 0 { throw .missing(path: path) }
    self.path = path
    self.waitSeconds = waitSeconds
    self.environmentKey = environmentKey
    do {
      database = try SQLiteDatabase(
        path: path, busyTimeoutMilliseconds: Int32(clamping: waitSeconds * 1000), create: create)
    } catch {
      throw .wrap(error, path: path, waitedSeconds: waitSeconds)
    }
  }

  /// The schema version of the file (0 when new).
  public func schemaVersion() throws(StateError) -> Int {
    do { return try database.userVersion() } catch { throw wrap(error) }
  }

  // MARK: - Transactions

  /// Takes the write lock (`BEGIN IMMEDIATE`), migrates the schema and resolves
  /// the key; for maintenance (`state prune`) as for runs.
  public func beginWrite() throws(StateError) {
    do { try database.execute("BEGIN IMMEDIATE") } catch { throw wrap(error) }
    do {
      _ = try StateSchema.migrate(database, path: path)
      let key = try resolveKey()
      contactHasher = ContactHasher(key: key)
      seal = VerdictSeal(stateKey: key)
    } catch {
      rollback()
      throw error
    }
  }

  /// Commits the open transaction.
  public func commit() throws(StateError) {
    do { try database.execute("COMMIT") } catch {
      rollback()
      throw wrap(error)
    }
    runID = nil
  }

  /// Rolls the open transaction back, if there is one: the state is as before it.
  public func rollback() {
    if database.inTransaction { try? database.execute("ROLLBACK") }
    runID = nil
  }

  /// The key: `LEADSCREEN_STATE_KEY`, else the one stored in `config`; a new
  /// state gets 32 bytes from the system's random source (getrandom(2),
  /// i.e. /dev/urandom) unless the environment gives one.
  private func resolveKey() throws(StateError) -> [UInt8] {
    let stored = try configValue("key")
    let check = try configValue("key_check")
    if let check {
      guard let key = environmentKey ?? stored else { throw .keyRequired(path: path) }
      guard ContactHasher(key: key).keyCheck() == check else { throw .keyMismatch(path: path) }
      return key
    }
    var key: [UInt8]
    if let environmentKey {
      key = environmentKey
      try setConfig("key_source", Array("environment".utf8))
    } else {
      var generator = SystemRandomNumberGenerator()
      key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
      try setConfig("key", key)
      try setConfig("key_source", Array("generated".utf8))
    }
    try setConfig("key_check", ContactHasher(key: key).keyCheck())
    return key
  }

  /// `LEADSCREEN_STATE_KEY` when given, else the key stored in the file (if any).
  func environmentOrStoredKey() throws(StateError) -> [UInt8]? {
    if let environmentKey { return environmentKey }
    return try configValue("key")
  }

  func configValue(_ key: String) throws(StateError) -> [UInt8]? {
    do {
      let statement = try database.statement("SELECT value FROM config WHERE key = ?")
      try statement.bind(.text(key))
      defer { statement.reset() }
      return try statement.step() ? statement.blob(0) : nil
    } catch { throw wrap(error) }
  }

  func setConfig(_ key: String, _ value: [UInt8]) throws(StateError) {
    do {
      try database.statement("INSERT OR REPLACE INTO config(key, value) VALUES(?, ?)")
        .bind(.text(key), .blob(value)).run()
    } catch { throw wrap(error) }
  }

  func wrap(_ error: SQLiteError) -> StateError {
    .wrap(error, path: path, waitedSeconds: waitSeconds)
  }

  /// A nonce not used before under this store's key (random prefix, counter).
  func nextNonce() -> [UInt8] {
    nonceCounter &+= 1
    return nonceBase + withUnsafeBytes(of: nonceCounter.bigEndian) { Array($0) }
  }

  /// Notes the first failure of a call that cannot throw.
  func fail(_ error: SQLiteError) {
    if failure == nil { failure = wrap(error) }
  }
}
