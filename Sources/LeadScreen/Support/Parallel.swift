import Dispatch
import Foundation
import Synchronization

/// Two pieces of start-up work side by side.
public enum Parallel {
  /// Runs `first` on a new thread while `second` runs on this one; returns both. (A
  /// thread of its own, not a shared queue, which callers blocked on such loads could
  /// leave without a free worker.)
  public static func both<A: Sendable, B>(
    _ first: @escaping @Sendable () -> A, _ second: () -> B
  ) -> (A, B) {
    let result = ResultSlot<A>()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      let value = first()
      result.value.withLock { $0 = value }
      done.signal()
    }
    let other = second()
    done.wait()
    return (result.value.withLock { $0! }, other)
  }
}

/// Where another thread leaves its result.
private final class ResultSlot<Value: Sendable>: Sendable {
  let value = Mutex<Value?>(nil)
}
