import Randomness
import TensorCore

/// D-DISK: points uniform in [0, 1]², labelled 1 inside the circle of centre
/// (0.5, 0.5) and radius 1/√(2π), whose area is 1/2, so the classes are balanced.
public enum DiskDataset {
    public static let radius = 1 / (2 * Double.pi).squareRoot()

    /// `count` points drawn from `random` (x then y for each point, in order).
    public static func make<Scalar: TensorScalar>(count: Int, random: RandomSource) -> LabeledDataset<Scalar> {
        var coordinates = [Scalar]()
        coordinates.reserveCapacity(2 * count)
        var labels = [Int]()
        labels.reserveCapacity(count)
        for _ in 0..<count {
            let x = random.uniform()
            let y = random.uniform()
            coordinates += [Scalar(x), Scalar(y)]
            let dx = x - 0.5
            let dy = y - 0.5
            labels.append(dx * dx + dy * dy < radius * radius ? 1 : 0)
        }
        return try! LabeledDataset(
            features: Tensor(shape: [count, 2], scalars: coordinates), labels: labels, classCount: 2)
    }

    /// A training and a test set drawn one after the other from the same source (1,000 + 1,000 by default).
    public static func split<Scalar: TensorScalar>(trainCount: Int = 1000, testCount: Int = 1000, random: RandomSource)
        -> DatasetSplit<Scalar>
    {
        DatasetSplit(train: make(count: trainCount, random: random), test: make(count: testCount, random: random))
    }
}
