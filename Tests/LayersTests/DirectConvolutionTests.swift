import Randomness
import TensorCore
import TestSupport
import XCTest

@testable import Layers

/// `DirectConvolution`'s kernels against the im2col path they stand in for (`algorithm = .unrolled`)
/// and against the definition in Double, on random stride-1 shapes: output channels below, at and
/// above the limits where each product goes direct, padding up to k − 1 and one wider, odd widths
/// that leave part of a group of eight lanes, batches on one thread and split over two.
final class DirectConvolutionTests: XCTestCase {
    typealias Configuration = ConvolutionReferenceTests.Configuration

    /// 30 random stride-1 configurations whose output is at least 1×1.
    func configurations() -> [Configuration] {
        var draws = SeededDraws(seed: 2_026)
        var result: [Configuration] = []
        while result.count < 30 {
            let kernel = draws.next(1...5)
            let configuration = Configuration(
                batch: [1, 2, 8, 9, 16][draws.next(0...4)], channels: draws.next(1...6),
                outChannels: draws.next(1...20), height: draws.next(kernel...21), width: draws.next(kernel...26),
                kernel: kernel, stride: 1, padding: draws.next(0...kernel))
            if configuration.outHeight >= 1, configuration.outWidth >= 1 { result.append(configuration) }
        }
        return result
    }

    private func largestDifference(_ a: [Float], _ b: [Double]) -> Double {
        zip(a, b).map { abs(Double($0) - $1) / max(1, abs($1)) }.max() ?? 0
    }

    private func largestDifference(_ a: [Float], _ b: [Float]) -> Double {
        largestDifference(a, b.map(Double.init))
    }

    func testDirectKernelsAgreeWithTheUnrolledPathAndTheDefinition() throws {
        guard DirectConvolution.isAvailable else { throw XCTSkip("this CPU has no AVX2 and FMA") }
        var directForwards = 0
        var directInputGradients = 0
        for (index, c) in configurations().enumerated() {
            let make = {
                Conv2d<Float>(
                    inChannels: c.channels, outChannels: c.outChannels, kernelSize: c.kernel, padding: c.padding,
                    random: RandomSource(seed: UInt64(index)))
            }
            let (direct, unrolled) = (make(), make())
            unrolled.algorithm = .unrolled
            let random = RandomSource(seed: UInt64(100 + index))
            let x: Tensor<Float> = random.gaussianTensor([c.batch, c.channels, c.height, c.width])
            let g: Tensor<Float> = random.gaussianTensor([c.batch, c.outChannels, c.outHeight, c.outWidth])
            let expected = ConvolutionReferenceTests.reference(
                c, x: x.scalars.map(Double.init), w: direct.weight.value.scalars.map(Double.init),
                b: direct.bias.value.scalars.map(Double.init), g: g.scalars.map(Double.init))
            let plan = DirectConvolution(
                PatchUnfolding(
                    channels: c.channels, height: c.height, width: c.width, kernelSize: c.kernel, stride: 1,
                    padding: c.padding, outHeight: c.outHeight, outWidth: c.outWidth),
                outChannels: c.outChannels, scalar: Float.self)
            if plan?.runsForward == true { directForwards += 1 }
            if plan?.runsInputGradient == true { directInputGradients += 1 }

            var outputs: [[Float]] = []
            var inputGradients: [[Float]] = []
            for conv in [direct, unrolled] {
                conv.zeroGrad()
                outputs.append(try conv.forward(x).scalars)
                inputGradients.append(try conv.backward(g).scalars)
                // Again as a first layer, adding onto the gradients already there.
                _ = try conv.forward(x)
                try conv.accumulateGradients(g)
            }
            // Float sums of up to 8,000 terms (the filter gradient of a 16-image batch) against exact
            // ones: the im2col path under OpenBLAS's Sandybridge kernels (no fused multiply-add) is
            // 1.1e-4 off on one shape; a wrong index is off by the size of a term.
            let tolerance = 5e-4
            XCTAssertLessThan(largestDifference(outputs[0], outputs[1]), tolerance, "forward \(c)")
            XCTAssertLessThan(largestDifference(outputs[0], expected.y), tolerance, "forward \(c)")
            XCTAssertLessThan(largestDifference(inputGradients[0], inputGradients[1]), tolerance, "dx \(c)")
            XCTAssertLessThan(largestDifference(inputGradients[0], expected.dx), tolerance, "dx \(c)")
            XCTAssertLessThan(
                largestDifference(direct.weight.grad.scalars, unrolled.weight.grad.scalars), tolerance, "dw \(c)")
            XCTAssertLessThan(
                largestDifference(direct.weight.grad.scalars, expected.dw.map { 2 * $0 }), tolerance, "dw \(c)")
            XCTAssertLessThan(
                largestDifference(direct.bias.grad.scalars, expected.db.map { 2 * $0 }), tolerance, "db \(c)")
        }
        XCTAssertGreaterThanOrEqual(directForwards, 10, "configurations whose forward pass runs direct")
        XCTAssertGreaterThanOrEqual(directInputGradients, 15, "configurations whose input gradient runs direct")
    }

    func testDirectKernelsApplyOnlyToFloatAtStrideOne() {
        let geometry = PatchUnfolding(
            channels: 3, height: 32, width: 32, kernelSize: 5, stride: 1, padding: 0, outHeight: 28, outWidth: 28)
        XCTAssertEqual(
            DirectConvolution(geometry, outChannels: 6, scalar: Float.self) != nil, DirectConvolution.isAvailable)
        XCTAssertNil(DirectConvolution(geometry, outChannels: 6, scalar: Double.self))
        let strided = PatchUnfolding(
            channels: 3, height: 32, width: 32, kernelSize: 5, stride: 2, padding: 0, outHeight: 14, outWidth: 14)
        XCTAssertNil(DirectConvolution(strided, outChannels: 6, scalar: Float.self))
    }
}
