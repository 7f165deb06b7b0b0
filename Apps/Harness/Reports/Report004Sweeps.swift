import Backprop
import Foundation

/// Report 004's MNIST sweeps (Figs. 6 and 7) and the final model (Text-3).
extension Report004 {
    /// The two MNIST sweeps: Fig. 6 varies the learning rate at B = 100, Fig. 7 the batch size at lr 1e-3.
    enum Sweep {
        case learningRates, batchSizes

        /// The spec's group of its runs.
        var group: String { self == .learningRates ? "lr" : "B" }

        /// How the figure names a setting of the group's grid ("lr 1e-05", "B = 250").
        func setting(_ gridLabel: Substring) -> String {
            self == .learningRates ? "lr \(gridLabel)" : "B = \(gridLabel)"
        }
    }

    /// The widths of one setting's ±1 std bands over its simulations: the loss band's mean
    /// half-width over every batch, the accuracy band's over every epoch.
    struct SweepFinal {
        let setting: String, lossBand: Double, accuracyBand: Double
    }

    /// Fig. 6's or 7's checks of its bands (and Fig. 6's of what lr 0.1 and 0.01 did), for the
    /// figure the spec draws, from the finished runs of each setting of its group.
    func sweep(_ input: ReportHookInput, _ sweep: Sweep) throws {
        guard input.dataPresent("mnist") else { return }
        let groups = report.variants(named: [sweep.group]).map { variant in
            (
                sweep.setting(variant.name.dropFirst(sweep.group.count + 1)),
                input.results(variant.name).compactMap { $0 }
            )
        }
        let finals = groups.map { label, runs in
            SweepFinal(
                setting: label, lossBand: Statistics.mean(Statistics.band(runs.map { $0.history.iterationLosses }).std),
                accuracyBand: Statistics.mean(Statistics.band(runs.map { $0.history.epochs.map(\.trainAccuracy) }).std))
        }
        if sweep == .learningRates {
            try bandNotes(input, finals)
            try input.check("explosion", .condition(nil, shown: explosionSummary(input)))
        } else {
            try batchNotes(input, finals)
        }
        input.fill([
            "epochs": "\(groups.first?.1.first?.history.epochs.count ?? 0)",
            "simulations": "\(groups.first?.1.count ?? 0)",
        ])
    }

    /// Text-3's paragraph; the spec's check judges its accuracy.
    func finalModel(_ document: ReportDocument, _ run: RunResult?) {
        let accuracy = 100 * (run?.finalTestAccuracy ?? .nan)
        let printed = report.spec.paper?.first { $0.label == "Text-3" }?.values["test accuracy (%)"]?.number
        document.addText(
            "### Text-3: final model\n\nlr 1e-3, batch 500, \(run?.history.epochs.count ?? 0) epochs on all 60,000 training images (standardised with their own statistics), tested on the 10,000 test images: **\(formatted(accuracy)) %** (paper \(formatted(printed)) %).\n",
            checksOf: "Text-3")
    }
}
