import Synchronization

/// A process-wide "please stop" flag, set from a signal handler (an atomic store
/// is async-signal-safe) and read between records and on interrupted reads.
public enum Interruption {
  private static let flag = Atomic<Bool>(false)

  public static func request() {
    flag.store(true, ordering: .relaxed)
  }

  public static var isRequested: Bool {
    flag.load(ordering: .relaxed)
  }
}
