import Backprop

/// Report 004's claims about Figs. 5–7 that the spec leaves soft (the crossover, the bands'
/// widths, the batch-size orderings): each is measured and shown beside the paper's words.
extension Report004 {
    /// Fig. 5: "training accuracy overtakes validation accuracy around 2.0" (epochs).
    func crossoverNote(_ document: ReportDocument, _ records: [EpochRecord]) {
        let crossing = records.first { record in
            record.testAccuracy.map { record.trainAccuracy > $0 } ?? false
        }?.epoch
        document.note(
            "Fig. 5", "epoch at which training accuracy overtakes validation accuracy", paper: "around 2.0",
            reproduced: crossing.map { "epoch \($0)" } ?? "not within \(records.count) epoch(s)",
            measured: crossing.map(Double.init), tolerance: .soft("a crossover of two noisy curves"))
    }

    /// Fig. 6: "1e-4 has the narrowest band", "1e-6 the widest" (the loss panel's ±1 std band).
    func bandNotes(_ document: ReportDocument, _ finals: [SweepFinal]) {
        let narrowest = finals.min { $0.lossBand < $1.lossBand }
        let widest = finals.max { $0.lossBand < $1.lossBand }
        let widths = finals.map { "\($0.setting) \(formatted($0.lossBand, 3))" }.joined(separator: ", ")
        document.note(
            "Fig. 6", "narrowest loss band (mean std over batches)", paper: "lr 1e-4",
            reproduced: "\(narrowest?.setting ?? "—") (\(widths))", measured: narrowest?.lossBand,
            tolerance: .soft("band widths; spec: soft"))
        document.note(
            "Fig. 6", "widest loss band (mean std over batches)", paper: "lr 1e-6",
            reproduced: widest?.setting ?? "—", measured: widest?.lossBand, tolerance: .soft("band widths; spec: soft"))
    }

    /// Fig. 7: "B = 100 has the lowest loss, but its accuracy band is wider than 250's and 500's", "B = 500 is chosen".
    func batchNotes(_ document: ReportDocument, _ finals: [SweepFinal]) {
        let caveat = ToleranceSpec.soft(Self.summedGradientsCaveat)
        let lowest = finals.min { $0.trainLoss < $1.trainLoss }
        document.note(
            "Fig. 7", "lowest final training loss", paper: "B = 100",
            reproduced: "\(lowest?.setting ?? "—") (\(formatted(lowest?.trainLoss, 4)))", measured: lowest?.trainLoss,
            tolerance: caveat)
        let band = { (setting: String) in finals.first { $0.setting == setting }?.accuracyBand }
        let (b100, b250, b500) = (band("B = 100"), band("B = 250"), band("B = 500"))
        let wider = b100.map { width in [b250, b500].allSatisfy { $0.map { width > $0 } ?? false } } ?? false
        document.note(
            "Fig. 7", "B = 100's accuracy band wider than B = 250's and B = 500's (mean std over epochs)",
            paper: "yes",
            reproduced:
                "\(wider ? "yes" : "no"): \(formatted(b100, 4)) vs \(formatted(b250, 4)), \(formatted(b500, 4))",
            measured: b100, tolerance: caveat)
        let best = finals.max { $0.validationAccuracy < $1.validationAccuracy }
        document.note(
            "Fig. 7", "the batch size with the best final validation accuracy", paper: "B = 500 (chosen)",
            reproduced: "\(best?.setting ?? "—") (\(formatted(best?.validationAccuracy, 4)))",
            measured: best?.validationAccuracy, tolerance: caveat)
    }
}
