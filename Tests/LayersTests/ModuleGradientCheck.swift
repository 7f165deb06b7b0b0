import Layers
import TensorCore
import TestSupport
import XCTest

/// Checks a module's backward against central differences of L = Σ(forward(x) ⊙ G) for a fixed upstream G:
/// the input gradient and every parameter gradient must agree to a relative error below `tolerance`.
func assertGradientsMatch(
    _ module: some Module<Double>, input: Tensor<Double>, tolerance: Double = 1e-6,
    file: StaticString = #filePath, line: UInt = #line
) throws {
    let output = try module.forward(input)
    let upstream = GradientCheck.sample(output.shape, seed: 99)
    func loss() throws -> Double { try (module.forward(input) * upstream).sum() }

    module.zeroGrad()
    _ = try module.forward(input)
    let inputGradient = try module.backward(upstream)
    let analyticParameterGradients = module.allParameters().map(\.grad)

    let numericInput = try GradientCheck.numericalGradient(at: input) { try (module.forward($0) * upstream).sum() }
    let inputError = GradientCheck.relativeError(inputGradient, numericInput)
    XCTAssertLessThan(inputError, tolerance, "input gradient of \(module.typeName)", file: file, line: line)

    for (parameter, analytic) in zip(module.allParameters(), analyticParameterGradients) {
        let original = parameter.value
        let numeric = try GradientCheck.numericalGradient(at: original) { probe in
            parameter.value = probe
            return try loss()
        }
        parameter.value = original
        let error = GradientCheck.relativeError(analytic, numeric)
        XCTAssertLessThan(error, tolerance, "gradient of \(module.typeName).\(parameter.name)", file: file, line: line)
    }
}
