import TensorCore

/// A chain of modules applied in order; backward runs the chain in reverse.
public final class Sequential<Scalar: TensorScalar>: Module {
    public private(set) var layers: [any Module<Scalar>]
    public var isTraining = true

    /// - Parameter layers: the modules, applied in order.
    public init(_ layers: [any Module<Scalar>]) { self.layers = layers }

    /// - Parameter layers: the modules, applied in order.
    public convenience init(_ layers: any Module<Scalar>...) { self.init(layers) }

    public convenience init() { self.init([any Module<Scalar>]()) }

    public var children: [any Module<Scalar>] { layers }

    /// Adds a module at the end of the chain.
    public func append(_ layer: any Module<Scalar>) { layers.append(layer) }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        var x = input
        for layer in layers { x = try layer.forward(x) }
        return x
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func infer(_ x: inout Tensor<Scalar>) throws {
        var index = 0
        while index < layers.count { index += try inferStep(at: index, &x) }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Tensor<Scalar>) throws -> Tensor<Scalar> {
        var g = outputGradient
        for layer in layers.reversed() { g = try layer.backward(g) }
        return g
    }

    /// Backward through the chain without ∂loss/∂input: the first layer skips its input gradient.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func accumulateGradients(_ outputGradient: Tensor<Scalar>) throws {
        guard let first = layers.first else { return }
        var g = outputGradient
        for layer in layers.dropFirst().reversed() { g = try layer.backward(g) }
        try first.accumulateGradients(g)
    }
}
