import Backprop
import Foundation

/// Report 001's generated tables: the activation functions with their gradient checks, and the
/// weight initialisations with their empirical spreads.
extension Report001Hooks {
    /// Table 1: ReLU and Tanh from the activation registry, each backward checked against central differences.
    static func activationTable(_ input: ReportHookInput) throws {
        let document = input.document
        var rows: [[String]] = []
        for (doc, module) in [
            (ReLUFunction.documentation, ReLU<Double>() as any Module<Double>),
            (TanhFunction.documentation, Tanh<Double>()),
        ] {
            let error = try Descriptive.gradientCheckError(module)
            let paper = { (column: String) in input.paperText("Table 1: \(doc.name)", column) }
            rows.append([
                doc.name, "$\(doc.formula)$", "$\(doc.derivative)$", paper("function"), paper("derivative"),
                String(format: "%.1e", error),
            ])
            try document.requiring([]) {
                try input.check("\(doc.name) gradient check", .number(error, shown: String(format: "%.1e", error)))
            }
        }
        let relu = ReLU<Double>()
        let atZero = (try? relu.forward(Tensor([0.0])), try? relu.backward(Tensor([1.0])))
        try document.requiring([]) {
            try input.check("ReLU′(0)", .number(atZero.1?.scalars.first, shown: formatted(atZero.1?.scalars.first, 0)))
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
        let schemes: [(String, Initializer, String)] = [
            ("Default", .pytorchDefault, "U(±1/√l): std a/√3"),
            ("Xavier normal", .xavierNormal(gain: 1), "N(0, (gain·√(2/(l+m)))²) (E001-8)"),
            ("He", .heNormal(gain: 1), "N(0, (gain/√l)²)"),
        ]
        var rows: [[String]] = []
        for (name, scheme, implemented) in schemes {
            let small: Tensor<Double> = scheme.make([25, 25], fanIn: 25, fanOut: 25, random: random)
            let large: Tensor<Double> = scheme.make([100, 100], fanIn: 25, fanOut: 25, random: random)
            let expected = scheme.expectedStandardDeviation(fanIn: 25, fanOut: 25)!
            let measured = large.variance().squareRoot()
            let paper = { (column: String) in input.paperText("Table 2: \(name)", column) }
            rows.append([
                name, paper("distribution"), paper("parameters"), implemented, String(format: "%.4f", expected),
                String(format: "%.4f", small.variance().squareRoot()), String(format: "%.4f", measured),
            ])
            try document.requiring([]) {
                try input.check(
                    "\(name) std",
                    .number(measured, shown: String(format: "%.4f vs %.4f", measured, expected), expected: expected))
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
