import Foundation

/// Report 004's network written scalar by scalar, the way the report does it: 2 inputs, 3 sigmoid
/// hidden units, 2 softmax outputs, loss −ln y_c, every sum an explicit loop over `Double`s.
///
///     k_j = Σ_i x_i w_ij + b_j,  h_j = σ(k_j),  z_m = Σ_j h_j v_jm + c_m,  y = softmax(z)
///     z∇ = y − ŷ,  v∇_jm = h_j z∇_m,  c∇ = z∇,  h∇_j = Σ_m z∇_m v_jm,  k∇ = h∇ h (1 − h),  w∇_ij = x_i k∇_j,  b∇ = k∇
///
/// It exists to be compared with the vectorised and autograd implementations (report 004 §2).
public struct ScalarNetwork: Equatable {
    /// w[i][j]: input i → hidden j.
    public var w: [[Double]]
    public var b: [Double]
    /// v[j][m]: hidden j → output m.
    public var v: [[Double]]
    public var c: [Double]

    /// The gradients of one example (summed over examples by `gradients(inputs:targets:)`).
    public struct Gradients: Equatable {
        public var w: [[Double]], b: [Double], v: [[Double]], c: [Double]
        public var loss: Double

        public init(w: [[Double]], b: [Double], v: [[Double]], c: [Double], loss: Double) {
            (self.w, self.b, self.v, self.c, self.loss) = (w, b, v, c, loss)
        }
    }

    public init(w: [[Double]], b: [Double], v: [[Double]], c: [Double]) {
        (self.w, self.b, self.v, self.c) = (w, b, v, c)
    }

    public var inputCount: Int { w.count }
    public var hiddenCount: Int { b.count }
    public var outputCount: Int { c.count }

    /// Hidden activations and output probabilities for one input.
    public func forward(_ x: [Double]) -> (h: [Double], y: [Double]) {
        var h = [Double](repeating: 0, count: hiddenCount)
        for j in 0..<hiddenCount {
            var k = b[j]
            for i in 0..<inputCount { k += x[i] * w[i][j] }
            h[j] = 1 / (1 + exp(-k))
        }
        var z = [Double](repeating: 0, count: outputCount)
        for m in 0..<outputCount {
            z[m] = c[m]
            for j in 0..<hiddenCount { z[m] += h[j] * v[j][m] }
        }
        let largest = z.max() ?? 0
        var total = 0.0
        var y = [Double](repeating: 0, count: outputCount)
        for m in 0..<outputCount {
            y[m] = exp(z[m] - largest)
            total += y[m]
        }
        for m in 0..<outputCount { y[m] /= total }
        return (h, y)
    }

    /// Loss and gradients for one input and its one-hot target.
    public func gradients(x: [Double], target: [Double]) -> Gradients {
        let (h, y) = forward(x)
        var loss = 0.0
        for m in 0..<outputCount where target[m] != 0 { loss -= target[m] * log(y[m]) }
        var zGrad = [Double](repeating: 0, count: outputCount)
        for m in 0..<outputCount { zGrad[m] = y[m] - target[m] }
        var vGrad = [[Double]](repeating: [Double](repeating: 0, count: outputCount), count: hiddenCount)
        var hGrad = [Double](repeating: 0, count: hiddenCount)
        for j in 0..<hiddenCount {
            for m in 0..<outputCount {
                vGrad[j][m] = h[j] * zGrad[m]
                hGrad[j] += zGrad[m] * v[j][m]
            }
        }
        var kGrad = [Double](repeating: 0, count: hiddenCount)
        for j in 0..<hiddenCount { kGrad[j] = hGrad[j] * h[j] * (1 - h[j]) }
        var wGrad = [[Double]](repeating: [Double](repeating: 0, count: hiddenCount), count: inputCount)
        for i in 0..<inputCount {
            for j in 0..<hiddenCount { wGrad[i][j] = x[i] * kGrad[j] }
        }
        return Gradients(w: wGrad, b: kGrad, v: vGrad, c: zGrad, loss: loss)
    }

    /// Summed gradients over a batch (report 004 sums, it does not average).
    public func gradients(inputs: [[Double]], targets: [[Double]]) -> Gradients {
        var total = Gradients(
            w: w.map { $0.map { _ in 0 } }, b: b.map { _ in 0 }, v: v.map { $0.map { _ in 0 } }, c: c.map { _ in 0 },
            loss: 0)
        for (x, t) in zip(inputs, targets) {
            let g = gradients(x: x, target: t)
            total.loss += g.loss
            for i in 0..<inputCount { for j in 0..<hiddenCount { total.w[i][j] += g.w[i][j] } }
            for j in 0..<hiddenCount {
                total.b[j] += g.b[j]
                for m in 0..<outputCount { total.v[j][m] += g.v[j][m] }
            }
            for m in 0..<outputCount { total.c[m] += g.c[m] }
        }
        return total
    }

    /// One gradient-descent step: every weight minus `learningRate` times its gradient.
    public mutating func step(_ g: Gradients, learningRate: Double) {
        for i in 0..<inputCount { for j in 0..<hiddenCount { w[i][j] -= learningRate * g.w[i][j] } }
        for j in 0..<hiddenCount {
            b[j] -= learningRate * g.b[j]
            for m in 0..<outputCount { v[j][m] -= learningRate * g.v[j][m] }
        }
        for m in 0..<outputCount { c[m] -= learningRate * g.c[m] }
    }
}
