import Optimizers
import TensorCore
import TestSupport
import XCTest

final class OptimizerStepTests: XCTestCase {
    private func parameter(_ values: [Double], gradient: [Double]) -> Parameter<Double> {
        let p = Parameter(Tensor(values))
        p.grad = Tensor(gradient)
        return p
    }

    func testSGDWithMomentumWeightDecayAndNesterov() throws {
        let w = parameter([1, -2], gradient: [0.5, 0.5])
        let sgd = SGD(parameters: [w], learningRate: 0.1, momentum: 0.9, weightDecay: 0.1, nesterov: true)
        // Step 1: d = g + 0.1·w = [0.6, 0.3]; buffer = d (first step);
        // Nesterov d = d + 0.9·buffer = [1.14, 0.57]; w = w − 0.1·d = [0.886, −2.057].
        try sgd.step()
        assertClose(w.value, Tensor([0.886, -2.057]), tolerance: 1e-15)
        // Step 2: d = [0.5 + 0.0886, 0.5 − 0.2057] = [0.5886, 0.2943]; buffer = 0.9·[0.6, 0.3] + d = [1.1286, 0.5643];
        // Nesterov d = d + 0.9·buffer = [1.60434, 0.80217]; w = [0.886 − 0.160434, −2.057 − 0.080217].
        try sgd.step()
        assertClose(w.value, Tensor([0.725566, -2.137217]), tolerance: 1e-15)
        assertClose(sgd.state(for: w)![0], Tensor([1.1286, 0.5643]), tolerance: 1e-15)
    }

    func testSGDDampeningSkipsTheFirstStepAsPyTorchDoes() throws {
        let w = parameter([1], gradient: [1])
        let sgd = SGD(parameters: [w], learningRate: 0.1, momentum: 0.9, dampening: 0.5)
        try sgd.step()  // buffer = 1, w = 0.9
        try sgd.step()  // buffer = 0.9·1 + 0.5·1 = 1.4, w = 0.9 − 0.14 = 0.76
        XCTAssertEqual(w.value.scalars[0], 0.76, accuracy: 1e-15)
    }

    func testVelocityFormDiffersFromPyTorchOnlyWhenTheRateChanges() throws {
        let a = parameter([1], gradient: [1])
        let b = parameter([1], gradient: [1])
        let velocity = SGD(parameters: [a], learningRate: 0.1, momentum: 0.9, momentumForm: .velocity)
        let pytorch = SGD(parameters: [b], learningRate: 0.1, momentum: 0.9)
        for _ in 0..<2 {
            try velocity.step()
            try pytorch.step()
        }
        // v = 0.1, then 0.09 + 0.1 = 0.19: w = 1 − 0.1 − 0.19 = 0.71 in both forms.
        XCTAssertEqual(a.value.scalars[0], 0.71, accuracy: 1e-15)
        XCTAssertEqual(b.value.scalars[0], 0.71, accuracy: 1e-15)
        velocity.learningRate = 0.01
        pytorch.learningRate = 0.01
        try velocity.step()
        try pytorch.step()
        // Velocity: v = 0.9·0.19 + 0.01 = 0.181, w = 0.529. PyTorch: buffer = 0.9·1.9 + 1 = 2.71, w = 0.71 − 0.0271 = 0.6829.
        XCTAssertEqual(a.value.scalars[0], 0.529, accuracy: 1e-15)
        XCTAssertEqual(b.value.scalars[0], 0.6829, accuracy: 1e-15)
    }

    func testDecoupledWeightDecayAndPlainGradientDescent() throws {
        let w = parameter([2], gradient: [1])
        try SGD(parameters: [w], learningRate: 0.1, decoupledWeightDecay: 0.5).step()
        // w = 2 − 0.1·1 − 0.1·0.5·2 = 1.8
        XCTAssertEqual(w.value.scalars[0], 1.8, accuracy: 1e-15)
        let v = parameter([2, 3], gradient: [1, -1])
        try GradientDescent(parameters: [v], learningRate: 0.5).step()
        XCTAssertEqual(v.value.scalars, [1.5, 3.5])
    }

    func testThreeAdamStepsByHand() throws {
        let w = parameter([1], gradient: [0.5])
        let adam = Adam(parameters: [w], learningRate: 0.1)
        // Step 1, g = 0.5: m = 0.05, v = 0.00025, m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25,
        // w = 1 − 0.1·0.5/(0.5 + 1e-8) = 0.900000002. (Report 001's v̂ with β₁ would give 0.0025 and w = 0.)
        try adam.step()
        XCTAssertEqual(w.value.scalars[0], 0.900000002, accuracy: 1e-15)
        // Step 2, g = −0.25: m = 0.045 − 0.025 = 0.02, v = 0.00024975 + 0.0000625 = 0.00031225,
        // m̂ = 0.02/0.19 = 0.105263…, v̂ = 0.00031225/0.001999 = 0.156203…, w = 0.900000002 − 0.1·m̂/(√v̂ + 1e-8).
        w.grad = Tensor([-0.25])
        try adam.step()
        XCTAssertEqual(w.value.scalars[0], 0.8733662987078463, accuracy: 1e-14)
        // Step 3, g = 1: m = 0.018 + 0.1 = 0.118, v = 0.000311937… + 0.001 = 0.00131193775,
        // m̂ = 0.118/0.271 = 0.435424…, v̂ = 0.00131193775/0.002997001 = 0.437750…
        w.grad = Tensor([1])
        try adam.step()
        XCTAssertEqual(w.value.scalars[0], 0.8075551396770898, accuracy: 1e-14)
        assertClose(adam.state(for: w)![0], Tensor([0.118]), tolerance: 1e-15)
        assertClose(adam.state(for: w)![1], Tensor([0.00131193775]), tolerance: 1e-15)
    }

    func testOptimizerStateRoundTrip() throws {
        let w = parameter([1, 2], gradient: [0.3, -0.1])
        let adam = Adam(parameters: [w], learningRate: 0.01)
        try adam.step()
        let saved = Dictionary(uniqueKeysWithValues: adam.stateDict().map { ($0.name, $0.tensor) })
        let twin = Adam(parameters: [parameter([1, 2], gradient: [0, 0])], learningRate: 0.01)
        try twin.loadStateDict(saved)
        XCTAssertEqual(twin.stepCount, 1)
        XCTAssertEqual(twin.states[0], adam.states[0])
        assertThrowsMessage(try twin.loadStateDict(["step": Tensor([1])]), containing: ["0.exp_avg"])
    }

    func testUserOptimizerPlugsIntoTheBase() throws {
        /// Sign descent: w ← w − η·sign(g), written in a few lines on top of the per-parameter base.
        final class SignDescent: ParameterwiseOptimizer<Double> {
            init(parameters: [Parameter<Double>], learningRate: Double) {
                super.init(parameters: parameters, learningRate: learningRate, slotNames: [])
            }
            override func update(_ parameter: Parameter<Double>, state: inout [Tensor<Double>], step: Int) throws {
                try parameter.value.axpy(-learningRate, parameter.grad.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) })
            }
        }
        let w = parameter([1, 1, 1], gradient: [3, -0.2, 0])
        let optimizer: any Optimizer<Double> = SignDescent(parameters: [w], learningRate: 0.25)
        try optimizer.step()
        XCTAssertEqual(w.value.scalars, [0.75, 1.25, 1])
        optimizer.zeroGrad()
        XCTAssertEqual(w.grad.scalars, [0, 0, 0])
    }
}
