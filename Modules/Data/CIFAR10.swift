import Foundation
import TensorCore

/// CIFAR-10 in its binary form: each record is one label byte then 3,072 pixel bytes
/// (1,024 red, 1,024 green, 1,024 blue, each row-major 32×32), 10,000 records per file.
public enum CIFAR10 {
    public static let trainFiles = (1...5).map { "data_batch_\($0).bin" }
    public static let testFile = "test_batch.bin"
    public static let recordBytes = 1 + 3072
    public static let recordsPerFile = 10_000
    /// The full set's sizes (five training files and one test file of 10,000 records).
    public static let trainCount = 50_000, testCount = 10_000
    public static let imageShape = [3, 32, 32]
    public static let classCount = 10
    public static let downloadHint =
        "By hand: get cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html and unpack it into <data dir>/cifar10/."

    /// The folder the binary batches are read from.
    public static func folder(dataDirectory: String) -> String {
        let nested = (dataDirectory as NSString).appendingPathComponent("cifar10/cifar-10-batches-bin")
        return FileManager.default.fileExists(atPath: nested)
            ? nested : (dataDirectory as NSString).appendingPathComponent("cifar10")
    }

    /// The expected files that are not present.
    public static func missingFiles(dataDirectory: String) -> [String] {
        let directory = folder(dataDirectory: dataDirectory)
        return (trainFiles + [testFile]).filter {
            !FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent($0))
        }
    }

    /// Training and test sets as [N, 3, 32, 32], normalised per channel to (x/255 − 0.5)/0.5 (the PyTorch tutorial).
    public static func load<Scalar: TensorScalar>(dataDirectory: String) throws -> DatasetSplit<Scalar> {
        let directory = folder(dataDirectory: dataDirectory)
        let missing = missingFiles(dataDirectory: dataDirectory)
        guard missing.isEmpty else {
            throw DataError.missingFiles(directory: directory, files: missing, hint: downloadHint)
        }
        let trainParts: [LabeledDataset<Scalar>] = try trainFiles.map {
            try loadBatch(path: (directory as NSString).appendingPathComponent($0))
        }
        let train = try LabeledDataset(
            features: Tensor.concatenate(trainParts.map(\.features), alongAxis: 0),
            labels: trainParts.flatMap(\.labels), classCount: 10)
        return DatasetSplit(
            train: train, test: try loadBatch(path: (directory as NSString).appendingPathComponent(testFile)))
    }

    /// One binary batch file.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func loadBatch<Scalar: TensorScalar>(path: String) throws -> LabeledDataset<Scalar> {
        // A batch file holds 10,000 records; reading stops just past that, whatever the file inflates to.
        let bytes = try CompressedFile.read(path) { _ in recordsPerFile * recordBytes }
        guard !bytes.isEmpty, bytes.count % recordBytes == 0 else {
            let expected = max(1, (bytes.count + recordBytes - 1) / recordBytes) * recordBytes
            throw DataError.truncated(file: path, expectedBytes: expected, foundBytes: bytes.count)
        }
        let count = bytes.count / recordBytes
        var labels = [Int]()
        labels.reserveCapacity(count)
        var features = Tensor<Scalar>.zeros([count, 3, 32, 32])
        try features.withUnsafeMutableBufferPointer { target in
            for record in 0..<count {
                let base = record * recordBytes
                let label = Int(bytes[base])
                guard label < 10 else { throw DataError.labelOutOfRange(file: path, label: label, classes: 10) }
                labels.append(label)
                for i in 0..<3072 { target[record * 3072 + i] = (Scalar(bytes[base + 1 + i]) / 255 - 0.5) / 0.5 }
            }
        }
        return try LabeledDataset(features: features, labels: labels, classCount: 10)
    }
}
