import TensorCore
import XCTest

/// Asserts that two tensors have the same shape and agree elementwise within `tolerance`.
public func assertClose<Scalar: TensorScalar>(
    _ actual: Tensor<Scalar>, _ expected: Tensor<Scalar>, tolerance: Scalar,
    _ message: String = "", file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(actual.shape, expected.shape, "shape \(message)", file: file, line: line)
    for (index, (a, e)) in zip(actual.scalars, expected.scalars).enumerated() where !(Swift.abs(a - e) <= tolerance) {
        XCTFail("element \(index): \(a) vs expected \(e) (tolerance \(tolerance)) \(message)", file: file, line: line)
        return
    }
}

/// Asserts closeness to nested arrays given literally in a test.
public func assertClose<Scalar: TensorScalar>(
    _ actual: Tensor<Scalar>, _ expected: [[Scalar]], tolerance: Scalar,
    _ message: String = "", file: StaticString = #filePath, line: UInt = #line
) {
    assertClose(actual, try! Tensor(expected), tolerance: tolerance, message, file: file, line: line)
}

/// Asserts that `body` throws an error whose description contains every one of `fragments`.
public func assertThrowsMessage<T>(
    _ body: @autoclosure () throws -> T, containing fragments: [String],
    file: StaticString = #filePath, line: UInt = #line
) {
    do {
        _ = try body()
        XCTFail("expected an error mentioning \(fragments)", file: file, line: line)
    } catch {
        let text = "\(error)"
        for fragment in fragments where !text.contains(fragment) {
            XCTFail("error \"\(text)\" does not mention \"\(fragment)\"", file: file, line: line)
        }
    }
}
