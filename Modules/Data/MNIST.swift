import Foundation
import TensorCore

/// MNIST: 60,000 training and 10,000 test digits of 28×28 pixels, from `<data dir>/mnist/`.
public enum MNIST {
    /// SHA-256 of the uncompressed files as published (../shared/data/mnist/SHA256SUMS.uncompressed).
    public static let checksums = [
        "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    ]

    /// How pixels (0…255) become features.
    public enum Preprocessing: String, Sendable, CaseIterable {
        /// x/255.
        case unitScale
        /// (x − 128)/255 (the Tsinghua course's `load_mnist_2d`).
        case centered
        /// (x − μ)/σ with one global mean and std from the training split.
        case standardized
    }

    /// The folder MNIST is read from, given the data directory.
    public static func folder(dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("mnist")
    }

    /// Whether the four files are present (plain or gzip).
    public static func isAvailable(dataDirectory: String) -> Bool {
        PublishedDataset.mnist.isPresent(in: dataDirectory)
    }

    /// Raw training and test sets (pixels 0…255).
    public static func load<Scalar: TensorScalar>(dataDirectory: String, verification: IDXDataset.Verification = .warn)
        throws -> DatasetSplit<Scalar>
    {
        try IDXDataset.loadSplit(
            directory: folder(dataDirectory: dataDirectory), checksums: PublishedDataset.mnist.checksums,
            verification: verification)
    }

    /// Applies `preprocessing` to both sets; standardisation takes its statistics from the training set only.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func preprocess<Scalar: TensorScalar>(_ split: DatasetSplit<Scalar>, _ preprocessing: Preprocessing)
        -> DatasetSplit<Scalar>
    {
        let (shift, scale): (Scalar, Scalar)
        switch preprocessing {
        case .unitScale: (shift, scale) = (0, 255)
        case .centered: (shift, scale) = (128, 255)
        case .standardized:
            let mean = split.train.features.mean()
            let std = split.train.features.variance(correction: 0).squareRoot()
            (shift, scale) = (mean, std > 0 ? std : 1)
        }
        let transform = { (x: Tensor<Scalar>) in x.map { ($0 - shift) / scale } }
        return DatasetSplit(train: split.train.mapFeatures(transform), test: split.test.mapFeatures(transform))
    }

    /// A validation split: the first `count − validationCount` training images train, the last ones validate.
    public static func validationSplit<Scalar: TensorScalar>(
        _ train: LabeledDataset<Scalar>, validationCount: Int = 5000
    ) throws -> DatasetSplit<Scalar> {
        let cut = train.count - validationCount
        return DatasetSplit(train: try train.subset(0..<cut), test: try train.subset(cut..<train.count))
    }
}
