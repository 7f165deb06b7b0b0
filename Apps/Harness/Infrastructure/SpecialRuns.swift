import Backprop
import Foundation

/// Report 004 Fig. 3: the scalar-loop 2-3-2 network trained one instance at a time on D-SYNG,
/// w, v ~ N(0, 1), b = c = 0, plain SGD on the per-example gradient.
struct ScalarSyntheticRun {
    let data: DataStore

    func execute(_ request: RunRequest) throws -> RunResult {
        let random = RandomSource(seed: request.seed)
        let split = try data.split(request.dataset, random: random)
        let draw = { (rows: Int, columns: Int) in (0..<rows).map { _ in (0..<columns).map { _ in random.gaussian() } } }
        var network = ScalarNetwork(w: draw(2, 3), b: [0, 0, 0], v: draw(3, 2), c: [0, 0])
        let inputs = rows(split.train)
        let validationInputs = rows(split.test)
        let oneHot = { (label: Int) in label == 0 ? [1.0, 0] : [0, 1.0] }
        var history = TrainingHistory()
        let start = Date()
        for epoch in 1...request.training.epochs {
            let epochStart = Date()
            var lossTotal = 0.0
            var correct = 0
            for index in random.permutation(inputs.count) {
                let target = oneHot(split.train.labels[index])
                let g = network.gradients(x: inputs[index], target: target)
                lossTotal += g.loss
                // c∇ = y − ŷ, so the output probabilities are c∇ + ŷ.
                if (g.c[1] + target[1] > g.c[0] + target[0] ? 1 : 0) == split.train.labels[index] { correct += 1 }
                network.step(g, learningRate: request.training.optimizer.learningRate)
            }
            let validation = evaluate(network, validationInputs, split.test.labels)
            history.epochs.append(
                EpochRecord(
                    epoch: epoch, trainLoss: lossTotal / Double(inputs.count), trainLossTotal: lossTotal,
                    trainAccuracy: Double(correct) / Double(inputs.count), testLoss: validation.loss,
                    testAccuracy: validation.accuracy,
                    learningRate: request.training.optimizer.learningRate, seconds: Date().timeIntervalSince(epochStart)
                ))
        }
        history.trainingSeconds = Date().timeIntervalSince(start)
        let train = evaluate(network, inputs, split.train.labels)
        return RunResult(
            history: history, finalTrainLoss: train.loss, finalTrainAccuracy: train.accuracy,
            finalTestLoss: history.last?.testLoss, finalTestAccuracy: history.last?.testAccuracy,
            seconds: history.trainingSeconds)
    }

    private func rows(_ set: LabeledDataset<Float>) -> [[Double]] {
        (0..<set.count).map { [Double(set.features.scalars[2 * $0]), Double(set.features.scalars[2 * $0 + 1])] }
    }

    private func evaluate(_ network: ScalarNetwork, _ inputs: [[Double]], _ labels: [Int]) -> (
        loss: Double, accuracy: Double
    ) {
        var loss = 0.0
        var correct = 0
        for (x, label) in zip(inputs, labels) {
            let y = network.forward(x).y
            loss -= log(max(y[label], 1e-300))
            if (y[1] > y[0] ? 1 : 0) == label { correct += 1 }
        }
        return (loss / Double(inputs.count), Double(correct) / Double(inputs.count))
    }
}
