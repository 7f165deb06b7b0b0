import ArgumentParser
import Foundation

/// `bench`: times Backprop against the NumPy anchor (`../shared/bench/numpy_anchor.py`) in one command.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks Backprop against the NumPy anchor, measured in the same command.",
        subcommands: [GEMMBenchmark.self, MLPBenchmark.self, AllBenchmarks.self],
        defaultSubcommand: GEMMBenchmark.self
    )
}

/// Options every benchmark shares: where the anchor script is and how many repeats to take the best of.
struct AnchorOptions: ParsableArguments {
    @Option(help: "Path of numpy_anchor.py (default: ../shared/bench/numpy_anchor.py).")
    var anchor: String = "../shared/bench/numpy_anchor.py"

    @Option(help: "Repeats per case; the minimum time is reported (the machine is shared and noisy).")
    var repeats: Int = 3

    @Flag(help: "Skip the NumPy anchor.")
    var noAnchor = false

    @Option(
        help: "Path of torch_anchor.py, the PyTorch anchor of the cnn cases (default: ../shared/bench/torch_anchor.py)."
    )
    var torchAnchor: String = "../shared/bench/torch_anchor.py"

    @Option(
        help:
            "A Python with torch installed (default: $TORCH_PYTHON; without one the cnn cases print Backprop's figures only)."
    )
    var torchPython: String?

    /// The Python that runs the PyTorch anchor, if one is named.
    var resolvedTorchPython: String? { torchPython ?? ProcessInfo.processInfo.environment["TORCH_PYTHON"] }
}
