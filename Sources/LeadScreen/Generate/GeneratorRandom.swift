import Foundation

/// The generator's own pseudo-random source: xoshiro256** seeded by SplitMix64.
///
/// Never the system generator: the same seed gives the same sequence on every run
/// and every platform, which is what makes `leadscreen generate` byte-reproducible.
/// Distribution helpers are written here too (not `Int.random(in:using:)`, whose
/// algorithm the standard library may change).
public struct GeneratorRandom: RandomNumberGenerator, Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// A generator whose whole future is fixed by `seed`.
  public init(seed: UInt64) {
    var x = seed
    func splitMix(_ x: inout UInt64) -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix(&x)
    s1 = splitMix(&x)
    s2 = splitMix(&x)
    s3 = splitMix(&x)
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// A uniform integer in `0..<n` (`n` > 0), by multiply-high.
  mutating func below(_ n: Int) -> Int {
    Int(next().multipliedFullWidth(by: UInt64(n)).high)
  }

  /// A uniform integer in `range`.
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.upperBound - range.lowerBound + 1)
  }

  /// A uniform double in `[0, 1)`.
  mutating func unit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform double in `range`.
  mutating func double(_ range: ClosedRange<Double>) -> Double {
    range.lowerBound + unit() * (range.upperBound - range.lowerBound)
  }

  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool {
    unit() < p
  }

  /// A standard normal deviate (Box–Muller).
  mutating func normal() -> Double {
    let u = 1.0 - unit()
    let v = unit()
    return (-2.0 * log(u)).squareRoot() * cos(2.0 * Double.pi * v)
  }

  /// A log-normal deviate with the given median and shape.
  mutating func logNormal(median: Double, sigma: Double) -> Double {
    median * exp(sigma * normal())
  }

  /// A uniformly chosen element of a non-empty array.
  mutating func pick<T>(_ items: [T]) -> T {
    items[below(items.count)]
  }

  /// A fresh generator for a sub-stream, so adding draws to one part of the
  /// generator does not shift every other part.
  mutating func fork() -> GeneratorRandom {
    GeneratorRandom(seed: next())
  }
}

/// A weighted choice among `count` items: cumulative weights and binary search.
struct GeneratorWeights: Sendable {
  private var cumulative: [Double]

  init(_ weights: [Double]) {
    var sum = 0.0
    cumulative = weights.map { weight in
      sum += max(weight, 0)
      return sum
    }
  }

  var count: Int { cumulative.count }

  /// The index of an item drawn with probability proportional to its weight.
  func draw(_ rng: inout GeneratorRandom) -> Int {
    let target = rng.unit() * (cumulative.last ?? 0)
    var low = 0
    var high = cumulative.count - 1
    while low < high {
      let mid = (low + high) / 2
      if cumulative[mid] > target { high = mid } else { low = mid + 1 }
    }
    return low
  }
}
