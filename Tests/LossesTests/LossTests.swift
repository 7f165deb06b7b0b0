import Losses
import TensorCore
import TestSupport
import XCTest

final class LossTests: XCTestCase {
    let logits = GradientCheck.sample([4, 3], seed: 5) * 2
    let classes = Tensor<Double>([2, 0, 1, 2])
    let oneHot = try! Tensor<Double>([[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])

    /// The analytic gradient of `loss` must match central differences to 1e-6 relative error.
    func assertGradientMatches(
        _ loss: some Loss<Double>, predicted: Tensor<Double>, target: Tensor<Double>, file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        let analytic = try loss.evaluate(predicted: predicted, target: target).gradient
        let numeric = try GradientCheck.numericalGradient(at: predicted) {
            try loss.value(predicted: $0, target: target)
        }
        XCTAssertLessThan(
            GradientCheck.relativeError(analytic, numeric), 1e-6, "\(type(of: loss))", file: file, line: line)
    }

    func testGradientsOfEveryLossMatchFiniteDifferences() throws {
        let probabilities = try RowSoftmax.softmax(logits)
        let dense = GradientCheck.sample([4, 3], seed: 6)
        for reduction in Reduction.allCases {
            try assertGradientMatches(MSELoss(reduction: reduction), predicted: logits, target: dense)
            try assertGradientMatches(SoftmaxCrossEntropyLoss(reduction: reduction), predicted: logits, target: classes)
            try assertGradientMatches(SoftmaxCrossEntropyLoss(reduction: reduction), predicted: logits, target: oneHot)
            try assertGradientMatches(
                CrossEntropyLoss(epsilon: 0, reduction: reduction), predicted: probabilities, target: classes)
            try assertGradientMatches(
                NLLLoss(reduction: reduction), predicted: try RowSoftmax.logSoftmax(logits), target: classes)
        }
        try assertGradientMatches(EuclideanLoss(), predicted: logits, target: oneHot)
    }

    func testValuesByHand() throws {
        let p = try Tensor<Double>([[1, 2], [3, 5]])
        let t = try Tensor<Double>([[0, 2], [1, 1]])
        // Squared differences 1, 0, 4, 16: sum 21, mean over 4 elements 5.25; Euclidean 21/(2·2).
        XCTAssertEqual(try MSELoss().value(predicted: p, target: t), 5.25)
        XCTAssertEqual(try MSELoss(reduction: .sum).value(predicted: p, target: t), 21)
        XCTAssertEqual(try EuclideanLoss().value(predicted: p, target: t), 5.25)
        XCTAssertEqual(try EuclideanLoss().evaluate(predicted: p, target: t).gradient.scalars, [0.5, 0, 1, 2])
        // Equal logits: −ln(1/2) per row.
        XCTAssertEqual(
            try SoftmaxCrossEntropyLoss().value(predicted: Tensor.zeros([3, 2]), target: Tensor([0, 1, 0])),
            Double.log(2), accuracy: 1e-15)
        XCTAssertEqual(
            try SoftmaxCrossEntropyLoss(reduction: .sum).value(
                predicted: Tensor.zeros([3, 2]), target: Tensor([0, 1, 0])), 3 * Double.log(2), accuracy: 1e-14)
        XCTAssertEqual(
            try SoftmaxCrossEntropyLoss().evaluate(predicted: Tensor.zeros([1, 2]), target: Tensor([0])).gradient
                .scalars, [-0.5, 0.5])
    }

    func testFusedAndSeparateCrossEntropyAgreeAwayFromUnderflow() throws {
        let probabilities = try RowSoftmax.softmax(logits)
        XCTAssertGreaterThan(probabilities.min(), 1e-6)
        let fused = try SoftmaxCrossEntropyLoss().value(predicted: logits, target: classes)
        let separate = try CrossEntropyLoss().value(predicted: probabilities, target: classes)
        XCTAssertEqual(fused, separate, accuracy: 1e-12)
    }

    func testSoftmaxIsStableForHugeLogits() throws {
        let huge = try Tensor<Float>([[1000, 0], [-1000, 0]])
        let result = try SoftmaxCrossEntropyLoss().evaluate(predicted: huge, target: Tensor([0, 0]))
        XCTAssertEqual(result.value, 500, accuracy: 1e-3)
        XCTAssertTrue(result.gradient.isFinite)
    }

    func testBadTargetsAreReported() {
        assertThrowsMessage(
            try SoftmaxCrossEntropyLoss().value(predicted: logits, target: Tensor([0, 1, 3, 0])),
            containing: ["label 3", "0..<3"])
        assertThrowsMessage(
            try MSELoss().value(predicted: logits, target: Tensor.zeros([2, 3])), containing: ["[4, 3]", "[2, 3]"])
    }
}
