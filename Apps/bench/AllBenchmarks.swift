import ArgumentParser
import Backprop
import Foundation

/// `bench all`: every case of the performance issue, each next to the NumPy anchor measured in
/// the same command, with the ratio Backprop/numpy (for times: lower is faster).
struct AllBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all", abstract: "Every benchmark case with its NumPy anchor and ratio.")

    @OptionGroup var options: AnchorOptions

    @Option(help: "Data folder holding mnist/ (default: $BACKPROP_DATA).")
    var dataDir: String?

    @Option(name: .customLong("case"), help: "Run only these cases; all when omitted.")
    var cases: [BenchmarkCase] = []

    private func wants(_ name: BenchmarkCase) -> Bool { cases.isEmpty || cases.contains(name) }

    func run() throws {
        let threads = BLASLibrary.threadLimit
        let policy =
            threads == 1
            ? "every product on one thread"
            : "products of at least \(BLASLibrary.threadedProductFrom) multiply-adds on \(threads) BLAS threads, those from \(SplitProducts.splitFrom) in two halves on two cores, smaller ones on one"
        print("blas     OpenBLAS kernels: \(BLASLibrary.coreName); \(policy)")
        let rowKernel =
            SmallProducts.rowKernelMatchesBLAS
            ? "on (it sums as this OpenBLAS does)" : "off (this OpenBLAS sums otherwise; BLAS computes M = 1)"
        print("blas     batch-1 products by SmallProducts: K = 1, and M = 1 with the row kernel \(rowKernel)")
        print("blas     built as: \(BLASLibrary.configuration)")
        print("blas     idle OpenBLAS workers spin 2^\(BLASLibrary.workerSpinTimeout) cycles before they sleep")
        if wants(.gemm) { try GEMMBenchmark.parse(forwarding(options)).run() }
        if wants(.cnn) { try cnn(.tutorial, batches: [4, 64]) }
        if wants(.cnnWide) { try cnn(.wide, batches: [64]) }
        guard cases.isEmpty || !Set(cases).isSubset(of: [.gemm, .cnn, .cnnWide]) else { return }
        let raw: DatasetSplit<Float> = try MNIST.load(
            dataDirectory: DataDirectory.resolve(dataDir), verification: .strict)
        let cases = BenchmarkCases(mnist: raw, repeats: options.repeats)
        let anchor = NumPyAnchor(scriptPath: options.anchor)
        var explicitEpoch = Double.nan
        for batch in [100, 10, 400] where wants(.mlp003) || (batch == 100 && wants(.autograd)) {
            let seconds = try cases.mlp003Epoch(batch: batch)
            if batch == 100 { explicitEpoch = seconds }
            report(
                "mlp003 batch \(batch)", seconds, unit: "s/epoch",
                anchor: options.noAnchor ? nil : anchor.run(config: "mlp003", batch: batch, repeats: options.repeats))
        }
        if wants(.sgd004) {
            report(
                "sgd004 batch 1", try cases.sgd004StepMicroseconds(), unit: "us/step",
                anchor: options.noAnchor ? nil : anchor.run(config: "sgd004", batch: 1, repeats: options.repeats))
            report(
                "sgd004 batch 500", try cases.sgd004Epoch(batch: 500), unit: "s/epoch",
                anchor: options.noAnchor ? nil : anchor.run(config: "sgd004", batch: 500, repeats: options.repeats))
        }
        for batch in [100, 1] where wants(.disk) {
            report(
                "disk batch \(batch)", try cases.disk(batch: batch), unit: "s/200 epochs",
                anchor: options.noAnchor ? nil : anchor.run(config: "disk", batch: batch, repeats: options.repeats))
        }
        if wants(.autograd) {
            let graphEpoch = try cases.autogradEpoch()
            print("backprop autograd mlp003 batch 100 \(String(format: "%.3f", graphEpoch)) s/epoch")
            print("ratio    autograd/explicit-layer epoch \(String(format: "%.2f", graphEpoch / explicitEpoch))")
        }
        if wants(.eval) {
            report(
                "eval", try cases.evaluationMilliseconds(), unit: "ms",
                anchor: options.noAnchor ? nil : anchor.run(config: "eval", repeats: cases.evaluationRepeats))
        }
    }

    /// A CNN's training step at each of `batches`, against PyTorch when a Python with torch is named.
    private func cnn(_ network: CNNBenchmark.Network, batches: [Int]) throws {
        let torch = options.resolvedTorchPython.map { NumPyAnchor(scriptPath: options.torchAnchor, python: $0) }
        if torch == nil {
            printError(
                "\(network.rawValue): no PyTorch anchor (set TORCH_PYTHON or --torch-python to a Python with torch); Backprop's figures only"
            )
        }
        for batch in batches {
            let microseconds = try CNNBenchmark(network: network, batch: batch, repeats: options.repeats)
                .stepMicroseconds()
            let anchor = torch?.run(config: network.rawValue, batch: batch, repeats: options.repeats)
            let name = "\(network.rawValue) batch \(batch)"
            report(name, microseconds, unit: "us/step", anchor: anchor, against: "PyTorch")
            report(
                "\(name) epoch", microseconds * Double(network.epochImages) / Double(batch) / 1e6, unit: "s/epoch",
                anchor: anchor, against: "PyTorch")
        }
    }

    private func forwarding(_ options: AnchorOptions) -> [String] {
        ["--anchor", options.anchor, "--repeats", String(options.repeats)] + (options.noAnchor ? ["--no-anchor"] : [])
    }

    /// Prints our figure, the anchor's (matched by name) and their ratio.
    private func report(
        _ name: String, _ value: Double, unit: String, anchor: [NumPyAnchor.Figure]?, against: String = "numpy"
    ) {
        print("backprop \(name) \(String(format: "%.4g", value)) \(unit)")
        guard
            let reference = anchor?.first(where: { $0.name == name })
                ?? anchor?.first(where: { $0.name.hasPrefix(name) })
        else { return }
        print("anchor   \(name) \(String(format: "%.4g", reference.value)) \(reference.unit)")
        print(
            "ratio    \(name) Backprop/\(against) \(String(format: "%.2f", value / reference.value)) (lower is faster)")
    }
}

/// The cases `bench all --case` can name; an unknown name is an error listing these.
enum BenchmarkCase: String, ExpressibleByArgument, CaseIterable {
    case gemm, mlp003, sgd004, disk, autograd, eval, cnn
    case cnnWide = "cnn-wide"
}
