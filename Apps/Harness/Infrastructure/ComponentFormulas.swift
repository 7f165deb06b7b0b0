import Backprop

/// What a component computes, as the reports' descriptive tables print it: name, formula and
/// derivative in LaTeX, and range. The tables are built from these and the framework's own
/// types, so they show what the code does rather than what someone typed.
public struct ComponentDocumentation: Sendable, Equatable {
    /// The name in tables ("ReLU", "MSE").
    public let name: String
    /// The forward rule, in LaTeX.
    public let formula: String
    /// The derivative, in LaTeX (empty where it does not apply).
    public let derivative: String
    /// The output range or another short property ("[0, +∞)").
    public let range: String

    /// - Parameters:
    ///   - name: as the tables show it.
    ///   - formula: the forward rule, in LaTeX.
    ///   - derivative: the derivative, in LaTeX.
    ///   - range: the output range or another short property.
    public init(name: String, formula: String, derivative: String = "", range: String = "") {
        (self.name, self.formula, self.derivative, self.range) = (name, formula, derivative, range)
    }
}

/// A component type the reports' tables describe (a user's type in the same slot can adopt it).
public protocol Documented {
    /// The component's name, formula, derivative and range.
    static var documentation: ComponentDocumentation { get }
}

/// A learning-rate schedule with its rule in LaTeX, for report 000's Table 3.
public protocol ScheduleFormula {
    /// The rule, in LaTeX.
    var formula: String { get }
}

extension ReLUFunction: Documented {
    public static let documentation = ComponentDocumentation(
        name: name, formula: #"\Phi(x) = \max(0, x)"#,
        derivative: #"\Phi'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}"#, range: "[0, +∞)")
}

extension SigmoidFunction: Documented {
    public static let documentation = ComponentDocumentation(
        name: name, formula: #"\Phi(x) = \frac{1}{1 + e^{-x}}"#,
        derivative: #"\Phi'(x) = \Phi(x)(1 - \Phi(x))"#, range: "(0, 1)")
}

extension TanhFunction: Documented {
    public static let documentation = ComponentDocumentation(
        name: name, formula: #"\Phi(x) = \frac{e^x - e^{-x}}{e^x + e^{-x}}"#,
        derivative: #"\Phi'(x) = 1 - \Phi^2(x)"#, range: "(-1, 1)")
}

extension Softmax: Documented {
    public static var documentation: ComponentDocumentation {
        ComponentDocumentation(
            name: "Softmax", formula: #"\Phi_j(z) = \frac{e^{z_j - z_k}}{\sum_i e^{z_i - z_k}}"#,
            derivative:
                #"\frac{\partial \Phi_i}{\partial z_j} = \begin{cases} \Phi_i(1 - \Phi_j) & i = j \\ -\Phi_i \Phi_j & i \neq j \end{cases}"#,
            range: "(0, 1), rows sum to 1")
    }
}

extension MSELoss: Documented {
    public static var documentation: ComponentDocumentation {
        ComponentDocumentation(
            name: "MSE", formula: #"\mathcal{L}(w) = \frac{1}{N} \sum_{n=1}^{N} (y_n - f(x_n; w))^2"#,
            derivative: #"\frac{\partial \mathcal{L}}{\partial f(x_n; w)} = \frac{2}{N} (f(x_n; w) - y_n)"#)
    }
}

extension CrossEntropyLoss: Documented {
    public static var documentation: ComponentDocumentation {
        ComponentDocumentation(
            name: "Cross Entropy", formula: #"\mathcal{L}(y, p) = -\sum_{i} y_{i} \log(p_{i})"#,
            derivative: #"\frac{\partial \mathcal{L}}{\partial p_i} = -\frac{y_i}{p_i}"#)
    }
}

extension ConstantSchedule: ScheduleFormula {
    public var formula: String { #"lr_i = lr_0"# }
}

extension StepDecaySchedule: ScheduleFormula {
    public var formula: String {
        #"lr_i = lr_0 \times \text{decay\_rate}^{\lfloor i / \text{step\_decay\_length} \rfloor}"#
    }
}

extension ExponentialDecaySchedule: ScheduleFormula {
    public var formula: String { #"lr_i = lr_0 \times \exp(-i \times \text{decay\_rate})"# }
}

extension InverseTimeDecaySchedule: ScheduleFormula {
    public var formula: String { #"lr_i = lr_0 / (1 + i \times \text{decay\_rate})"# }
}
