import Backprop
import TestSupport
import XCTest

@testable import BackpropHarness

/// Report 004's dry run (Table 1, §4.1; spec §8.1) in all three implementations.
final class DryRunTests: XCTestCase {
    let x: [Double] = [1, -1]
    let target: [Double] = [1, 0]
    let report = ScalarNetwork(
        w: [[1, 1, 1], [-1, -1, -1]], b: [0, 0, 0], v: [[1, 1], [-1, -1], [-1, -1]], c: [0, 0])
    let expectedV = 0.44039853898894116

    /// Explicit-backward layers holding the same weights (Linear stores Wᵀ: [out, in]).
    func layers(for network: ScalarNetwork) throws -> (hidden: Linear<Double>, output: Linear<Double>) {
        let random = RandomSource(seed: 0)
        let hidden = Linear<Double>(
            inputFeatures: network.inputCount, outputFeatures: network.hiddenCount, random: random)
        let output = Linear<Double>(
            inputFeatures: network.hiddenCount, outputFeatures: network.outputCount, random: random)
        hidden.weight.value = try Tensor(network.w).transposed()
        hidden.bias!.value = Tensor(network.b)
        output.weight.value = try Tensor(network.v).transposed()
        output.bias!.value = Tensor(network.c)
        return (hidden, output)
    }

    /// Gradients from the explicit layers, as (w [in][hidden], b, v [hidden][out], c), for a batch.
    func layerGradients(_ network: ScalarNetwork, inputs: [[Double]], targets: [[Double]]) throws
        -> ScalarNetwork.Gradients
    {
        let (hidden, output) = try layers(for: network)
        let model = Sequential<Double>(hidden, Sigmoid(), output)
        let logits = try model.forward(try Tensor(inputs))
        let (loss, gradient) = try SoftmaxCrossEntropyLoss(reduction: .sum).evaluate(
            predicted: logits, target: try Tensor(targets))
        _ = try model.backward(gradient)
        return try gradients(hidden: hidden, output: output, loss: loss)
    }

    /// The same from the autograd graph.
    func graphGradients(_ network: ScalarNetwork, inputs: [[Double]], targets: [[Double]]) throws
        -> ScalarNetwork.Gradients
    {
        let (hidden, output) = try layers(for: network)
        let h = try GraphLinear(weight: hidden.weight, bias: hidden.bias)(TensorNode(try Tensor(inputs))).sigmoid()
        let logits = try GraphLinear(weight: output.weight, bias: output.bias)(h)
        let labels = targets.map { $0.firstIndex(of: 1)! }
        let loss = try GraphLosses.softmaxCrossEntropy(logits: logits, labels: labels, averaged: false)
        try loss.backward()
        return try gradients(hidden: hidden, output: output, loss: loss.value.scalars[0])
    }

    func gradients(hidden: Linear<Double>, output: Linear<Double>, loss: Double) throws -> ScalarNetwork.Gradients {
        func rows(_ t: Tensor<Double>) -> [[Double]] {
            (0..<t.shape[0]).map { Array(t.scalars[($0 * t.shape[1])..<(($0 + 1) * t.shape[1])]) }
        }
        return ScalarNetwork.Gradients(
            w: rows(try hidden.weight.grad.transposed()), b: hidden.bias!.grad.scalars,
            v: rows(try output.weight.grad.transposed()), c: output.bias!.grad.scalars, loss: loss)
    }

    func assertAgree(
        _ a: ScalarNetwork.Gradients, _ b: ScalarNetwork.Gradients, tolerance: Double, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        let flat = { (g: ScalarNetwork.Gradients) in g.w.flatMap { $0 } + g.b + g.v.flatMap { $0 } + g.c + [g.loss] }
        for (index, (x, y)) in zip(flat(a), flat(b)).enumerated() {
            XCTAssertEqual(x, y, accuracy: tolerance, "entry \(index)", file: file, line: line)
        }
    }

    func testScalarLoopsReproduceTheDryRun() {
        let (h, y) = report.forward(x)
        XCTAssertEqual(h, [0.8807970779778823, 0.8807970779778823, 0.8807970779778823])
        XCTAssertEqual(y, [0.5, 0.5])
        let g = report.gradients(x: x, target: target)
        XCTAssertEqual(g.loss, 0.6931471805599453, accuracy: 1e-15)
        XCTAssertEqual(g.c, [-0.5, 0.5])
        for row in g.v {
            XCTAssertEqual(row[0], -expectedV, accuracy: 1e-12)
            XCTAssertEqual(row[1], expectedV, accuracy: 1e-12)
            // The report prints −0.4404 and 0.4404.
            XCTAssertEqual((row[0] * 10000).rounded() / 10000, -0.4404)
            XCTAssertEqual((row[1] * 10000).rounded() / 10000, 0.4404)
        }
        XCTAssertEqual(g.w, [[0, 0, 0], [0, 0, 0]])
        XCTAssertEqual(g.b, [0, 0, 0])
        var stepped = report
        stepped.step(g, learningRate: 1e-5)
        XCTAssertEqual(stepped.v[0][0], 1.0000044039853899, accuracy: 1e-15)
        XCTAssertEqual(stepped.v[1][1], -1.0000044039853899, accuracy: 1e-15)
        XCTAssertEqual(stepped.c, [5e-6, -5e-6])
        XCTAssertEqual(stepped.w, report.w)
    }

    func testAutogradAndLayersReproduceTheDryRun() throws {
        let scalar = report.gradients(x: x, target: target)
        assertAgree(try graphGradients(report, inputs: [x], targets: [target]), scalar, tolerance: 1e-12)
        assertAgree(try layerGradients(report, inputs: [x], targets: [target]), scalar, tolerance: 1e-12)
    }

    func testAllThreeAgreeOnARandomNetworkAndBatch() throws {
        let random = RandomSource(seed: 77)
        let draw = { (rows: Int, columns: Int) in (0..<rows).map { _ in (0..<columns).map { _ in random.gaussian() } } }
        let network = ScalarNetwork(w: draw(2, 3), b: draw(1, 3)[0], v: draw(3, 2), c: draw(1, 2)[0])
        let inputs = draw(6, 2)
        let targets = (0..<6).map { $0 % 3 == 0 ? [1.0, 0] : [0, 1.0] }
        let scalar = network.gradients(inputs: inputs, targets: targets)
        XCTAssertNotEqual(scalar.w[0][0], 0)
        assertAgree(try graphGradients(network, inputs: inputs, targets: targets), scalar, tolerance: 1e-12)
        assertAgree(try layerGradients(network, inputs: inputs, targets: targets), scalar, tolerance: 1e-12)
    }

    func testScalarGradientsMatchFiniteDifferences() {
        let random = RandomSource(seed: 5)
        let network = ScalarNetwork(
            w: [[0.3, -0.2, 0.5], [0.1, 0.4, -0.6]], b: [0.1, -0.1, 0.2], v: [[0.7, -0.3], [-0.5, 0.2], [0.4, 0.9]],
            c: [0.05, -0.05])
        let input = [random.gaussian(), random.gaussian()]
        let g = network.gradients(x: input, target: [0, 1])
        let h = 1e-6
        for i in 0..<2 {
            for j in 0..<3 {
                var plus = network
                var minus = network
                plus.w[i][j] += h
                minus.w[i][j] -= h
                let numeric =
                    (plus.gradients(x: input, target: [0, 1]).loss - minus.gradients(x: input, target: [0, 1]).loss)
                    / (2 * h)
                XCTAssertEqual(g.w[i][j], numeric, accuracy: 1e-6 * max(1, Swift.abs(numeric)))
            }
        }
    }
}
