import TensorCore
import XCTest

/// `zeroGrad()` writes its zeros lazily; every way of reading or adding into the gradient must see them.
final class ParameterTests: XCTestCase {
    func testZeroedGradientReadsAsZerosAndAccumulatesFromZero() throws {
        let parameter = Parameter(Tensor<Double>([1, 2, 3]))
        parameter.grad = Tensor([5, 6, 7])
        parameter.zeroGrad()
        XCTAssertEqual(parameter.grad.scalars, [0, 0, 0])
        parameter.zeroGrad()
        try parameter.grad += Tensor([1, 1, 1])
        XCTAssertEqual(parameter.grad.scalars, [1, 1, 1])
    }

    func testAccumulateGradientOverwritesOnlyAfterZeroGrad() throws {
        let parameter = Parameter(Tensor<Double>([1, 2]))
        parameter.grad = Tensor([4, 4])
        var flags: [Bool] = []
        parameter.accumulateGradient { gradient, overwrite in
            flags.append(overwrite)
            gradient = overwrite ? Tensor([9, 9]) : (try! gradient + Tensor([1, 1]))
        }
        XCTAssertEqual(parameter.grad.scalars, [5, 5])
        parameter.zeroGrad()
        parameter.accumulateGradient { gradient, overwrite in
            flags.append(overwrite)
            XCTAssertEqual(gradient.shape, [2])
            gradient = overwrite ? Tensor([9, 9]) : (try! gradient + Tensor([1, 1]))
        }
        XCTAssertEqual(flags, [false, true])
        XCTAssertEqual(parameter.grad.scalars, [9, 9])
    }

    func testZeroGradRestoresTheValuesShape() {
        let parameter = Parameter(Tensor<Float>.zeros([2, 3]))
        parameter.grad = Tensor<Float>([1])
        parameter.zeroGrad()
        XCTAssertEqual(parameter.grad.shape, [2, 3])
        XCTAssertEqual(parameter.grad.scalars, [Float](repeating: 0, count: 6))
    }
}
