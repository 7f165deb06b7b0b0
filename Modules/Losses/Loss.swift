import TensorCore

/// A training objective: its value for a batch of predictions and its gradient with respect to them.
///
/// Targets come either as class indices (shape [N], for predictions [N, C]) or densely
/// (one-hot or real-valued, the predictions' own shape). A user's loss conforms the same way.
public protocol Loss<Scalar> {
    associatedtype Scalar: TensorScalar
    /// The loss and ∂loss/∂predicted.
    /// - Parameters:
    ///   - predicted: the model's outputs, [N, C] (or [N] for one output).
    ///   - target: class indices [N], or dense targets of the predictions' shape.
    /// - Throws: `TensorError` when the shapes do not fit together.
    func evaluate(predicted: Tensor<Scalar>, target: Tensor<Scalar>) throws -> (value: Scalar, gradient: Tensor<Scalar>)
    /// Whether the value is a batch mean or a batch sum (so loops can report a per-example loss either way).
    var reduction: Reduction { get }
    /// What targets the loss compares with: class indices (the default) or dense values.
    var targets: LossTargets { get }
}

/// The targets a loss takes, which decides how a training loop encodes a dataset's labels.
public enum LossTargets: Sendable {
    /// Class indices [N] against predictions [N, C] (cross-entropies, NLL).
    case classIndices
    /// Values of the predictions' own shape: one-hot rows for several outputs, the label itself
    /// for one (MSE, the Euclidean loss).
    case values
}

extension Loss {
    public var reduction: Reduction { .mean }
    public var targets: LossTargets { .classIndices }

    /// The loss alone.
    public func value(predicted: Tensor<Scalar>, target: Tensor<Scalar>) throws -> Scalar {
        try evaluate(predicted: predicted, target: target).value
    }
}

/// How per-sample losses are combined over a batch.
public enum Reduction: String, StringChoice {
    /// Divided by the batch size (by the element count for `MSELoss`).
    case mean
    /// Added up: the gradient is not divided by the batch size.
    case sum

    /// The factor a batch total is multiplied by: 1/`count` for `.mean`, 1 for `.sum`.
    @inlinable
    public func scale<Scalar: TensorScalar>(count: Int) -> Scalar {
        self == .mean ? 1 / Scalar(Swift.max(count, 1)) : 1
    }
}

/// Errors a loss raises about its inputs.
public enum LossError: Error, CustomStringConvertible, Equatable {
    case labelOutOfRange(label: Double, classes: Int)

    public var description: String {
        switch self {
        case .labelOutOfRange(let label, let classes):
            return "target label \(label) is not a class index in 0..<\(classes)"
        }
    }
}

/// Turns either target form into a dense [N, C] tensor matching `predicted`.
public enum Targets {
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func dense<Scalar>(_ target: Tensor<Scalar>, like predicted: Tensor<Scalar>) throws -> Tensor<Scalar>
    {
        if target.shape == predicted.shape { return target }
        guard predicted.rank == 2, target.count == predicted.shape[0],
            target.rank <= 1 || target.shape == [predicted.shape[0], 1]
        else {
            throw TensorError.shapeMismatch(
                operation: "loss target (class indices [N] or the prediction's shape)", lhs: predicted.shape,
                rhs: target.shape)
        }
        let classes = predicted.shape[1]
        var oneHot = Tensor<Scalar>.zeros(predicted.shape)
        try oneHot.withUnsafeMutableBufferPointer { buffer in
            for (row, label) in target.scalars.enumerated() {
                guard let index = Int(exactly: label), (0..<classes).contains(index) else {
                    throw LossError.labelOutOfRange(label: Double(label), classes: classes)
                }
                buffer[row * classes + index] = 1
            }
        }
        return oneHot
    }
}
