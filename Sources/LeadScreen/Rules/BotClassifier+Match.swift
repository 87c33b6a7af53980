extension BotClassifier {
  /// The rule that makes `ua` a bot, or nil. An empty or all-white-space user agent gives
  /// ``emptySource``. `cache` and `scratch` belong to the calling thread.
  public func classify(
    _ ua: UnsafeRawBufferPointer, cache: inout Cache, scratch: PCRE2Scratch
  ) -> RuleSource? {
    source(forValue: classifyValue(ua, cache: &cache, scratch: scratch))
  }

  /// What `classify` decides, as a number: a pattern index,
  /// ``emptyValue`` for a blank user agent, or -1 for none (see ``source(forValue:)``).
  /// `hash`, when given, is ``Cache/hash(_:)`` of `ua`, computed before.
  public func classifyValue(
    _ ua: UnsafeRawBufferPointer, hash known: UInt64? = nil, cache: inout Cache,
    scratch: PCRE2Scratch
  ) -> Int32 {
    if Self.isBlank(ua) { return Self.emptyValue }
    let useCache = cache.capacity > 0
    let hash = useCache ? known ?? Cache.hash(ua) : 0
    if useCache, let value = cache.lookup(ua, hash: hash) { return value }
    let value: Int32
    if UTF8Validation.isASCII(ua) || Self.isValidUTF8(ua) {
      value = evaluate(ua, cache: &cache, scratch: scratch)
    } else {
      // PCRE2 matches without a UTF check: repair invalid UTF-8 first.
      var repaired = Array(String(decoding: ua, as: UTF8.self).utf8)
      value = repaired.withUnsafeMutableBytes {
        evaluate(UnsafeRawBufferPointer($0), cache: &cache, scratch: scratch)
      }
    }
    if useCache { cache.store(ua, hash: hash, value: value) }
    return value
  }

  /// The value ``classifyValue(_:cache:scratch:)`` gives a blank user agent.
  public static let emptyValue: Int32 = -2

  /// The rule a ``classifyValue(_:cache:scratch:)`` result names, or nil for -1.
  public func source(forValue value: Int32) -> RuleSource? {
    if value == Self.emptyValue { return Self.emptySource }
    return value >= 0 ? sources[Int(value)] : nil
  }

  /// The rule that makes `ua` a bot, or nil (see the byte version).
  public func classify(_ ua: String, cache: inout Cache, scratch: PCRE2Scratch) -> RuleSource? {
    var ua = ua
    return ua.withUTF8 { classify(UnsafeRawBufferPointer($0), cache: &cache, scratch: scratch) }
  }

  /// The lowest-numbered matching pattern unless an exemption matches; -1 for none.
  func evaluate(_ ua: UnsafeRawBufferPointer, cache: inout Cache, scratch: PCRE2Scratch) -> Int32 {
    let found = firstMatch(ua, cache: &cache, scratch: scratch)
    guard found >= 0 else { return -1 }
    let exempt = withUnsafePointer(to: UInt8(0)) { empty in
      PCRE2Pattern.firstMatch(
        of: allowCompiled, in: ua.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? empty,
        count: ua.count, scratch: scratch)
    }
    return exempt == nil ? found : -1
  }

  /// The lowest index of a matching bot pattern, or -1.
  func firstMatch(_ ua: UnsafeRawBufferPointer, cache: inout Cache, scratch: PCRE2Scratch) -> Int32
  {
    if cache.stamps.count != sources.count {
      cache.stamps = [UInt32](repeating: 0, count: sources.count)
      cache.generation = 0
    }
    cache.generation &+= 1
    if cache.generation == 0 {
      for index in cache.stamps.indices { cache.stamps[index] = 0 }
      cache.generation = 1
    }
    let generation = cache.generation
    var best = Int32.max
    var candidates: [Int32] = []
    var stampStore: [UInt32] = []
    swap(&candidates, &cache.candidates)
    swap(&stampStore, &cache.stamps)
    defer {
      swap(&candidates, &cache.candidates)
      swap(&stampStore, &cache.stamps)
    }
    candidates.removeAll(keepingCapacity: true)
    // A caseless k or s also matches U+212A or U+017F: fold those two for the scan, and
    // then (positions moved) leave every hit to PCRE2.
    let shortcuts = UTF8Validation.isASCII(ua)
    let folded = shortcuts ? [] : Self.foldedForPrefilter(ua)
    stampStore.withUnsafeMutableBufferPointer { stamps in
      folded.withUnsafeBytes { foldedBytes in
        prefilter.scan(shortcuts ? ua : foldedBytes) { index, end in
          if index >= best || stamps[Int(index)] == generation { return true }
          let needs = required[Int(index)]
          if shortcuts && needs.exactCaseless {
            best = index
          } else if shortcuts, let exact = needs.exactCaseSensitive {
            let start = end - exact.count
            let equal = exact.withUnsafeBytes { literal in
              UnsafeRawBufferPointer(rebasing: ua[start..<end]).elementsEqual(literal)
            }
            if equal { best = index }
          } else {
            stamps[Int(index)] = generation
            candidates.append(index)
          }
          return true
        }
      }
    }
    if !candidates.isEmpty {
      candidates.sort()
      for index in candidates where index < best {
        if (try? compiled[Int(index)].matches(ua, scratch: scratch)) == true {
          best = index
          break
        }
      }
    }
    if let first = alwaysRun.first, first < best {
      var tryEach = alwaysRunCombined == nil
      if let combined = alwaysRunCombined {
        tryEach = (try? combined.matches(ua, scratch: scratch)) != false
      }
      if tryEach {
        for index in alwaysRun where index < best {
          if (try? compiled[Int(index)].matches(ua, scratch: scratch)) == true {
            best = index
            break
          }
        }
      } else {
        for index in alwaysRunSolo where index < best {
          if (try? compiled[Int(index)].matches(ua, scratch: scratch)) == true {
            best = index
            break
          }
        }
      }
    }
    return best == Int32.max ? -1 : best
  }

  /// The subject for the prefilter scan when it is not ASCII: U+212A (Kelvin) becomes
  /// `k` and U+017F (long s) becomes `s`, the two non-ASCII caseless partners of ASCII
  /// letters; everything else is kept.
  static func foldedForPrefilter(_ ua: UnsafeRawBufferPointer) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(ua.count)
    var index = 0
    while index < ua.count {
      if ua[index] == 0xE2 && index + 2 < ua.count && ua[index + 1] == 0x84 && ua[index + 2] == 0xAA
      {
        result.append(UInt8(ascii: "k"))
        index += 3
      } else if ua[index] == 0xC5 && index + 1 < ua.count && ua[index + 1] == 0xBF {
        result.append(UInt8(ascii: "s"))
        index += 2
      } else {
        result.append(ua[index])
        index += 1
      }
    }
    return result
  }

  /// The naive reference: every pattern in order, then the exemptions (tests compare).
  func classifyNaive(_ ua: String, scratch: PCRE2Scratch) -> RuleSource? {
    if Self.isBlank(Array(ua.utf8)) { return Self.emptySource }
    for (index, pattern) in compiled.enumerated()
    where (try? pattern.matches(ua, scratch: scratch)) == true {
      for allow in allowCompiled where (try? allow.matches(ua, scratch: scratch)) == true {
        return nil
      }
      return sources[index]
    }
    return nil
  }
}
