import Backprop

/// A fully connected layer written the way the reports' authors wrote theirs: y = x·Wᵀ + b with
/// plain loops over arrays, no BLAS. Weight [out, in] and bias [out], initialised as Backprop's
/// `Linear` is (the recipe's weight scheme; PyTorch's uniform bias with the PyTorch default, else zeros),
/// so a faithful implementation starts from the same numbers.
public final class StudentLinear: Module {
    public let weight: Parameter<Float>
    public let bias: Parameter<Float>
    public var isTraining = true
    private let inputs: Int, outputs: Int
    private var input: [Float] = []

    public init(inputs: Int, outputs: Int, initializer: Initializer, random: RandomSource) {
        (self.inputs, self.outputs) = (inputs, outputs)
        weight = Parameter(initializer.make([outputs, inputs], fanIn: inputs, fanOut: outputs, random: random), name: "weight")
        let biasScheme: Initializer = { if case .pytorchDefault = initializer { return .pytorchDefault }; return .zeros }()
        bias = Parameter(biasScheme.make([outputs], fanIn: inputs, fanOut: outputs, random: random), name: "bias")
    }

    public var parameters: [Parameter<Float>] { [weight, bias] }

    public func forward(_ x: Tensor<Float>) throws -> Tensor<Float> {
        guard x.rank == 2, x.shape[1] == inputs else {
            throw TensorError.shapeMismatch(operation: "StudentLinear.forward", lhs: x.shape, rhs: [-1, inputs])
        }
        let rows = x.shape[0], w = weight.value.scalars, b = bias.value.scalars
        input = x.scalars
        var y = [Float](repeating: 0, count: rows * outputs)
        for n in 0..<rows {
            for o in 0..<outputs {
                var sum: Float = 0
                for i in 0..<inputs { sum += input[n * inputs + i] * w[o * inputs + i] }
                y[n * outputs + o] = sum + b[o]
            }
        }
        return try Tensor(shape: [rows, outputs], scalars: y)
    }

    public func backward(_ outputGradient: Tensor<Float>) throws -> Tensor<Float> {
        let rows = input.count / inputs
        guard outputGradient.shape == [rows, outputs] else {
            throw TensorError.shapeMismatch(operation: "StudentLinear.backward", lhs: outputGradient.shape, rhs: [rows, outputs])
        }
        let g = outputGradient.scalars, w = weight.value.scalars
        var weightGradient = weight.grad.scalars, biasGradient = bias.grad.scalars
        var inputGradient = [Float](repeating: 0, count: rows * inputs)
        for n in 0..<rows {
            for o in 0..<outputs {
                let go = g[n * outputs + o]
                biasGradient[o] += go
                for i in 0..<inputs {
                    weightGradient[o * inputs + i] += go * input[n * inputs + i]
                    inputGradient[n * inputs + i] += go * w[o * inputs + i]
                }
            }
        }
        weight.grad = try Tensor(shape: [outputs, inputs], scalars: weightGradient)
        bias.grad = try Tensor(shape: [outputs], scalars: biasGradient)
        return try Tensor(shape: [rows, inputs], scalars: inputGradient)
    }
}
