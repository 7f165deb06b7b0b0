import Schedulers
import XCTest

final class ScheduleTests: XCTestCase {
    func assertRates(
        _ schedule: some LearningRateSchedule, _ expected: [Double], file: StaticString = #filePath, line: UInt = #line
    ) {
        for (step, rate) in expected.enumerated() {
            XCTAssertEqual(
                schedule.learningRate(at: step), rate, accuracy: 1e-15, "\(schedule.name) at step \(step)", file: file,
                line: line)
        }
    }

    func testConstant() {
        assertRates(ConstantSchedule(initialRate: 0.1), Array(repeating: 0.1, count: 11))
    }

    func testStepDecay() {
        // 0.1·0.5^⌊i/3⌋ for i = 0…10.
        assertRates(
            StepDecaySchedule(initialRate: 0.1, decayRate: 0.5, stepLength: 3),
            [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125])
    }

    func testExponentialDecay() {
        // 0.8·e^(−0.1·i), values printed by Python's math.exp.
        assertRates(
            ExponentialDecaySchedule(initialRate: 0.8, decayRate: 0.1),
            [
                0.8, 0.7238699344287677, 0.6549846024623855, 0.5926545765453743, 0.5362560368285115,
                0.4852245277701068, 0.43904930887522114, 0.3972682430331276, 0.35946317129377725,
                0.3252557277924793, 0.2943035529371539,
            ])
        // Report 000 ANN2 (spec §8.3): lr₁₀₀₀ = 0.8·e^(−0.2) = 0.654985.
        XCTAssertEqual(
            ExponentialDecaySchedule(initialRate: 0.8, decayRate: 0.0002).learningRate(at: 1000), 0.654985,
            accuracy: 5e-7)
    }

    func testInverseTimeDecay() {
        // 1/(1 + 0.5·i).
        assertRates(
            InverseTimeDecaySchedule(initialRate: 1, decayRate: 0.5),
            [1, 2.0 / 3, 0.5, 0.4, 1.0 / 3, 2.0 / 7, 0.25, 2.0 / 9, 0.2, 2.0 / 11, 1.0 / 6])
        // Report 000 ANN1 (spec §8.3): lr₀ = 0.1, d = 0.01 gives lr₁₀₀ = 0.05.
        XCTAssertEqual(
            InverseTimeDecaySchedule(initialRate: 0.1, decayRate: 0.01).learningRate(at: 100), 0.05, accuracy: 1e-15)
    }

    func testCosine() {
        // 0.5·(1 + cos(π·i/10)) for i = 0…10, then flat.
        assertRates(
            CosineAnnealingSchedule(initialRate: 1, period: 10),
            [
                1, 0.9755282581475768, 0.9045084971874737, 0.7938926261462366, 0.6545084971874737, 0.5,
                0.3454915028125263, 0.2061073738537635, 0.09549150281252633, 0.024471741852423234, 0,
            ])
        XCTAssertEqual(CosineAnnealingSchedule(initialRate: 1, period: 10).learningRate(at: 15), 0)
    }

    func testReduceOnPlateauWithAConstantLossReducesOnThe12thCall() {
        let plateau = ReduceLROnPlateau(initialRate: 1, patience: 10)
        let rates = (1...12).map { _ in plateau.step(metric: 0.5) }
        XCTAssertEqual(Array(rates[0..<11]), Array(repeating: 1, count: 11))
        XCTAssertEqual(rates[11], 0.1, accuracy: 1e-15)
        XCTAssertEqual(plateau.reductions, [12])
    }

    func testReduceOnPlateauScriptedSequence() {
        let plateau = ReduceLROnPlateau(
            initialRate: 0.1, factor: 0.5, patience: 2, threshold: 0.1, cooldown: 1, minimumRate: 0.02)
        // Calls:    1 (best 1.0)  2 (0.95 not < 0.9: bad 1)  3 (0.8: best)  4 bad 1  5 bad 2  6 bad 3 → 0.05, cooldown 1
        //           7 (cooldown eats the bad call)  8 bad 1  9 bad 2  10 bad 3 → 0.025  11, 12, 13, 14 → 0.02 at 14 (floor)
        let losses = [1.0, 0.95, 0.8, 0.8, 0.79, 0.78, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8]
        let rates = losses.map { plateau.step(metric: $0) }
        XCTAssertEqual(plateau.reductions, [6, 10, 14])
        XCTAssertEqual(rates[5], 0.05, accuracy: 1e-15)
        XCTAssertEqual(rates[9], 0.025, accuracy: 1e-15)
        XCTAssertEqual(rates[13], 0.02, accuracy: 1e-15)
        XCTAssertEqual(plateau.step(metric: 0.1), 0.02, "improvement does not raise the rate")
    }
}
