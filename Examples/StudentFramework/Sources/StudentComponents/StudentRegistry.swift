import Backprop

/// Backprop's registry with the student's components in place of the built-ins: `StudentLinear`
/// in the "linear" slot and `StudentSGD` in the "sgd" slot, or with `broken`, `ForgetfulSGD`.
public func studentRegistry(broken: Bool = false) -> ComponentRegistry {
    var registry = ComponentRegistry.standard
    registry.register(layer: "linear", settings: ComponentRegistry.linearSettings) { context in
        guard context.inputShape.count == 1 else { throw context.settings.error("StudentLinear takes flat examples, got \(context.inputShape)") }
        guard try context.settings.flag("bias") else { throw context.settings.error("StudentLinear always has a bias") }
        let (inputs, outputs) = (context.inputShape[0], try context.outputFeatures())
        return StudentLinear(
            inputs: inputs, outputs: outputs,
            initializer: try context.weightInitializer(for: [outputs, inputs], fanIn: inputs, fanOut: outputs), random: context.random)
    }
    if broken {
        registry.register(optimizer: "sgd", settings: StudentSGD.settings) { try ForgetfulSGD(parameters: $0, settings: $1) }
    } else {
        registry.register(optimizer: "sgd", settings: StudentSGD.settings) { try StudentSGD(parameters: $0, settings: $1) }
    }
    return registry
}
