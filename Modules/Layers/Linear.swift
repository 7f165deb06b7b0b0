import Randomness
import TensorCore

/// A fully connected layer, Y = X·Wᵀ + b, for a batch X of shape [N, inputFeatures].
///
/// The weight is stored [outputFeatures, inputFeatures], as in PyTorch, so checkpoints load
/// there unchanged; Y = XW + b written with W [in, out] uses its transpose. Backward:
/// ∂X = G·W, ∂W = Gᵀ·X, ∂b = column sums of G.
public final class Linear<Scalar: TensorScalar>: Module {
    public let weight: Parameter<Scalar>
    public let bias: Parameter<Scalar>?
    public let inputFeatures: Int
    public let outputFeatures: Int
    public var isTraining = true
    private var input: Tensor<Scalar>?
    /// The memory each step's output and input gradient are written into.
    private var outputs = TensorWorkspace<Scalar>(), inputGradients = TensorWorkspace<Scalar>()

    /// - Parameters:
    ///   - inputFeatures: the width of each input example (> 0).
    ///   - outputFeatures: the width of each output (> 0).
    ///   - hasBias: whether y = x·Wᵀ + b or y = x·Wᵀ.
    ///   - weightInitializer: how W [out, in] is drawn (PyTorch's default when omitted).
    ///   - biasInitializer: how b is drawn; nil for `weightInitializer.defaultBias`.
    ///   - random: the source the weights are drawn from.
    public init(
        inputFeatures: Int, outputFeatures: Int, hasBias: Bool = true,
        weightInitializer: Initializer = .pytorchDefault, biasInitializer: Initializer? = nil,
        random: RandomSource
    ) {
        // As PyTorch's ValueError; the registry checks recipe values before they get here.
        precondition(
            inputFeatures > 0 && outputFeatures > 0,
            "Linear: features must be positive, got \(inputFeatures) → \(outputFeatures)")
        self.inputFeatures = inputFeatures
        self.outputFeatures = outputFeatures
        weight = Parameter(
            weightInitializer.make(
                [outputFeatures, inputFeatures], fanIn: inputFeatures, fanOut: outputFeatures, random: random),
            name: "weight")
        let biasScheme = biasInitializer ?? weightInitializer.defaultBias
        bias =
            hasBias
            ? Parameter(
                biasScheme.make([outputFeatures], fanIn: inputFeatures, fanOut: outputFeatures, random: random),
                name: "bias")
            : nil
    }

    public var parameters: [Parameter<Scalar>] { [weight] + (bias.map { [$0] } ?? []) }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        try checkInput(input)
        let output = try outputs.tensor([input.shape[0], outputFeatures]) { output in
            try Tensor.gemm(input, weight.value, transposeB: true, into: &output)
            if let bias { try output.addToEveryRow(bias.value) }
        }
        self.input = input
        return output
    }

    /// Forward without keeping the input for backward.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func infer(_ x: inout Tensor<Scalar>) throws {
        try inferWithoutBias(&x)
        // The bias is added after the product, not preloaded into the GEMM (beta = 1): OpenBLAS then
        // adds its K-blocks onto b in another order, and results would change in the last bits.
        if let bias { try x.addToEveryRow(bias.value) }
    }

    /// x ← x·Wᵀ, for inference steps that add the bias in a later pass of their own.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func inferWithoutBias(_ x: inout Tensor<Scalar>) throws {
        try checkInput(x)
        x = try Tensor.matmul(x, weight.value, transposeB: true)
    }

    private func checkInput(_ x: Tensor<Scalar>) throws {
        guard x.rank == 2, x.shape[1] == inputFeatures else {
            throw TensorError.shapeMismatch(
                operation: "Linear(\(inputFeatures) → \(outputFeatures))", lhs: x.shape, rhs: [-1, inputFeatures])
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        try accumulateGradients(outputGradient)
        return try inputGradients.tensor([outputGradient.shape[0], inputFeatures]) {
            try Tensor.gemm(outputGradient, weight.value, into: &$0)
        }
    }

    /// ∂W += Gᵀ·X and ∂b += column sums of G; then the cached input is released, so the batch
    /// buffer it shares with the data loader can be refilled in place.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func accumulateGradients(_ outputGradient: Tensor<Scalar>) throws {
        guard let input else { throw ModuleError.backwardBeforeForward(module: "Linear") }
        guard outputGradient.shape == [input.shape[0], outputFeatures] else {
            throw TensorError.shapeMismatch(
                operation: "Linear.backward", lhs: outputGradient.shape, rhs: [input.shape[0], outputFeatures])
        }
        // After zeroGrad() the GEMM overwrites the gradient (beta = 0) instead of adding to zeros written first.
        try weight.accumulateGradient { gradient, overwrite in
            try Tensor.gemm(outputGradient, input, transposeA: true, beta: overwrite ? 0 : 1, into: &gradient)
        }
        if let bias { try bias.grad.addColumnSums(of: outputGradient) }
        self.input = nil
    }
}
