import TensorCore

/// Updates a list of parameters from their accumulated gradients.
///
/// Optimizers take parameters, not a model, so the same optimizer serves explicit-backward
/// layers, autograd graphs and a user's own code. The training loop sets `learningRate`
/// (from a schedule) before calling `step()`.
public protocol Optimizer<Scalar>: AnyObject {
    associatedtype Scalar: TensorScalar
    /// The parameters it updates, in order.
    var parameters: [Parameter<Scalar>] { get }
    /// The current rate; schedules set it between epochs.
    var learningRate: Double { get set }
    /// Applies one update to every parameter from its gradient.
    /// - Throws: `TensorError` when a gradient's shape differs from its parameter's.
    func step() throws
    /// The optimizer's state (moment buffers, step count) by name, for checkpoints.
    func stateDict() -> [(name: String, tensor: Tensor<Scalar>)]
    /// Restores state saved by `stateDict()`.
    /// - Parameter state: the saved tensors by name.
    /// - Throws: when a name is missing or a shape differs.
    func loadStateDict(_ state: [String: Tensor<Scalar>]) throws
}

extension Optimizer {
    /// Clears every parameter's gradient.
    public func zeroGrad() {
        for parameter in parameters { parameter.zeroGrad() }
    }
}

/// Errors raised when optimizer state does not fit the parameters.
public enum OptimizerError: Error, CustomStringConvertible, Equatable {
    case missingState(name: String)
    case stateShapeMismatch(name: String, found: [Int], expected: [Int])

    public var description: String {
        switch self {
        case .missingState(let name): return "optimizer state \"\(name)\" is missing"
        case .stateShapeMismatch(let name, let found, let expected):
            return "optimizer state \"\(name)\" has shape \(found), expected \(expected)"
        }
    }
}
