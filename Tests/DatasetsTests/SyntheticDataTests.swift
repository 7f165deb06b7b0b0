import Datasets
import Randomness
import TensorCore
import XCTest

final class SyntheticDataTests: XCTestCase {
    func testDiskClassesAreBalancedWithinOnePoint() {
        let disk: LabeledDataset<Double> = DiskDataset.make(count: 100_000, random: RandomSource(seed: 1))
        XCTAssertEqual(disk.classFractions[1], 0.5, accuracy: 0.01)
        XCTAssertEqual(Double.pi * DiskDataset.radius * DiskDataset.radius, 0.5, accuracy: 1e-15)
        XCTAssertGreaterThanOrEqual(disk.features.min(), 0)
        XCTAssertLessThan(disk.features.max(), 1)
    }

    func testSyntheticVariantsHaveTheirClassFractions() {
        let syn20: DatasetSplit<Double> = SyntheticDataset.split(
            variant: .vugrad2020, trainCount: 100_000, validationCount: 0, random: RandomSource(seed: 2))
        XCTAssertEqual(syn20.train.classFractions[1], 0.455, accuracy: 0.005)
        let gist: DatasetSplit<Double> = SyntheticDataset.split(
            variant: .gist, trainCount: 100_000, validationCount: 0, random: RandomSource(seed: 2))
        XCTAssertEqual(gist.train.classFractions[1], 0.558, accuracy: 0.005)
    }

    func testSameSeedSamePointsAndDefaultSizes() {
        let a: DatasetSplit<Float> = SyntheticDataset.split(variant: .gist, random: RandomSource(seed: 5))
        let b: DatasetSplit<Float> = SyntheticDataset.split(variant: .gist, random: RandomSource(seed: 5))
        XCTAssertEqual(a.train.count, 60000)
        XCTAssertEqual(a.test.count, 10000)
        XCTAssertEqual(a.train.features, b.train.features)
        XCTAssertEqual(a.test.labels, b.test.labels)
        let c: DatasetSplit<Float> = DiskDataset.split(random: RandomSource(seed: 5))
        let d: DatasetSplit<Float> = DiskDataset.split(random: RandomSource(seed: 5))
        XCTAssertEqual(c.train.features, d.train.features)
        XCTAssertNotEqual(c.train.features, c.test.features)
    }

    func testLabelsFollowTheQuadraticForm() {
        // x = (0.5, 0.5): 0.25 + 1.5·0.25 + 0.2·0.25 = 0.675 (SYN20); 0.25 + 0.95·0.25 + 0.4·0.25 = 0.5875 (gist).
        XCTAssertEqual(SyntheticDataset.quadratic(0.5, 0.5, variant: .vugrad2020), 0.675, accuracy: 1e-15)
        XCTAssertEqual(SyntheticDataset.quadratic(0.5, 0.5, variant: .gist), 0.5875, accuracy: 1e-15)
    }

    func testDataLoaderBatchesCoverEveryExampleOnce() throws {
        let data: LabeledDataset<Float> = DiskDataset.make(count: 10, random: RandomSource(seed: 1))
        var seen: [Int] = []
        var sizes: [Int] = []
        let loader = DataLoader(dataset: data, batchSize: 4, shuffle: true, random: RandomSource(seed: 3))
        XCTAssertEqual(loader.batchCount, 3)
        try loader.forEachBatch { batch in
            sizes.append(batch.labels.count)
            XCTAssertEqual(batch.features.shape, [batch.labels.count, 2])
            XCTAssertEqual(batch.targets.scalars, batch.labels.map(Float.init))
            for row in 0..<batch.labels.count {
                let point = Array(batch.features.scalars[(2 * row)..<(2 * row + 2)])
                seen.append((0..<10).first { Array(data.features.scalars[(2 * $0)..<(2 * $0 + 2)]) == point }!)
            }
        }
        XCTAssertEqual(sizes, [4, 4, 2])
        XCTAssertEqual(seen.sorted(), Array(0..<10))
        XCTAssertNotEqual(seen, Array(0..<10))
        let dropping = DataLoader(dataset: data, batchSize: 4, shuffle: false, dropLast: true)
        var count = 0
        try dropping.forEachBatch { _ in count += 1 }
        XCTAssertEqual(count, 2)
    }
}
