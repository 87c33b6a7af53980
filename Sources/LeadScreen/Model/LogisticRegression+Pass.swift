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
  private static func accumulate(
    rows: Range<Int>, d: Int, x: UnsafePointer<Double>, y: UnsafePointer<Double>,
    w: UnsafePointer<Double>, beta: UnsafePointer<Double>, hessian: Bool,
    into out: UnsafeMutablePointer<Double>
  ) {
    let n = d + 1
    let row = UnsafeMutablePointer<Double>.allocate(capacity: n)
    defer { row.deallocate() }
    row[d] = 1
    let gradient = out + 1
    let h = out + 1 + n
    var loss = 0.0
    for r in rows {
      let xr = x + r * d
      var eta = beta[d]
      for j in 0..<d {
        row[j] = xr[j]
        eta += beta[j] * xr[j]
      }
      let label = y[r]
      let weight = w[r]
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
      for j in 0..<n { gradient[j] += residual * row[j] }
      if hessian {
        let curvature = weight * p * (1 - p)
        for j in 0..<n {
          let a = curvature * row[j]
          let hj = h + j * n
          for k in j..<n { hj[k] += a * row[k] }
        }
      }
    }
    out[0] += loss
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
