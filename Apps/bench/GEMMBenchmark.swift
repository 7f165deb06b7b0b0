import ArgumentParser
import Backprop
import Foundation

/// `bench gemm`: Float GEMM throughput for 2048² and the report-003 layer shapes, against NumPy.
struct GEMMBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gemm", abstract: "Float GEMM GFLOP/s against NumPy.")

    @OptionGroup var options: AnchorOptions

    /// (m, k, n) as the anchor names them: an m×k by k×n product. The last is the transposed product of backward.
    static let shapes: [(m: Int, k: Int, n: Int, transposeA: Bool)] = [
        (2048, 2048, 2048, false), (100, 784, 256, false), (100, 256, 128, false), (784, 100, 256, true),
    ]

    func run() throws {
        let anchor =
            options.noAnchor
            ? nil : NumPyAnchor(scriptPath: options.anchor).run(config: "gemm", repeats: options.repeats)
        let random = RandomSource(seed: 0)
        print("blas     OpenBLAS kernels: \(BLASLibrary.coreName)")
        for shape in Self.shapes {
            let name = "\(shape.m)x\(shape.k)x\(shape.n)"
            // For the backward shape, A is stored k×m and used transposed, as a weight gradient Xᵀ·G is.
            let a: Tensor<Float> = random.uniformTensor(shape.transposeA ? [shape.k, shape.m] : [shape.m, shape.k])
            let b: Tensor<Float> = random.uniformTensor([shape.k, shape.n])
            var c = Tensor<Float>.zeros([shape.m, shape.n])
            let flops = 2.0 * Double(shape.m * shape.k * shape.n)
            let iterations = max(1, Int(2e9 / flops))
            try Tensor.gemm(a, b, transposeA: shape.transposeA, into: &c)
            let seconds = try Stopwatch.best(of: options.repeats) {
                for _ in 0..<iterations { try Tensor.gemm(a, b, transposeA: shape.transposeA, into: &c) }
            }
            let rate = flops * Double(iterations) / seconds / 1e9
            print(
                "backprop gemm \(name)\(shape.transposeA ? " (A transposed)" : "") \(String(format: "%.1f", rate)) GFLOP/s"
            )
            if let reference = anchor?.first(where: { $0.name == "gemm \(name)" }) {
                print("anchor   gemm \(name) \(String(format: "%.1f", reference.value)) GFLOP/s")
                print("ratio    gemm \(name) Backprop/numpy \(String(format: "%.2f", rate / reference.value))")
            }
        }
    }
}
