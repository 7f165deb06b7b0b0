/// Report 002 Table 1's text claims as ordering gates: lr 0.001 beats 0.0001 at 2 epochs,
/// accuracy rises from 2 to 5 to 10 epochs, momentum 0.9 beats 0.7.
extension Report002 {
    /// One claim: the rows (as "lr/momentum/epochs" keys of Table 1's accuracies) in the order
    /// their accuracies must rise, with the names the check shows for them.
    struct TableOrdering {
        let quantity: String, paper: String
        let rows: [(name: String, key: String)]
    }

    static let tableOrderings = [
        TableOrdering(
            quantity: "ORDER: lr 0.001 beats lr 0.0001 at momentum 0.9, 2 epochs",
            paper: "52 % > 27 % (“0.001 is the best learning rate”)",
            rows: [("lr 0.0001", "0.0001/0.9/2.0"), ("lr 0.001", "0.001/0.9/2.0")]),
        TableOrdering(
            quantity: "ORDER: accuracy rises from 2 to 5 to 10 epochs at lr 0.001, momentum 0.9",
            paper: "52 % < 60 % < 61 %",
            rows: [("2 epochs", "0.001/0.9/2.0"), ("5 epochs", "0.001/0.9/5.0"), ("10 epochs", "0.001/0.9/10.0")]),
        TableOrdering(
            quantity: "ORDER: momentum 0.9 beats 0.7 at lr 0.001, 2 epochs",
            paper: "52 % > 31 % (“momentum 0.9 is best”)",
            rows: [("momentum 0.7", "0.001/0.7/2.0"), ("momentum 0.9", "0.001/0.9/2.0")]),
    ]

    /// The ordering gates on Table 1's accuracies (%), keyed as in `tableOrderings`; not run without CIFAR-10.
    func cifarOrderings(_ document: ReportDocument, accuracy: [String: Double], present: Bool) {
        for ordering in Self.tableOrderings {
            let tolerance = ToleranceSpec.ordering(ordering.rows.map(\.name), .increasing)
            guard present else {
                document.notRun(
                    "Table 1", ordering.quantity, paper: ordering.paper, tolerance: tolerance,
                    because: "CIFAR-10 is missing")
                continue
            }
            document.gate(
                "Table 1", ordering.quantity, paper: ordering.paper, ordered: ordering.rows.map { accuracy[$0.key] },
                tolerance: tolerance)
        }
    }
}
