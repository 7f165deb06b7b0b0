import Datasets
import Foundation
import XCTest

final class MNISTTests: XCTestCase {
    private func dataDirectory() throws -> String {
        let directory = DataDirectory.resolve()
        guard MNIST.isAvailable(dataDirectory: directory) else {
            throw XCTSkip(
                "MNIST not found under \(directory)/mnist: set BACKPROP_DATA (CI uses ../shared/data) or run reproduce fetch mnist"
            )
        }
        return directory
    }

    func testRealMNISTLabelsAndShapes() throws {
        let split: DatasetSplit<Float> = try MNIST.load(dataDirectory: try dataDirectory(), verification: .skip)
        XCTAssertEqual(split.train.features.shape, [60000, 784])
        XCTAssertEqual(split.test.features.shape, [10000, 784])
        XCTAssertEqual(Array(split.train.labels.prefix(10)), [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        XCTAssertEqual(Array(split.test.labels.prefix(10)), [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
        XCTAssertEqual(split.train.features.max(), 255)
        let sample = DatasetSplit(train: try split.train.subset(0..<2000), test: try split.test.subset(0..<100))
        let standardized = MNIST.preprocess(sample, .standardized)
        XCTAssertEqual(standardized.train.features.mean(), 0, accuracy: 1e-3)
        XCTAssertEqual(standardized.train.features.variance(correction: 0), 1, accuracy: 1e-3)
        let validation = try MNIST.validationSplit(split.train)
        XCTAssertEqual(validation.train.count, 55000)
        XCTAssertEqual(validation.test.count, 5000)
    }

    func testLabelFileMatchesThePublishedChecksum() throws {
        let folder = MNIST.folder(dataDirectory: try dataDirectory())
        let path =
            FileManager.default.fileExists(atPath: folder + "/t10k-labels-idx1-ubyte")
            ? folder + "/t10k-labels-idx1-ubyte" : folder + "/t10k-labels-idx1-ubyte.gz"
        XCTAssertEqual(SHA256.hexDigest(try CompressedFile.read(path)), MNIST.checksums["t10k-labels-idx1-ubyte"])
    }
}
