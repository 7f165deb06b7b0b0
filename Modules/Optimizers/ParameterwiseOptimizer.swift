import TensorCore

/// The base for optimizers whose update treats each parameter on its own: subclasses name their
/// per-parameter state slots (each a zero tensor of the parameter's shape) and override
/// `update(_:state:step:)`. State is kept in an array parallel to `parameters` (no look-ups per
/// step); `state(for:)` finds it by parameter identity.
open class ParameterwiseOptimizer<Scalar: TensorScalar>: Optimizer {
    public let parameters: [Parameter<Scalar>]
    public var learningRate: Double
    /// How many steps have been taken (1 during the first `update`).
    public private(set) var stepCount = 0
    /// State tensors per parameter, in the order of `slotNames`.
    public private(set) var states: [[Tensor<Scalar>]]
    public let slotNames: [String]

    /// - Parameters:
    ///   - parameters: what to update.
    ///   - learningRate: η.
    ///   - slotNames: the state tensors kept per parameter ("momentum_buffer"), zero-filled.
    public init(parameters: [Parameter<Scalar>], learningRate: Double, slotNames: [String]) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.slotNames = slotNames
        states = parameters.map { parameter in slotNames.map { _ in Tensor.zeros(parameter.value.shape) } }
    }

    /// Updates `parameter.value` in place from `parameter.grad`; `step` counts from 1. `step()` has
    /// checked that the gradient has the parameter's shape.
    open func update(_ parameter: Parameter<Scalar>, state: inout [Tensor<Scalar>], step: Int) throws {
        preconditionFailure("\(type(of: self)) must override update(_:state:step:)")
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func step() throws {
        for parameter in parameters where parameter.grad.shape != parameter.value.shape {
            let optimizer = String(describing: type(of: self)).prefix { $0 != "<" }
            throw TensorError.shapeMismatch(
                operation: "\(optimizer).step (gradient vs parameter \(parameter.name))", lhs: parameter.grad.shape,
                rhs: parameter.value.shape)
        }
        stepCount += 1
        for index in parameters.indices {
            try update(parameters[index], state: &states[index], step: stepCount)
        }
    }

    /// The state tensors of `parameter`, found by identity.
    public func state(for parameter: Parameter<Scalar>) -> [Tensor<Scalar>]? {
        parameters.firstIndex { $0 === parameter }.map { states[$0] }
    }

    public func stateDict() -> [(name: String, tensor: Tensor<Scalar>)] {
        var entries = [(name: "step", tensor: Tensor<Scalar>([Scalar(stepCount)]))]
        for (index, slots) in states.enumerated() {
            for (slot, tensor) in zip(slotNames, slots) { entries.append((name: "\(index).\(slot)", tensor: tensor)) }
        }
        return entries
    }

    public func loadStateDict(_ state: [String: Tensor<Scalar>]) throws {
        guard let step = state["step"]?.scalars.first else { throw OptimizerError.missingState(name: "step") }
        var restored = states
        for index in states.indices {
            for (slotIndex, slot) in slotNames.enumerated() {
                let name = "\(index).\(slot)"
                guard let tensor = state[name] else { throw OptimizerError.missingState(name: name) }
                guard tensor.shape == parameters[index].value.shape else {
                    throw OptimizerError.stateShapeMismatch(
                        name: name, found: tensor.shape, expected: parameters[index].value.shape)
                }
                restored[index][slotIndex] = tensor
            }
        }
        states = restored
        stepCount = Int(step)
    }
}
