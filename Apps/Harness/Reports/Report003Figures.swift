import Backprop
import Foundation

/// Report 003's check of Fig. 2c, which its spec draws: the extra std-0.01 Sigmoid/MSE run stays flat.
extension Report003 {
    func figure2(_ input: ReportHookInput) throws {
        guard input.dataPresent("mnist"), let extra = input.first("models 2-layer + Sigmoid + MSE (default std 0.01)")
        else { return }
        let accuracy = extra.windowAccuracies.last
        try input.document.requiring([extra]) {
            try input.check("flat extra run", .number(accuracy ?? 1, shown: formatted(accuracy, 4)), item: "Fig. 2c")
        }
    }
}
