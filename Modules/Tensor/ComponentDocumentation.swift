/// What a component computes, as data: its name, formula, derivative and range, kept beside the
/// code so that any table of components (the reproduction's included) says what the code does
/// rather than what someone typed.
public struct ComponentDocumentation: Sendable, Equatable {
    /// The name used in tables and registries ("ReLU", "MSE", "t_frac_decay").
    public let name: String
    /// The forward formula, in LaTeX.
    public let formula: String
    /// The derivative or update rule, in LaTeX (empty where it does not apply).
    public let derivative: String
    /// The output range or other short property ("[0, +∞)").
    public let range: String

    /// - Parameters:
    ///   - name: as tables and registries show it.
    ///   - formula: the forward rule, in LaTeX.
    ///   - derivative: the derivative or update rule, in LaTeX.
    ///   - range: the output range or another short property.
    public init(name: String, formula: String, derivative: String = "", range: String = "") {
        self.name = name
        self.formula = formula
        self.derivative = derivative
        self.range = range
    }
}

/// A component type that can describe itself for generated tables.
public protocol Documented {
    /// The component's name, formula, derivative and range.
    static var documentation: ComponentDocumentation { get }
}
