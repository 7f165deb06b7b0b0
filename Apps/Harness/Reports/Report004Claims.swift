import Backprop

/// Report 004's claims about Figs. 5–7 that the spec leaves soft (the crossover, the bands'
/// widths): each is measured and shown beside the paper's words.
extension Report004 {
    /// Fig. 5: "training accuracy overtakes validation accuracy around 2.0" (epochs).
    func crossoverNote(_ input: ReportHookInput, _ records: [EpochRecord]) throws {
        let crossing = records.first { record in
            record.testAccuracy.map { record.trainAccuracy > $0 } ?? false
        }?.epoch
        try input.check(
            "crossover",
            .number(
                crossing.map(Double.init),
                shown: crossing.map { "epoch \($0)" } ?? "not within \(records.count) epoch(s)"))
    }

    /// Fig. 6: "1e-4 has the narrowest band", "1e-6 the widest" (the loss panel's ±1 std band).
    func bandNotes(_ input: ReportHookInput, _ finals: [SweepFinal]) throws {
        let narrowest = finals.min { $0.lossBand < $1.lossBand }
        let widest = finals.max { $0.lossBand < $1.lossBand }
        let widths = finals.map { "\($0.setting) \(formatted($0.lossBand, 3))" }.joined(separator: ", ")
        try input.check(
            "narrowest band", .number(narrowest?.lossBand, shown: "\(narrowest?.setting ?? "—") (\(widths))"))
        try input.check("widest band", .number(widest?.lossBand, shown: widest?.setting ?? "—"))
    }

    /// Fig. 7: "B = 100 … its accuracy band is wider than 250's and 500's".
    func batchNotes(_ input: ReportHookInput, _ finals: [SweepFinal]) throws {
        let band = { (setting: String) in finals.first { $0.setting == setting }?.accuracyBand }
        let (b100, b250, b500) = (band("B = 100"), band("B = 250"), band("B = 500"))
        let wider = b100.map { width in [b250, b500].allSatisfy { $0.map { width > $0 } ?? false } } ?? false
        try input.check(
            "band widths",
            .number(
                b100,
                shown: "\(wider ? "yes" : "no"): \(formatted(b100, 4)) vs \(formatted(b250, 4)), \(formatted(b500, 4))"
            ))
    }
}
