import Backprop
import Foundation

/// Report 003's checks of its training-process figures, which its spec draws: Fig. 2c's extra
/// run stays flat, and Fig. 3's first epoch favours SCE over MSE and ReLU over Sigmoid.
extension Report003 {
    func figure2(_ input: ReportHookInput) throws {
        guard input.dataPresent("mnist"), let extra = modelRuns(input)[10] else { return }
        let accuracy = extra.windowAccuracies.last
        try input.document.requiring([extra]) {
            try input.check("flat extra run", .number(accuracy ?? 1, shown: formatted(accuracy, 4)), item: "Fig. 2c")
        }
    }

    func figure3(_ input: ReportHookInput) throws {
        guard input.dataPresent("mnist") else { return }
        let runs = Array(modelRuns(input).prefix(10))
        let epochOne = zip(models, runs).compactMap { model, run in
            run.map { (model: model, accuracy: RunExecutor.windowMeans($0.windowAccuracies, 12).first ?? .nan) }
        }
        let meanAccuracy = { (included: (Model) -> Bool) in
            Statistics.mean(epochOne.filter { included($0.model) }.map(\.accuracy))
        }
        let sce = meanAccuracy { $0.loss == .sce }
        let mse = meanAccuracy { $0.loss == .mse }
        let relu = meanAccuracy { $0.depth > 0 && $0.activation == "relu" }
        let sigmoid = meanAccuracy { $0.depth > 0 && $0.activation == "sigmoid" }
        try input.document.requiring(runs) {
            try input.check("SCE faster", .condition(sce > mse, shown: "\(formatted(sce, 4)) vs \(formatted(mse, 4))"))
            try input.check(
                "ReLU faster", .condition(relu > sigmoid, shown: "\(formatted(relu, 4)) vs \(formatted(sigmoid, 4))"))
        }
    }
}
