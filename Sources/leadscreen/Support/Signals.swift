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
    // The runtime starts with these blocked on the main thread; unblock them
    // there so they interrupt a blocked read(2).
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  /// The signal that asked to stop, or 0.
  static var signal: Int32 { received.load(ordering: .relaxed) }
}
