import LeadScreen
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// SIGINT and SIGTERM ask the run to stop: it writes what is decided and exits
/// non-zero. A second signal ends the process at once. SIGPIPE is ignored so a
/// closed pipe shows up as EPIPE on write and ends the run quietly.
enum Signals {
  static let received = Atomic<Int32>(0)

  static func install() {
    Glibc.signal(SIGPIPE, SIG_IGN)
    for number in [SIGINT, SIGTERM] {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { signo in
        if Signals.received.exchange(signo, ordering: .relaxed) != 0 { _exit(128 + signo) }
        Interruption.request()
      }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0  // no SA_RESTART: a blocked read returns EINTR
      sigaction(number, &action, nil)
    }
    // A parent may hand down these signals blocked (test runners do): unblock them.
    var handled = sigset_t()
    sigemptyset(&handled)
    for number in [SIGINT, SIGTERM] { sigaddset(&handled, number) }
    sigprocmask(SIG_UNBLOCK, &handled, nil)
  }

  /// The signal that asked to stop, or 0.
  static var signal: Int32 { received.load(ordering: .relaxed) }
}
