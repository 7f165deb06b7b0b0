import Randomness
import TensorCore

/// Quadratic-boundary synthetic data: x ~ N(0, I₂), label 1 when
/// xᵀQx > 0.6. The first `trainCount` rows are the training set, the next `validationCount` the
/// validation set.
public enum SyntheticDataset {
    /// Which course version of `load_synth` (the spec's dataset table).
    public enum Variant: String, Sendable, CaseIterable {
        /// D-SYN20, vugrad 2020: Q = [[1, 0.5], [1, 0.2]], a hyperbola, P(y = 1) ≈ 0.456.
        case vugrad2020
        /// D-SYNG, the assignment-1 gist: Q = [[1, −0.05], [1, 0.4]], an ellipse, P(y = 1) ≈ 0.558.
        case gist

        public var quadraticForm: (Double, Double, Double, Double) {
            switch self {
            case .vugrad2020: return (1, 0.5, 1, 0.2)
            case .gist: return (1, -0.05, 1, 0.4)
            }
        }
    }

    public static let threshold = 0.6

    /// xᵀQx for one point.
    public static func quadratic(_ x1: Double, _ x2: Double, variant: Variant) -> Double {
        let (a, b, c, d) = variant.quadraticForm
        return a * x1 * x1 + (b + c) * x1 * x2 + d * x2 * x2
    }

    public static func split<Scalar: TensorScalar>(
        variant: Variant, trainCount: Int = 60000, validationCount: Int = 10000, random: RandomSource
    ) -> DatasetSplit<Scalar> {
        let total = trainCount + validationCount
        var coordinates = [Scalar]()
        coordinates.reserveCapacity(2 * total)
        var labels = [Int]()
        labels.reserveCapacity(total)
        for _ in 0..<total {
            let x1 = random.gaussian()
            let x2 = random.gaussian()
            coordinates += [Scalar(x1), Scalar(x2)]
            labels.append(quadratic(x1, x2, variant: variant) > threshold ? 1 : 0)
        }
        let all = try! LabeledDataset(
            features: Tensor(shape: [total, 2], scalars: coordinates), labels: labels, classCount: 2)
        return DatasetSplit(train: try! all.subset(0..<trainCount), test: try! all.subset(trainCount..<total))
    }
}
