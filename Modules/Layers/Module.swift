import TensorCore

/// A building block of a network with a hand-written forward and backward pass.
///
/// `forward` caches what `backward` needs; `backward` receives ∂loss/∂output, adds the
/// parameter gradients into each `Parameter.grad`, and returns ∂loss/∂input. Parameters are
/// listed explicitly in `parameters` (own ones only); `children` lists sub-modules, so the
/// recursive helpers (`allParameters()`, `namedParameters()`, `train()`, `eval()`, …) work for
/// any module, including a user's own.
public protocol Module<Scalar>: AnyObject {
    associatedtype Scalar: TensorScalar

    /// The output for `input`, keeping what `backward` needs.
    /// - Parameter input: a batch, [N, …].
    /// - Throws: `TensorError` when the input's shape does not fit the module.
    func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar>
    /// Adds the parameter gradients into each `Parameter.grad` and returns ∂loss/∂input.
    /// - Parameter outputGradient: ∂loss/∂output, shaped like the last forward's output.
    /// - Throws: `ModuleError.backwardBeforeForward` without a forward, `TensorError` on a shape mismatch.
    func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar>

    /// This module's own trainable parameters (not its children's).
    var parameters: [Parameter<Scalar>] { get }
    /// Non-trainable state saved with the model (BatchNorm's running statistics).
    var buffers: [Parameter<Scalar>] { get }
    /// Direct sub-modules, in order.
    var children: [any Module<Scalar>] { get }
    /// Direct sub-modules with their names, which parameter paths and the printed form use. By
    /// default `children` named by position ("0", "1", …), as PyTorch's `Sequential` names them; a
    /// module with named parts returns them here ("encoder", "decoder").
    var namedChildren: [(name: String, module: any Module<Scalar>)] { get }
    /// This module's settings in one line ("inputFeatures: 784, outputFeatures: 256, bias: true"),
    /// printed after its type name, like PyTorch's `extra_repr`. Empty by default.
    var settingsDescription: String { get }
    /// Training mode (dropout active, batch statistics) versus evaluation mode.
    var isTraining: Bool { get set }
    /// The name shown by `summary()` ("Linear", "ReLU").
    var typeName: String { get }
    /// Backward for the parameter gradients only, when nobody needs ∂loss/∂input (the first
    /// layer of a network). The default runs `backward` and drops its result.
    /// - Parameter outputGradient: ∂loss/∂output.
    /// - Throws: as `backward`.
    func accumulateGradients(_ outputGradient: Tensor<Scalar>) throws
    /// Forward for inference only, as under PyTorch's `no_grad`: the result replaces `x`, whose
    /// storage may be reused, and nothing is kept for `backward`. The default calls `forward`.
    func infer(_ x: inout Tensor<Scalar>) throws
}

extension Module {
    public var parameters: [Parameter<Scalar>] { [] }
    public var buffers: [Parameter<Scalar>] { [] }
    public var children: [any Module<Scalar>] { [] }
    public var namedChildren: [(name: String, module: any Module<Scalar>)] {
        children.enumerated().map { ("\($0.offset)", $0.element) }
    }
    public var settingsDescription: String { "" }

    /// The module as PyTorch prints one: its type and settings, then its named children indented
    /// below, one per line (`Sequential` and the built-in layers print this way with `print`).
    public var moduleDescription: String {
        let head = "\(typeName)(\(settingsDescription)"
        let parts = namedChildren
        guard !parts.isEmpty else { return head + ")" }
        let lines = parts.map {
            "  (\($0.name)): " + $0.module.moduleDescription.replacingOccurrences(of: "\n", with: "\n  ")
        }
        return head + "\n" + lines.joined(separator: "\n") + "\n)"
    }

    public func accumulateGradients(_ outputGradient: Tensor<Scalar>) throws {
        _ = try backward(outputGradient)
    }

    public func infer(_ x: inout Tensor<Scalar>) throws { x = try forward(x) }

    public func callAsFunction(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> { try forward(input) }

    /// Every parameter of this module and its descendants, depth first, own parameters first.
    public func allParameters() -> [Parameter<Scalar>] {
        parameters + children.flatMap { $0.allParameters() }
    }

    /// Parameters with dotted paths ("0.weight", "encoder.bias"), children named by `namedChildren`.
    public func namedParameters() -> [(name: String, parameter: Parameter<Scalar>)] {
        named(\.parameters, recursive: { $0.namedParameters() })
    }

    /// Buffers with dotted paths, like `namedParameters()`.
    public func namedBuffers() -> [(name: String, parameter: Parameter<Scalar>)] {
        named(\.buffers, recursive: { $0.namedBuffers() })
    }

    private func named(
        _ own: KeyPath<Self, [Parameter<Scalar>]>,
        recursive: (any Module<Scalar>) -> [(name: String, parameter: Parameter<Scalar>)]
    ) -> [(name: String, parameter: Parameter<Scalar>)] {
        let mine = self[keyPath: own].enumerated().map { index, parameter in
            (name: parameter.name.isEmpty ? "\(index)" : parameter.name, parameter: parameter)
        }
        let theirs = namedChildren.flatMap { name, child in
            recursive(child).map { (name: "\(name).\($0.name)", parameter: $0.parameter) }
        }
        return mine + theirs
    }

    /// Clears the gradients of every parameter, recursively.
    public func zeroGrad() {
        for parameter in allParameters() { parameter.zeroGrad() }
    }

    /// Switches this module and all descendants to training mode.
    public func train() {
        isTraining = true
        for child in children { child.train() }
    }

    /// Switches this module and all descendants to evaluation mode.
    public func eval() {
        isTraining = false
        for child in children { child.eval() }
    }

    /// The number of trainable scalars.
    public var parameterCount: Int { allParameters().reduce(0) { $0 + $1.value.count } }

    /// By default the type's name without generic arguments ("Linear", not "Linear<Float>").
    public var typeName: String {
        let full = String(describing: type(of: self))
        return full.firstIndex(of: "<").map { String(full[..<$0]) } ?? full
    }
}

/// Errors a module raises about the order of calls or its configuration.
public enum ModuleError: Error, CustomStringConvertible, Equatable {
    case backwardBeforeForward(module: String)
    case invalidConfiguration(module: String, message: String)

    public var description: String {
        switch self {
        case .backwardBeforeForward(let module): return "\(module).backward called before forward"
        case .invalidConfiguration(let module, let message): return "\(module): \(message)"
        }
    }
}
