import CPCRE2
import Synchronization

/// Why a pattern did not compile: PCRE2's message and the byte offset in the pattern.
public struct PatternError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var offset: Int

  public var description: String { "\(message) at offset \(offset)" }
}

/// A match that PCRE2 stopped because it hit the match or depth limit.
public struct MatchLimitExceeded: Error, Sendable, Equatable {
  public var code: Int32
}

/// A compiled PCRE2 pattern, JIT-compiled the first time it is matched. Shared by
/// every thread; each thread matches with its own ``PCRE2Scratch``.
///
/// The JIT step is most of the cost of compiling, and a run tries only the patterns
/// whose literals its user agents contain: of the 1,820 patterns a run loads (bots,
/// exemptions, fake names), the benchmark's day of clicks JIT-compiles 36 (counted
/// with a `pcre2_jit_compile_8` shim). So the JIT waits for a pattern's first match,
/// under a lock (the code object changes), and every match after it reads one atomic
/// flag.
public final class PCRE2Pattern: @unchecked Sendable {
  public let pattern: String
  let code: OpaquePointer
  /// 0: not JIT-compiled yet; 1: JIT-compiled; 2: the JIT declined (the interpreter matches).
  private let jitState = Atomic<UInt8>(0)
  /// Serializes JIT compiles (each changes its code object, which others may be reading).
  private static let jitLock = Mutex(())

  /// Whether matching runs the JIT code (compiling it first if this is the first ask).
  /// The interpreter matches the patterns the JIT declines.
  public var isJITCompiled: Bool {
    @inline(__always) get {
      let state = jitState.load(ordering: .acquiring)
      return state == 1 || (state == 0 && compileJIT())
    }
  }

  /// The JIT step, once: true when it succeeded.
  @inline(never)
  private func compileJIT() -> Bool {
    Self.jitLock.withLock { _ in
      var state = jitState.load(ordering: .acquiring)
      if state == 0 {
        state = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0 ? 1 : 2
        jitState.store(state, ordering: .releasing)
      }
      return state == 1
    }
  }

  /// Compiles `pattern` as UTF-8, optionally caseless.
  public init(_ pattern: String, caseless: Bool = false) throws(PatternError) {
    self.pattern = pattern
    var errorCode: Int32 = 0
    var errorOffset: Int = 0
    var options = UInt32(PCRE2_UTF) | UInt32(PCRE2_NO_UTF_CHECK)
    if caseless { options |= UInt32(PCRE2_CASELESS) }
    var bytes = Array(pattern.utf8)
    let compiled = bytes.withUnsafeMutableBufferPointer { buffer in
      pcre2_compile_8(
        buffer.baseAddress, buffer.count, options, &errorCode, &errorOffset, nil)
    }
    guard let compiled else {
      throw PatternError(message: PCRE2Pattern.message(for: errorCode), offset: errorOffset)
    }
    code = compiled
  }

  deinit {
    pcre2_code_free_8(code)
  }

  /// Whether the pattern matches anywhere in `subject` (UTF-8 bytes, assumed valid).
  public func matches(
    _ subject: UnsafeRawBufferPointer, scratch: PCRE2Scratch
  ) throws(MatchLimitExceeded) -> Bool {
    let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self)
    let empty: UInt8 = 0
    let rc = withUnsafePointer(to: empty) { emptyPointer in
      let start = base ?? emptyPointer
      if isJITCompiled {
        return pcre2_jit_match_8(
          code, start, subject.count, 0, 0, scratch.matchData, scratch.context)
      }
      return pcre2_match_8(
        code, start, subject.count, 0, UInt32(PCRE2_NO_UTF_CHECK), scratch.matchData,
        scratch.context)
    }
    if rc >= 0 { return true }
    if rc == PCRE2_ERROR_NOMATCH { return false }
    throw MatchLimitExceeded(code: rc)
  }

  /// The index of the first of `patterns` that matches anywhere in the `count` bytes at
  /// `subject` (valid UTF-8), or nil. A match PCRE2 gives up on (its limits) counts as no
  /// match. One tight loop of PCRE2 calls: for short subjects PCRE2 takes about 10 ns a
  /// pattern, and a ``matches(_:scratch:)`` per pattern cost several times that.
  static func firstMatch(
    of patterns: [PCRE2Pattern], in subject: UnsafePointer<UInt8>, count: Int,
    scratch: PCRE2Scratch
  ) -> Int? {
    patterns.withUnsafeBufferPointer { patterns in
      for index in patterns.indices {
        let pattern = patterns[index]
        let rc =
          pattern.isJITCompiled
          ? pcre2_jit_match_8(
            pattern.code, subject, count, 0, 0, scratch.matchData, scratch.context)
          : pcre2_match_8(
            pattern.code, subject, count, 0, UInt32(PCRE2_NO_UTF_CHECK), scratch.matchData,
            scratch.context)
        if rc >= 0 { return index }
      }
      return nil
    }
  }

  /// Whether the pattern matches anywhere in `subject`.
  public func matches(_ subject: String, scratch: PCRE2Scratch) throws(MatchLimitExceeded) -> Bool {
    var subject = subject
    let result = subject.withUTF8 { buffer in
      Result { () throws(MatchLimitExceeded) -> Bool in
        try matches(UnsafeRawBufferPointer(buffer), scratch: scratch)
      }
    }
    return try result.get()
  }

  /// PCRE2's text for an error code.
  static func message(for code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let length = buffer.withUnsafeMutableBufferPointer {
      pcre2_get_error_message_8(code, $0.baseAddress, $0.count)
    }
    return length > 0 ? String(decoding: buffer[..<Int(length)], as: UTF8.self) : "error \(code)"
  }
}

/// Per-thread matching state: match data, a match context with limits, and a
/// JIT stack. Create one per thread and reuse it for every record.
public final class PCRE2Scratch {
  let matchData: OpaquePointer
  let context: OpaquePointer
  let jitStack: OpaquePointer?

  /// - Parameters:
  ///   - matchLimit: how many times PCRE2 may call its internal match function
  ///     for one match attempt (bounds backtracking).
  ///   - depthLimit: how deep backtracking may nest.
  public init(matchLimit: UInt32 = 1_000_000, depthLimit: UInt32 = 10_000) {
    matchData = pcre2_match_data_create_8(1, nil)!
    context = pcre2_match_context_create_8(nil)!
    jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
    pcre2_set_match_limit_8(context, matchLimit)
    pcre2_set_depth_limit_8(context, depthLimit)
    if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
  }

  deinit {
    pcre2_match_data_free_8(matchData)
    pcre2_match_context_free_8(context)
    if let jitStack { pcre2_jit_stack_free_8(jitStack) }
  }
}
