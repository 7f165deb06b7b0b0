// swift-tools-version:6.2
import PackageDescription

/// Backprop: a small deep-learning framework and the harness that reproduces five student reports.
/// Targets point one way: C libraries and CKernels (our own C, Modules/Kernels) <- TensorCore (tensors, parameters, pointwise functions) <- Randomness
/// <- (Autograd, Losses, Optimizers, Schedulers, Datasets, Plotting); Autograd <- Layers (a graph model is a
/// module); all of them <- Training
/// <- Backprop (re-exports) <- BackpropHarness (Apps/Harness: the reproduction and `train` command lines as a
/// library) <- the executables. Framework targets live under Modules/, the reproduction under Apps/.

let package = Package(
    name: "Backprop",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Backprop", targets: ["Backprop"]),
        .library(name: "BackpropHarness", targets: ["BackpropHarness"]),
        .executable(name: "reproduce", targets: ["reproduce"]),
        .executable(name: "train", targets: ["train"]),
        .executable(name: "bench", targets: ["bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: C system libraries (Debian -dev packages, installed by scripts/setup)
        .systemLibrary(name: "CBLAS", path: "Modules/CSystem/CBLAS"),
        .systemLibrary(name: "CGSL", path: "Modules/CSystem/CGSL"),
        .systemLibrary(name: "CPNG", path: "Modules/CSystem/CPNG"),
        .systemLibrary(name: "CCairo", path: "Modules/CSystem/CCairo"),
        .systemLibrary(name: "CZlib", path: "Modules/CSystem/CZlib"),

        .target(name: "CKernels", path: "Modules/Kernels"),

        // MARK: Framework modules
        .target(
            name: "TensorCore",
            dependencies: ["CBLAS", "CKernels", .product(name: "RealModule", package: "swift-numerics")],
            path: "Modules/Tensor"
        ),
        .target(name: "Randomness", dependencies: ["CGSL", "TensorCore"], path: "Modules/Random"),
        .target(name: "Autograd", dependencies: ["TensorCore"], path: "Modules/Autograd"),
        .target(
            name: "Layers", dependencies: ["CKernels", "TensorCore", "Randomness", "Autograd"], path: "Modules/Layers"),
        .target(name: "Losses", dependencies: ["TensorCore"], path: "Modules/Losses"),
        .target(name: "Optimizers", dependencies: ["TensorCore"], path: "Modules/Optimizers"),
        .target(name: "Schedulers", path: "Modules/Schedulers"),
        .target(name: "Datasets", dependencies: ["TensorCore", "Randomness", "CZlib"], path: "Modules/Data"),
        .target(
            name: "Training",
            dependencies: ["TensorCore", "Randomness", "Layers", "Losses", "Optimizers", "Schedulers", "Datasets"],
            path: "Modules/Training"
        ),
        .target(name: "Plotting", dependencies: ["TensorCore", "CCairo", "CPNG"], path: "Modules/Plotting"),
        .target(
            name: "Backprop",
            dependencies: [
                "TensorCore", "Randomness", "Autograd", "Layers", "Losses", "Optimizers", "Schedulers", "Datasets",
                "Plotting", "Training",
            ],
            path: "Modules/Backprop"
        ),

        // MARK: The harness: reports, run cache, job runner, documents and the command lines, with a user's registry
        .target(
            name: "BackpropHarness",
            dependencies: ["Backprop", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Apps/Harness",
            resources: [.copy("ReportSpecs")]
        ),

        // MARK: Applications (thin entry points with the built-in registry)
        .executableTarget(name: "reproduce", dependencies: ["BackpropHarness"], path: "Apps/reproduce"),
        .executableTarget(name: "train", dependencies: ["BackpropHarness"], path: "Apps/train"),
        .executableTarget(
            name: "bench",
            dependencies: ["Backprop", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Apps/bench"
        ),

        // MARK: Tests
        .target(name: "TestSupport", dependencies: ["TensorCore"], path: "Tests/TestSupport"),
        .testTarget(
            name: "TensorCoreTests", dependencies: ["TensorCore", "TestSupport"], path: "Tests/TensorCoreTests"),
        .testTarget(
            name: "RandomnessTests", dependencies: ["Randomness", "TestSupport"], path: "Tests/RandomnessTests"),
        .testTarget(
            name: "AutogradTests", dependencies: ["Autograd", "Layers", "Losses", "TestSupport"],
            path: "Tests/AutogradTests"),
        .testTarget(name: "LayersTests", dependencies: ["Layers", "TestSupport"], path: "Tests/LayersTests"),
        .testTarget(name: "LossesTests", dependencies: ["Losses", "TestSupport"], path: "Tests/LossesTests"),
        .testTarget(
            name: "OptimizersTests", dependencies: ["Optimizers", "TestSupport"], path: "Tests/OptimizersTests"),
        .testTarget(name: "SchedulersTests", dependencies: ["Schedulers"], path: "Tests/SchedulersTests"),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "CPNG"], path: "Tests/PlottingTests"),
        .testTarget(
            name: "TrainingTests", dependencies: ["Training", "Autograd", "TestSupport"], path: "Tests/TrainingTests"),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "TestSupport"], path: "Tests/DatasetsTests"),
        .testTarget(
            name: "HarnessTests", dependencies: ["BackpropHarness", "TestSupport"], path: "Tests/HarnessTests"),
    ]
)
