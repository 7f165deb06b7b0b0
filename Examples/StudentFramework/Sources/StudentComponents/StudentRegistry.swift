import Backprop

/// Backprop's registry with the student's components in place of the built-ins: `StudentLinear`
/// in the "linear" slot and `StudentSGD` in the "sgd" slot, or with `broken`, `ForgetfulSGD`.
public func studentRegistry(broken: Bool = false) -> ComponentRegistry {
    var registry = ComponentRegistry.standard
    registry.register(layer: "linear", settings: ComponentRegistry.linearSettings) { context in
        guard context.inputShape.count == 1 else { throw context.settings.error("StudentLinear takes flat examples, got \(context.inputShape)") }
        guard try context.settings.flag("bias", default: true) else { throw context.settings.error("StudentLinear always has a bias") }
        return StudentLinear(
            inputs: context.inputShape[0], outputs: try context.settings.positiveInteger("out"),
            initializer: try context.weightInitializer(), random: context.random)
    }
    if broken {
        registry.register(optimizer: "sgd") { try ForgetfulSGD(parameters: $0, spec: $1) }
    } else {
        registry.register(optimizer: "sgd") { try StudentSGD(parameters: $0, spec: $1) }
    }
    return registry
}
