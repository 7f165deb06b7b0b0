import Foundation
import TensorCore

/// A labelled image set stored as a pair of idx files (MNIST, Fashion-MNIST, or any other).
public enum IDXDataset {
    /// How checksums are treated: some mirrors serve differently packed but equivalent files.
    public enum Verification: Sendable {
        /// Do not hash the files.
        case skip
        /// Report a mismatch on stderr and go on.
        case warn
        /// Treat a mismatch as an error.
        case strict
    }

    /// The four files of an MNIST-style set (each plain or with .gz).
    public static let standardFiles = [
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
    ]

    /// Loads `images` and `labels` (plain or .gz) from `directory` as [N, rows·cols] raw bytes 0…255.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func load<Scalar: TensorScalar>(
        directory: String, images: String, labels: String, classCount: Int = 10,
        checksums: [String: FileChecksum] = [:], verification: Verification = .skip
    ) throws -> LabeledDataset<Scalar> {
        let imagePath = try locate(images, in: directory)
        let labelPath = try locate(labels, in: directory)
        let (imageBytes, image) = try IDXFile.read(imagePath, expectedMagic: IDXFile.imageMagic)
        let (labelBytes, label) = try IDXFile.read(labelPath, expectedMagic: IDXFile.labelMagic)
        try verify(imageBytes, file: imagePath, name: images, checksums: checksums, verification: verification)
        try verify(labelBytes, file: labelPath, name: labels, checksums: checksums, verification: verification)
        guard image.dimensions[0] == label.dimensions[0] else {
            throw DataError.countMismatch(file: labelPath, images: image.dimensions[0], labels: label.dimensions[0])
        }
        let labelValues = label.values.map(Int.init)
        if let bad = labelValues.first(where: { $0 >= classCount }) {
            throw DataError.labelOutOfRange(file: labelPath, label: bad, classes: classCount)
        }
        let width = image.dimensions[1] * image.dimensions[2]
        var features = Tensor<Scalar>.zeros([image.dimensions[0], width])
        features.withUnsafeMutableBufferPointer { target in
            image.values.withUnsafeBufferPointer { source in
                for i in 0..<target.count { target[i] = Scalar(source[i]) }
            }
        }
        return try LabeledDataset(features: features, labels: labelValues, classCount: classCount)
    }

    /// The training set (train-…) and test set (t10k-…) of an MNIST-style folder, checked against `checksums`.
    public static func loadSplit<Scalar: TensorScalar>(
        directory: String, checksums: [String: FileChecksum] = [:], verification: Verification = .skip
    ) throws -> DatasetSplit<Scalar> {
        let train: LabeledDataset<Scalar> = try load(
            directory: directory, images: "train-images-idx3-ubyte", labels: "train-labels-idx1-ubyte",
            checksums: checksums, verification: verification)
        let test: LabeledDataset<Scalar> = try load(
            directory: directory, images: "t10k-images-idx3-ubyte", labels: "t10k-labels-idx1-ubyte",
            checksums: checksums, verification: verification)
        return DatasetSplit(train: train, test: test)
    }

    /// The path of `name` or `name.gz` in `directory`, or an error naming both.
    static func locate(_ name: String, in directory: String) throws -> String {
        for candidate in [name, name + ".gz"] {
            let path = (directory as NSString).appendingPathComponent(candidate)
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        throw DataError.missingFiles(
            directory: directory, files: [name + "[.gz]"],
            hint: "Run without --offline to download it, or point --data-dir / BACKPROP_DATA at the folder holding it.")
    }

    static func verify(
        _ bytes: [UInt8], file: String, name: String, checksums: [String: FileChecksum], verification: Verification
    ) throws {
        guard verification != .skip, let checksum = checksums[name] else { return }
        let found: String
        switch checksum {
        case .contentSHA256: found = SHA256.hexDigest(bytes)
        case .fileMD5:
            guard file.hasSuffix(".gz") else {
                let note =
                    "\(file): not checked: the published \(checksum) is of the .gz file, and this one is unpacked"
                FileHandle.standardError.write(Data("warning: \(note)\n".utf8))
                return
            }
            found = try checksum.digest(ofFile: file)
        }
        guard found != checksum.expected else { return }
        let error = DataError.checksumMismatch(
            file: file, found: found, expected: checksum.expected, algorithm: checksum.algorithm)
        if verification == .strict { throw error }
        FileHandle.standardError.write(Data("warning: \(error)\n".utf8))
    }
}
