import Backprop
import Foundation

/// Loads each dataset a run needs once per process and shares it between runs (and jobs).
final class DataStore: @unchecked Sendable {
    let dataDirectory: String
    private let lock = NSLock()
    private var mnist: [String: DatasetSplit<Float>] = [:]

    init(dataDirectory: String) { self.dataDirectory = dataDirectory }

    var hasMNIST: Bool { MNIST.isAvailable(dataDirectory: dataDirectory) }
    var missingCIFARFiles: [String] { CIFAR10.missingFiles(dataDirectory: dataDirectory) }

    /// The training and evaluation sets of `spec`; generated sets are drawn from `random`.
    func split(_ spec: DatasetSpec, random: RandomSource) throws -> DatasetSplit<Float> {
        switch spec.name {
        case "disk":
            return DiskDataset.split(trainCount: spec.trainCount ?? 1000, testCount: spec.testCount ?? 1000, random: random)
        case "syn20", "syng":
            return SyntheticDataset.split(
                variant: spec.name == "syn20" ? .vugrad2020 : .gist,
                trainCount: spec.trainCount ?? 60000, validationCount: spec.testCount ?? 10000, random: random)
        case "mnist":
            let key = "\(spec.preprocessing ?? "unitScale")/\(spec.validationSplit ?? false)"
            lock.lock()
            defer { lock.unlock() }
            if let cached = mnist[key] { return try limited(cached, spec) }
            var raw: DatasetSplit<Float> = try MNIST.load(dataDirectory: dataDirectory, verification: .skip)
            if spec.validationSplit == true { raw = try MNIST.validationSplit(raw.train) }
            let prepared = MNIST.preprocess(raw, MNIST.Preprocessing(rawValue: spec.preprocessing ?? "unitScale") ?? .unitScale)
            mnist[key] = prepared
            return try limited(prepared, spec)
        default:
            throw RegistryError.unknown(kind: "dataset", name: spec.name, known: ["disk", "syn20", "syng", "mnist"])
        }
    }

    /// Quick mode may train on a prefix of a large set.
    private func limited(_ split: DatasetSplit<Float>, _ spec: DatasetSpec) throws -> DatasetSplit<Float> {
        var result = split
        if let count = spec.trainCount, count < split.train.count { result.train = try split.train.subset(0..<count) }
        if let count = spec.testCount, count < split.test.count { result.test = try split.test.subset(0..<count) }
        return result
    }
}
