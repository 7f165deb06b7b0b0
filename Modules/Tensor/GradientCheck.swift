/// Central-difference gradients in Double, the reference every analytic backward is checked
/// against (as `torch.autograd.gradcheck`): the tests use it for every layer, loss and op. `GradientCheck.check(_:input:)` (in Layers)
/// checks a whole module.
public enum GradientCheck {
    /// ∂f/∂x by central differences: (f(x + h·e_i) − f(x − h·e_i)) / 2h for every element i.
    public static func numericalGradient(
        at x: Tensor<Double>, step h: Double = 1e-6, _ f: (Tensor<Double>) throws -> Double
    ) rethrows -> Tensor<Double> {
        var gradient = Tensor<Double>.zeros(x.shape)
        var probe = x
        for i in 0..<x.count {
            let original = x.scalars[i]
            probe.withUnsafeMutableBufferPointer { $0[i] = original + h }
            let plus = try f(probe)
            probe.withUnsafeMutableBufferPointer { $0[i] = original - h }
            let minus = try f(probe)
            probe.withUnsafeMutableBufferPointer { $0[i] = original }
            gradient.withUnsafeMutableBufferPointer { $0[i] = (plus - minus) / (2 * h) }
        }
        return gradient
    }

    /// max|a − b| / max(max|a|, max|b|, 1e-3): a relative error that stays meaningful when gradients are tiny.
    public static func relativeError(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Double {
        guard a.shape == b.shape else { return .infinity }
        let difference = zip(a.scalars, b.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
        let scale = Swift.max(a.scalars.map(Swift.abs).max() ?? 0, b.scalars.map(Swift.abs).max() ?? 0, 1e-3)
        return difference / scale
    }

    /// A tensor of `shape` with values from a fixed linear congruential sequence in [-1, 1), so a
    /// check needs no random source.
    public static func sample(_ shape: [Int], seed: UInt64 = 1) -> Tensor<Double> {
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let values = (0..<shape.reduce(1, *)).map { _ -> Double in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        return try! Tensor(shape: shape, scalars: values)
    }
}
