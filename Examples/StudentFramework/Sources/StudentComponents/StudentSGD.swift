import Backprop

/// Stochastic gradient descent with momentum, written from the formulas of report 001: the
/// velocity form v ← γ·v + η·g, w ← w − v, or PyTorch's b ← μ·b + g, w ← w − η·b.
/// One velocity array per parameter, kept from step to step.
public class StudentSGD: Optimizer {
    public let parameters: [Parameter<Float>]
    public var learningRate: Double
    public let momentum: Double
    public let velocityForm: Bool
    var velocities: [[Float]]

    /// The settings it takes besides the learning rate; a recipe that asks for any other (weight
    /// decay, Nesterov) is refused by the registry, naming these.
    public static let settings: [Setting] = [
        .number("momentum", default: 0, in: .nonNegative, "γ, the share of the velocity kept"),
        .choice("momentumForm", default: MomentumForm.pytorch, "velocity: v ← γ·v + η·g; pytorch: b ← μ·b + g"),
    ]

    /// Takes the settings the registry checked against `settings`.
    public init(parameters: [Parameter<Float>], settings: ComponentSettings) throws {
        self.parameters = parameters
        learningRate = try settings.number("learningRate")
        momentum = try settings.number("momentum")
        velocityForm = try settings.choice("momentumForm", as: MomentumForm.self) == .velocity
        velocities = parameters.map { [Float](repeating: 0, count: $0.value.count) }
    }

    /// The velocity the update of parameter `index` starts from.
    func velocity(of index: Int) -> [Float] { velocities[index] }

    public func step() throws {
        let rate = Float(learningRate), mu = Float(momentum)
        for (index, parameter) in parameters.enumerated() {
            var w = parameter.value.scalars, v = velocity(of: index)
            let g = parameter.grad.scalars
            for i in w.indices {
                if velocityForm {
                    v[i] = mu * v[i] + rate * g[i]
                    w[i] -= v[i]
                } else {
                    v[i] = mu * v[i] + g[i]
                    w[i] -= rate * v[i]
                }
            }
            velocities[index] = v
            parameter.value = try Tensor(shape: parameter.value.shape, scalars: w)
        }
    }

    public func stateDict() -> [(name: String, tensor: Tensor<Float>)] {
        velocities.enumerated().map { ("\($0.offset).velocity", Tensor($0.element)) }
    }

    public func loadStateDict(_ state: [String: Tensor<Float>]) throws {
        for index in velocities.indices {
            guard let saved = state["\(index).velocity"] else { throw OptimizerError.missingState(name: "\(index).velocity") }
            velocities[index] = saved.scalars
        }
    }
}

/// The classic bug: the velocity is started from zero at every step instead of being kept, so
/// momentum never builds up and training runs at a tenth of the intended speed (γ = 0.9).
public final class ForgetfulSGD: StudentSGD {
    override func velocity(of index: Int) -> [Float] { [Float](repeating: 0, count: velocities[index].count) }
}
