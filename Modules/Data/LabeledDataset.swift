import TensorCore

/// Inputs with one class label each: the form every built-in dataset takes.
///
/// `features` has shape [N, …] (one row per example); `labels[i]` is the class of row i.
public struct LabeledDataset<Scalar: TensorScalar>: Sendable {
    public var features: Tensor<Scalar>
    public var labels: [Int]
    public let classCount: Int

    /// - Parameters:
    ///   - features: [N, …], one row per example.
    ///   - labels: N class indices.
    ///   - classCount: how many classes there are.
    /// - Throws: `DataError` when the counts differ or a label is outside 0..<classCount.
    public init(features: Tensor<Scalar>, labels: [Int], classCount: Int) throws {
        guard features.rowCount == labels.count || (features.count == 0 && labels.isEmpty) else {
            throw DataError.countMismatch(file: "dataset", images: features.rowCount, labels: labels.count)
        }
        if let bad = labels.first(where: { !(0..<classCount).contains($0) }) {
            throw DataError.labelOutOfRange(file: "dataset", label: bad, classes: classCount)
        }
        self.features = features
        self.labels = labels
        self.classCount = classCount
    }

    public var count: Int { labels.count }

    /// The fraction of examples in each class.
    public var classFractions: [Double] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[label] += 1 }
        return counts.map { Double($0) / Double(max(count, 1)) }
    }

    /// Labels as a [N] tensor of class indices (the target form the losses accept).
    public var labelTensor: Tensor<Scalar> { Tensor(labels.map { Scalar($0) }) }

    /// Labels as one-hot rows [N, classes].
    public var oneHotLabels: Tensor<Scalar> {
        var result = Tensor<Scalar>.zeros([count, classCount])
        result.withUnsafeMutableBufferPointer { buffer in
            for (row, label) in labels.enumerated() { buffer[row * classCount + label] = 1 }
        }
        return result
    }

    /// The examples in `range`, in order.
    public func subset(_ range: Range<Int>) throws -> LabeledDataset {
        try LabeledDataset(features: features.rows(range), labels: Array(labels[range]), classCount: classCount)
    }

    /// The same examples with every feature transformed.
    public func mapFeatures(_ transform: (Tensor<Scalar>) throws -> Tensor<Scalar>) rethrows -> LabeledDataset {
        var copy = self
        copy.features = try transform(features)
        return copy
    }
}

/// A training set with the set it is evaluated on.
public struct DatasetSplit<Scalar: TensorScalar>: Sendable {
    public var train: LabeledDataset<Scalar>
    public var test: LabeledDataset<Scalar>

    /// - Parameters:
    ///   - train: the examples to train on.
    ///   - test: the examples to evaluate on.
    public init(train: LabeledDataset<Scalar>, test: LabeledDataset<Scalar>) {
        self.train = train
        self.test = test
    }
}
