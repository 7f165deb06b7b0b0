import Layers
import Randomness
import TensorCore
import TestSupport
import XCTest

/// The batched Conv2d and MaxPool2d against their definitions, written as plain loops (what the
/// per-element path computed), on random shapes: strides, padding, odd sizes, batches below and
/// above the size where the batch is split over two threads.
final class ConvolutionReferenceTests: XCTestCase {
    struct Configuration: CustomStringConvertible {
        var batch, channels, outChannels, height, width, kernel, stride, padding: Int
        var description: String {
            "N\(batch) C\(channels)→\(outChannels) \(height)×\(width) k\(kernel) s\(stride) p\(padding)"
        }
        var outHeight: Int { (height + 2 * padding - kernel) / stride + 1 }
        var outWidth: Int { (width + 2 * padding - kernel) / stride + 1 }
    }

    /// 24 random configurations whose output is at least 1×1.
    func configurations() -> [Configuration] {
        let random = RandomSource(seed: 77)
        func pick(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(random.uniform() * Double(range.count)) % range.count
        }
        var result: [Configuration] = []
        while result.count < 24 {
            let kernel = pick(1...5)
            let configuration = Configuration(
                batch: [1, 3, 8, 9, 17][pick(0...4)], channels: pick(1...4), outChannels: pick(1...5),
                height: pick(kernel...11),
                width: pick(kernel...12), kernel: kernel, stride: pick(1...3), padding: pick(0...(kernel - 1)))
            if configuration.outHeight >= 1, configuration.outWidth >= 1 { result.append(configuration) }
        }
        return result
    }

    /// y[n, o, i, j] = b[o] + Σ_c,ky,kx w[o, c, ky, kx]·x[n, c, i·s − p + ky, j·s − p + kx] and its three gradients.
    static func reference(_ c: Configuration, x: [Double], w: [Double], b: [Double], g: [Double])
        -> (y: [Double], dx: [Double], dw: [Double], db: [Double])
    {
        var y = [Double](repeating: 0, count: c.batch * c.outChannels * c.outHeight * c.outWidth)
        var (dx, dw, db) = (
            [Double](repeating: 0, count: x.count), [Double](repeating: 0, count: w.count),
            [Double](repeating: 0, count: b.count)
        )
        for n in 0..<c.batch {
            for o in 0..<c.outChannels {
                for i in 0..<c.outHeight {
                    for j in 0..<c.outWidth {
                        let out = ((n * c.outChannels + o) * c.outHeight + i) * c.outWidth + j
                        var sum = b[o]
                        db[o] += g[out]
                        for ch in 0..<c.channels {
                            for ky in 0..<c.kernel {
                                for kx in 0..<c.kernel {
                                    let (row, column) = (i * c.stride - c.padding + ky, j * c.stride - c.padding + kx)
                                    guard row >= 0, row < c.height, column >= 0, column < c.width else { continue }
                                    let input = ((n * c.channels + ch) * c.height + row) * c.width + column
                                    let weight = ((o * c.channels + ch) * c.kernel + ky) * c.kernel + kx
                                    sum += w[weight] * x[input]
                                    dx[input] += w[weight] * g[out]
                                    dw[weight] += x[input] * g[out]
                                }
                            }
                        }
                        y[out] = sum
                    }
                }
            }
        }
        return (y, dx, dw, db)
    }

    func testConv2dMatchesItsDefinitionOnRandomShapes() throws {
        for (index, c) in configurations().enumerated() {
            let random = RandomSource(seed: UInt64(index))
            let conv = Conv2d<Double>(
                inChannels: c.channels, outChannels: c.outChannels, kernelSize: c.kernel, stride: c.stride,
                padding: c.padding, random: random)
            let x: Tensor<Double> = random.gaussianTensor([c.batch, c.channels, c.height, c.width])
            let g: Tensor<Double> = random.gaussianTensor([c.batch, c.outChannels, c.outHeight, c.outWidth])
            let expected = Self.reference(
                c, x: x.scalars, w: conv.weight.value.scalars, b: conv.bias.value.scalars, g: g.scalars)
            conv.zeroGrad()
            let y = try conv.forward(x)
            XCTAssertEqual(y.shape, [c.batch, c.outChannels, c.outHeight, c.outWidth], "\(c)")
            assertClose(y, try Tensor(shape: y.shape, scalars: expected.y), tolerance: 1e-12, "forward \(c)")
            let dx = try conv.backward(g)
            assertClose(dx, try Tensor(shape: x.shape, scalars: expected.dx), tolerance: 1e-12, "input gradient \(c)")
            assertClose(
                conv.weight.grad, try Tensor(shape: conv.weight.value.shape, scalars: expected.dw), tolerance: 1e-12,
                "weight gradient \(c)")
            assertClose(
                conv.bias.grad, try Tensor(shape: [c.outChannels], scalars: expected.db), tolerance: 1e-12,
                "bias gradient \(c)")

            // As a first layer (no input gradient), and accumulating onto the gradients already there.
            _ = try conv.forward(x)
            try conv.accumulateGradients(g)
            assertClose(
                conv.weight.grad, try Tensor(shape: conv.weight.value.shape, scalars: expected.dw.map { 2 * $0 }),
                tolerance: 1e-12, "accumulated \(c)")
            assertClose(
                conv.bias.grad, try Tensor(shape: [c.outChannels], scalars: expected.db.map { 2 * $0 }),
                tolerance: 1e-12, "accumulated bias \(c)")
        }
    }

    func testConv2dInFloatAtATrainingBatchSize() throws {
        let c = Configuration(
            batch: 64, channels: 3, outChannels: 6, height: 32, width: 32, kernel: 5, stride: 1, padding: 0)
        let random = RandomSource(seed: 5)
        let conv = Conv2d<Float>(inChannels: 3, outChannels: 6, kernelSize: 5, random: random)
        let x: Tensor<Float> = random.gaussianTensor([64, 3, 32, 32])
        let g: Tensor<Float> = random.gaussianTensor([64, 6, 28, 28])
        let expected = Self.reference(
            c, x: x.scalars.map(Double.init), w: conv.weight.value.scalars.map(Double.init),
            b: conv.bias.value.scalars.map(Double.init), g: g.scalars.map(Double.init))
        let y = try conv.forward(x)
        let dx = try conv.backward(g)
        XCTAssertLessThan(zip(y.scalars, expected.y).map { abs(Double($0) - $1) }.max()!, 1e-4)
        XCTAssertLessThan(zip(dx.scalars, expected.dx).map { abs(Double($0) - $1) }.max()!, 1e-4)
        XCTAssertLessThan(
            zip(conv.weight.grad.scalars, expected.dw).map { abs(Double($0) - $1) / max(1, abs($1)) }.max()!, 1e-4)
    }

    /// PyTorch's max pooling: the window's first element to start, a larger value or a NaN replaces it.
    func poolReference(_ x: [Double], shape: [Int], kernel: Int, stride: Int, g: [Double]) -> (
        y: [Double], dx: [Double]
    ) {
        let (planes, height, width) = (shape[0] * shape[1], shape[2], shape[3])
        let (outHeight, outWidth) = ((height - kernel) / stride + 1, (width - kernel) / stride + 1)
        var y: [Double] = []
        var dx = [Double](repeating: 0, count: x.count)
        for p in 0..<planes {
            for i in 0..<outHeight {
                for j in 0..<outWidth {
                    var bestIndex = (p * height + i * stride) * width + j * stride
                    for ky in 0..<kernel {
                        for kx in 0..<kernel {
                            let index = (p * height + i * stride + ky) * width + j * stride + kx
                            if x[index] > x[bestIndex] || x[index].isNaN { bestIndex = index }
                        }
                    }
                    dx[bestIndex] += g[y.count]
                    y.append(x[bestIndex])
                }
            }
        }
        return (y, dx)
    }

    func testMaxPool2dMatchesItsDefinitionOnRandomShapes() throws {
        for (index, c) in configurations().enumerated() {
            let random = RandomSource(seed: UInt64(100 + index))
            let kernel = min(c.kernel + 1, c.height, c.width)
            let stride = min(c.stride, kernel)
            let pool = MaxPool2d<Double>(kernelSize: kernel, stride: stride)
            let x: Tensor<Double> = random.gaussianTensor([c.batch, c.channels, c.height, c.width])
            let y = try pool.forward(x)
            let g: Tensor<Double> = random.gaussianTensor(y.shape)
            let expected = poolReference(x.scalars, shape: x.shape, kernel: kernel, stride: stride, g: g.scalars)
            XCTAssertEqual(y.scalars, expected.y, "forward \(c) k\(kernel) s\(stride)")
            XCTAssertEqual(
                try pool.backward(g).scalars, expected.dx,
                "backward \(c) k\(kernel) s\(stride) (overlapping windows add up)")
        }
    }

    /// Float's vectorised 2×2, stride-2 path against the definition on 20 random shapes (widths that
    /// are and are not multiples of four), with ties, NaNs and −∞ among the values.
    func testFloatMaxPool2dPairsMatchTheDefinition() throws {
        let random = RandomSource(seed: 31)
        for trial in 0..<20 {
            let shape = [1 + trial % 5, 1 + trial % 3, 2 + 2 * (trial % 7), 8 + trial]
            let special: [Float] = [.nan, -.infinity, .infinity, 0, -0.0]
            let scalars: [Float] = (0..<shape.reduce(1, *)).map { _ in
                let u = random.uniform()
                // Values on a coarse grid tie often; about one in twenty is a special value.
                return u < 0.05
                    ? special[Int(u * 100) % special.count] : Float((random.uniform() * 8).rounded(.down) - 4)
            }
            let x = try Tensor<Float>(shape: shape, scalars: scalars)
            let pool = MaxPool2d<Float>(kernelSize: 2)
            let y = try pool.forward(x)
            let g = Tensor<Float>((0..<y.count).map { Float($0 + 1) })
            let expected = poolReference(
                scalars.map(Double.init), shape: shape, kernel: 2, stride: 2, g: g.scalars.map(Double.init))
            XCTAssertEqual(
                y.scalars.map { $0.isNaN ? "nan" : "\($0)" }, expected.y.map { $0.isNaN ? "nan" : "\(Float($0))" },
                "forward \(shape)")
            XCTAssertEqual(
                try pool.backward(try g.reshaped(y.shape)).scalars.map(Double.init), expected.dx, "backward \(shape)")
        }
    }

    /// PyTorch: `F.max_pool2d` of a window of −∞ is −∞ with the gradient on the window's first element
    /// (of its own sample), and a NaN in a window is the window's maximum.
    func testMaxPool2dNaNAndNegativeInfinityAsPyTorch() throws {
        let pool = MaxPool2d<Double>(kernelSize: 2)
        var scalars = [Double](repeating: -.infinity, count: 2 * 1 * 2 * 4)
        scalars[2] = 1
        scalars[3] = .nan
        scalars[6] = 5
        scalars[7] = 2
        scalars[8 + 1] = 3
        let x = try Tensor<Double>(shape: [2, 1, 2, 4], scalars: scalars)
        let y = try pool.forward(x)
        XCTAssertEqual(y.scalars[0], -.infinity)
        XCTAssertTrue(y.scalars[1].isNaN, "NaN propagates")
        XCTAssertEqual(Array(y.scalars[2...3]), [3, -.infinity])
        let dx = try pool.backward(Tensor(shape: [2, 1, 1, 2], scalars: [10, 20, 30, 40]))
        var expected = [Double](repeating: 0, count: 16)
        expected[0] = 10
        expected[3] = 20
        expected[9] = 30
        expected[10] = 40
        XCTAssertEqual(dx.scalars, expected, "each gradient stays in its own window and sample")
    }
}
