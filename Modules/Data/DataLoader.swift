import Randomness
import TensorCore

/// One mini-batch: features [B, …], class labels, and the labels as a [B] target tensor.
public struct Batch<Scalar: TensorScalar> {
    public internal(set) var features: Tensor<Scalar>
    public internal(set) var labels: [Int]
    public internal(set) var targets: Tensor<Scalar>
}

/// Cuts a dataset into mini-batches: optional reshuffling every epoch from a `RandomSource`,
/// optional dropping of a short last batch (without a source, shuffling uses one seeded with 0). Rows are gathered into buffers reused across
/// batches, so an epoch makes no copy of the whole set.
public final class DataLoader<Scalar: TensorScalar> {
    public let dataset: LabeledDataset<Scalar>
    public let batchSize: Int
    public let shuffle: Bool
    public let dropLast: Bool
    private let random: RandomSource
    private var batch: Batch<Scalar>

    /// - Parameters:
    ///   - dataset: the examples.
    ///   - batchSize: examples per batch (the last may be smaller unless `dropLast`).
    ///   - shuffle: reorder the examples every epoch (needs `random`).
    ///   - dropLast: skip a last, smaller batch.
    ///   - random: the source of the shuffles.
    public init(
        dataset: LabeledDataset<Scalar>, batchSize: Int, shuffle: Bool = true, dropLast: Bool = false,
        random: RandomSource? = nil
    ) {
        self.dataset = dataset
        self.batchSize = max(batchSize, 1)
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.random = random ?? RandomSource(seed: 0)
        batch = Batch(features: Tensor.zeros([0]), labels: [], targets: Tensor.zeros([0]))
    }

    /// Batches per epoch.
    public var batchCount: Int {
        dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize
    }

    /// Calls `body` with each batch of one epoch, in a fresh order when shuffling.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forEachBatch(_ body: (Batch<Scalar>) throws -> Void) throws {
        let order = shuffle ? random.permutation(dataset.count) : Array(0..<dataset.count)
        for index in 0..<batchCount {
            let indices = Array(order[(index * batchSize)..<min((index + 1) * batchSize, order.count)])
            try dataset.features.gatherRows(indices, into: &batch.features)
            let labels = indices.map { dataset.labels[$0] }
            batch.labels = labels
            if batch.targets.count != indices.count { batch.targets = Tensor.zeros([indices.count]) }
            batch.targets.withUnsafeMutableBufferPointer { t in
                for (i, label) in labels.enumerated() { t[i] = Scalar(label) }
            }
            try body(batch)
        }
    }
}
