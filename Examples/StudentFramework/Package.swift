// swift-tools-version:6.0
import PackageDescription

/// A student's own Linear layer and SGD optimizer, registered in Backprop's harness in place of
/// the built-ins, so the seed reports can be rerun on them (see README.md).
let package = Package(
    name: "StudentFramework",
    platforms: [.macOS(.v13)],
    dependencies: [
        // The Backprop checkout this example sits in; a package of your own names its folder the same way.
        .package(name: "Backprop", path: "../.."),
    ],
    targets: [
        .target(
            name: "StudentComponents",
            dependencies: [.product(name: "Backprop", package: "Backprop"), .product(name: "BackpropHarness", package: "Backprop")]
        ),
        .executableTarget(
            name: "student-reproduce",
            dependencies: ["StudentComponents", .product(name: "BackpropHarness", package: "Backprop")]
        ),
    ]
)
