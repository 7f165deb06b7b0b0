import TensorCore

/// A module's backward against central differences: the relative errors of the input gradient and
/// of every parameter gradient (`GradientCheck.relativeError`).
public struct ModuleGradientErrors {
    public let input: Double
    /// By parameter path ("weight", "0.bias").
    public let parameters: [(name: String, error: Double)]
    /// The largest of all the errors.
    public var worst: Double { ([input] + parameters.map(\.error)).max() ?? input }
}

extension GradientCheck {
    /// Checks `module`'s backward on `input` against central differences of L = Σ(forward(x) ⊙ G)
    /// for a fixed upstream gradient G (by default `sample` of the output's shape): for the input
    /// and for every parameter, as `torch.autograd.gradcheck` does.
    /// - Parameters:
    ///   - module: the module, in Double; its parameter values are restored afterwards.
    ///   - input: where to check.
    ///   - upstream: G; nil for a fixed pseudo-random one.
    ///   - step: the central-difference step h.
    /// - Throws: whatever the module's forward or backward throws.
    public static func check(
        _ module: some Module<Double>, input: Tensor<Double>, upstream: Tensor<Double>? = nil, step: Double = 1e-6
    ) throws -> ModuleGradientErrors {
        let upstream = try upstream ?? sample(module.forward(input).shape, seed: 99)
        func loss() throws -> Double { try (module.forward(input) * upstream).sum() }
        module.zeroGrad()
        _ = try module.forward(input)
        let inputGradient = try module.backward(upstream)
        let analytic = module.namedParameters().map { ($0.name, $0.parameter, $0.parameter.grad) }
        let numericInput = try numericalGradient(at: input, step: step) { try (module.forward($0) * upstream).sum() }
        var parameters: [(name: String, error: Double)] = []
        for (name, parameter, gradient) in analytic {
            let original = parameter.value
            defer { parameter.value = original }
            let numeric = try numericalGradient(at: original, step: step) { probe in
                parameter.value = probe
                return try loss()
            }
            parameters.append((name, relativeError(gradient, numeric)))
        }
        return ModuleGradientErrors(input: relativeError(inputGradient, numericInput), parameters: parameters)
    }
}
