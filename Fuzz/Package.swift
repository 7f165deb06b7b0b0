// swift-tools-version:5.9
// libFuzzer targets for Backprop's file readers and the recipe decoder. Not part of CI; build and
// run them as the README's "Fuzzing" section shows (the toolchain's -sanitize=fuzzer).
import PackageDescription

let package = Package(
    name: "BackpropFuzz",
    dependencies: [.package(name: "Backprop", path: "..")],
    targets: [.target(name: "FuzzSupport", path: "Sources/FuzzSupport")]
        + ["FuzzIDX", "FuzzCIFAR", "FuzzSafeTensors", "FuzzRecipe"].map { name in
            .executableTarget(
                name: name, dependencies: [.product(name: "Backprop", package: "Backprop"), "FuzzSupport"], path: "Sources/\(name)")
        }
)
