import Layers
import TensorCore
import XCTest

/// Asserts that `GradientCheck.check` finds the module's input gradient and every parameter
/// gradient within `tolerance` of central differences.
func assertGradientsMatch(
    _ module: some Module<Double>, input: Tensor<Double>, tolerance: Double = 1e-6,
    file: StaticString = #filePath, line: UInt = #line
) throws {
    let errors = try GradientCheck.check(module, input: input)
    XCTAssertLessThan(errors.input, tolerance, "input gradient of \(module.typeName)", file: file, line: line)
    for (name, error) in errors.parameters {
        XCTAssertLessThan(error, tolerance, "gradient of \(module.typeName).\(name)", file: file, line: line)
    }
}
