import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One pass over the data at given parameters: the objective, its gradient and
/// (optionally) the upper triangle of its Hessian. Rows are cut into fixed
/// chunks summed on all cores; chunk sums are added in chunk order, so the
/// result is the same on any machine.
struct NewtonPass {
  let x: DesignMatrix
  let labels: [Double]
  let weights: [Double]
  let c: Double
  let chunk: Int

  struct State {
    var objective: Double
    var gradient: [Double]
    /// Row-major (d+1)², upper triangle filled (the intercept is the last index).
    var hessian: [Double]
  }

  init(x: DesignMatrix, labels: [Double], weights: [Double], c: Double, chunk: Int) {
    self.x = x
    self.labels = labels
    self.weights = weights
    self.c = c
    self.chunk = max(chunk, 1)
  }

  func evaluate(_ beta: [Double], hessian: Bool) -> State {
    let d = x.columns
    let n = d + 1
    let chunks = (x.rows + chunk - 1) / chunk
    // Per chunk: objective, gradient (n), Hessian (n²).
    let stride = 1 + n + (hessian ? n * n : 0)
    var sums = [Double](repeating: 0, count: chunks * stride)
    sums.withUnsafeMutableBufferPointer { out in
      let out = SendablePointer(out.baseAddress!)
      x.values.withUnsafeBufferPointer { xs in
        let xs = SendableConstPointer(xs.baseAddress!)
        labels.withUnsafeBufferPointer { ys in
          let ys = SendableConstPointer(ys.baseAddress!)
          weights.withUnsafeBufferPointer { ws in
            let ws = SendableConstPointer(ws.baseAddress!)
            beta.withUnsafeBufferPointer { bs in
              let bs = SendableConstPointer(bs.baseAddress!)
              DispatchQueue.concurrentPerform(iterations: chunks) { k in
                let start = k * chunk
                let end = min(start + chunk, x.rows)
                Self.accumulate(
                  rows: start..<end, d: d, x: xs.pointer, y: ys.pointer, w: ws.pointer,
                  beta: bs.pointer, hessian: hessian, into: out.pointer + k * stride)
              }
            }
          }
        }
      }
    }
    var total = [Double](repeating: 0, count: stride)
    for k in 0..<chunks {
      for i in 0..<stride { total[i] += sums[k * stride + i] }
    }
    var gradient = Array(total[1..<(1 + n)])
    var objective = c * total[0]
    for j in 0..<n { gradient[j] *= c }
    var h = hessian ? Array(total[(1 + n)...]) : []
    if hessian {
      for i in 0..<(n * n) { h[i] *= c }
    }
    for j in 0..<d {
      objective += 0.5 * beta[j] * beta[j]
      gradient[j] += beta[j]
      if hessian { h[j * n + j] += 1 }
    }
    return State(objective: objective, gradient: gradient, hessian: h)
  }

  /// Sums loss, gradient and Hessian of `rows` (unscaled by C) into `out`.
  ///
  /// Rows are padded to whole `SIMD4` lanes (the intercept's 1 after the
  /// features) and taken four at a time, so each Hessian lane is loaded and
  /// stored once per four rows: H[j][k…k+3] += Σᵢ hᵢ·xᵢⱼ · xᵢ[k…k+3], for the
  /// lanes on and right of the diagonal.
  private static func accumulate(
    rows: Range<Int>, d: Int, x: UnsafePointer<Double>, y: UnsafePointer<Double>,
    w: UnsafePointer<Double>, beta: UnsafePointer<Double>, hessian: Bool,
    into out: UnsafeMutablePointer<Double>
  ) {
    typealias Lane = SIMD4<Double>
    let n = d + 1
    let lanes = (n + 3) / 4
    let h = UnsafeMutablePointer<Lane>.allocate(capacity: n * lanes)
    let g = UnsafeMutablePointer<Lane>.allocate(capacity: lanes)
    let b = UnsafeMutablePointer<Lane>.allocate(capacity: lanes)
    let block = UnsafeMutablePointer<Lane>.allocate(capacity: 4 * lanes)
    defer {
      h.deallocate()
      g.deallocate()
      b.deallocate()
      block.deallocate()
    }
    h.initialize(repeating: .zero, count: n * lanes)
    g.initialize(repeating: .zero, count: lanes)
    b.initialize(repeating: .zero, count: lanes)
    block.initialize(repeating: .zero, count: 4 * lanes)
    let bs = UnsafeMutableRawPointer(b).assumingMemoryBound(to: Double.self)
    for j in 0..<n { bs[j] = beta[j] }
    var loss = 0.0
    var r = rows.lowerBound
    while r < rows.upperBound {
      let count = min(4, rows.upperBound - r)
      var curvature = Lane.zero
      for i in 0..<count {
        let lane = block + i * lanes
        let row = UnsafeMutableRawPointer(lane).assumingMemoryBound(to: Double.self)
        let xr = x + (r + i) * d
        for j in 0..<d { row[j] = xr[j] }
        row[d] = 1
        var dot = Lane.zero
        for l in 0..<lanes { dot += lane[l] * b[l] }
        let eta = dot.sum()
        let label = y[r + i]
        let weight = w[r + i]
        // log(1 + e^η) − yη, and p = σ(η), without overflow.
        let p: Double
        if eta > 0 {
          let e = exp(-eta)
          loss += weight * (eta + log1p(e) - label * eta)
          p = 1 / (1 + e)
        } else {
          let e = exp(eta)
          loss += weight * (log1p(e) - label * eta)
          p = e / (1 + e)
        }
        let residual = weight * (p - label)
        for l in 0..<lanes { g[l] += residual * lane[l] }
        curvature[i] = weight * p * (1 - p)
      }
      if hessian {
        let r0 = block
        let r1 = block + lanes
        let r2 = block + 2 * lanes
        let r3 = block + 3 * lanes
        let x0 = UnsafeMutableRawPointer(r0).assumingMemoryBound(to: Double.self)
        let x1 = UnsafeMutableRawPointer(r1).assumingMemoryBound(to: Double.self)
        let x2 = UnsafeMutableRawPointer(r2).assumingMemoryBound(to: Double.self)
        let x3 = UnsafeMutableRawPointer(r3).assumingMemoryBound(to: Double.self)
        for j in 0..<n {
          let a0 = curvature[0] * x0[j]
          let a1 = curvature[1] * x1[j]
          let a2 = curvature[2] * x2[j]
          let a3 = curvature[3] * x3[j]
          let hj = h + j * lanes
          for l in (j / 4)..<lanes {
            hj[l] += a0 * r0[l] + a1 * r1[l] + a2 * r2[l] + a3 * r3[l]
          }
        }
      }
      r += count
    }
    out[0] += loss
    let gs = UnsafeMutableRawPointer(g).assumingMemoryBound(to: Double.self)
    for j in 0..<n { out[1 + j] += gs[j] }
    if hessian {
      let hs = UnsafeMutableRawPointer(h).assumingMemoryBound(to: Double.self)
      for j in 0..<n {
        for k in j..<n { out[1 + n + j * n + k] += hs[j * lanes * 4 + k] }
      }
    }
  }
}

/// A pointer handed to `concurrentPerform` workers; each writes its own part.
private struct SendablePointer: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<Double>
  init(_ pointer: UnsafeMutablePointer<Double>) { self.pointer = pointer }
}

/// A read-only pointer shared by `concurrentPerform` workers.
private struct SendableConstPointer: @unchecked Sendable {
  let pointer: UnsafePointer<Double>
  init(_ pointer: UnsafeMutablePointer<Double>) { self.pointer = UnsafePointer(pointer) }
  init(_ pointer: UnsafePointer<Double>) { self.pointer = pointer }
}
