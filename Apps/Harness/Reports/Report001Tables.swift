import Backprop
import Foundation

/// Report 001's generated tables: the activation functions with their gradient checks, and the
/// weight initialisations with their empirical spreads.
extension Report001Hooks {
    /// Table 1: ReLU and Tanh from the activation registry, each backward checked against central differences.
    static func activationTable(_ input: ReportHookInput) throws {
        let document = input.document
        var rows: [[String]] = []
        let paper: [String: (formula: String, derivative: String)] = [
            "ReLU": ("f(x) = max(0, x)", "f'(x) = 1 if $x > 0$ and 0 otherwise"),
            "Tanh": (#"$f(x) = \frac{1 - e^{-2x}}{1 + e^{-2x}}$"#, #"$f'(x) = 1 - \tanh(x)^2$"#),
        ]
        for (doc, module) in [
            (ReLUFunction.documentation, ReLU<Double>() as any Module<Double>),
            (TanhFunction.documentation, Tanh<Double>()),
        ] {
            let error = try Descriptive.gradientCheckError(module)
            let printed = paper[doc.name]!
            rows.append([
                doc.name, "$\(doc.formula)$", "$\(doc.derivative)$", printed.formula, printed.derivative,
                String(format: "%.1e", error),
            ])
            document.requiring([]) {
                document.gate(
                    "Table 1", "\(doc.name) backward vs central differences", paper: printed.derivative,
                    measured: error, shown: String(format: "%.1e", error), tolerance: .atMost(1e-6))
            }
        }
        let relu = ReLU<Double>()
        let atZero = (try? relu.forward(Tensor([0.0])), try? relu.backward(Tensor([1.0])))
        document.requiring([]) {
            document.gate(
                "Table 1", "ReLU′(0)", paper: "0 (“0 otherwise”)", expected: 0,
                measured: atZero.1?.scalars.first, shown: formatted(atZero.1?.scalars.first, 0), tolerance: .exact)
        }
        try input.addTable(
            markdownTable(
                [
                    "Name", "Function (Backprop)", "Derivative (Backprop)", "Function (paper)", "Derivative (paper)",
                    "gradient check",
                ], rows))
    }

    /// Table 2: the three initialisations, with the std of 10⁴ draws against the expected one.
    static func initializationTable(_ input: ReportHookInput) throws {
        let document = input.document
        let random = RandomSource(seed: 1)
        let schemes: [(String, String, String, Initializer, String)] = [
            ("Default", "$w_{ij} = Uni(-a, a)$", "$a = 1/\\sqrt{l}$", .pytorchDefault, "U(±1/√l): std a/√3"),
            (
                "Xavier normal", "$w_{ij} = N(0, std^2)$", "$std = gain/\\sqrt{l+m}$", .xavierNormal(gain: 1),
                "N(0, (gain·√(2/(l+m)))²) (E001-8)"
            ),
            ("He", "$w_{ij} = N(0, std^2)$", "$std = gain/\\sqrt{l}$", .heNormal(gain: 1), "N(0, (gain/√l)²)"),
        ]
        var rows: [[String]] = []
        for (name, distribution, parameters, scheme, implemented) in schemes {
            let small: Tensor<Double> = scheme.make([25, 25], fanIn: 25, fanOut: 25, random: random)
            let large: Tensor<Double> = scheme.make([100, 100], fanIn: 25, fanOut: 25, random: random)
            let expected = scheme.expectedStandardDeviation(fanIn: 25, fanOut: 25)!
            let measured = large.variance().squareRoot()
            rows.append([
                name, distribution, parameters, implemented, String(format: "%.4f", expected),
                String(format: "%.4f", small.variance().squareRoot()), String(format: "%.4f", measured),
            ])
            document.requiring([]) {
                document.gate(
                    "Table 2", "\(name): std of 10⁴ draws (l = m = 25, gain 1)", paper: parameters,
                    expected: expected, measured: measured,
                    shown: String(format: "%.4f vs %.4f", measured, expected), tolerance: .relative(percent: 5))
            }
        }
        try input.addTable(
            markdownTable(
                [
                    "Name", "Distribution (paper)", "Parameters (paper)", "Implemented", "expected std", "std 25×25",
                    "std 10⁴",
                ], rows))
    }
}
