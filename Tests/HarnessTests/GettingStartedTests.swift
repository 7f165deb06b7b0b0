import Backprop
import Foundation
import XCTest

/// The code of the DocC article "Getting started" (Modules/Backprop/Backprop.docc/GettingStarted.md) runs.
final class GettingStartedTests: XCTestCase {
    func testTheGettingStartedCodeTrainsTheDiskNetwork() throws {
        let random = RandomSource(seed: 1)
        let data: DatasetSplit<Float> = DiskDataset.split(trainCount: 1000, testCount: 1000, random: random)
        let model = Sequential<Float>(
            Linear(inputFeatures: 2, outputFeatures: 25, random: random), ReLU(),
            Linear(inputFeatures: 25, outputFeatures: 2, random: random))
        print(model)
        let trainer = Trainer(
            model: model, loss: SoftmaxCrossEntropyLoss(),
            optimizer: SGD(parameters: model.allParameters(), learningRate: 0.1))
        let history = try trainer.fit(
            train: data.train, test: data.test,
            configuration: TrainingConfiguration(epochs: 50, batchSize: 100, targetEncoding: .classIndices),
            random: random)
        print(history.last?.testAccuracy ?? 0)
        XCTAssertGreaterThan(try XCTUnwrap(history.last?.testAccuracy), 0.9)
    }

    func testTheArticlesCodeIsTheTestsCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
            .standardized
        let article = try String(
            contentsOf: root.appendingPathComponent("Modules/Backprop/Backprop.docc/GettingStarted.md"), encoding: .utf8
        )
        let test = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let normalized = { (text: String) in
            text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(
                separator: "\n")
        }
        let block = try XCTUnwrap(
            article.components(separatedBy: "```swift\n").dropFirst().first?.components(separatedBy: "```").first)
        XCTAssertTrue(normalized(test).contains(normalized(block)), block)
    }
}
