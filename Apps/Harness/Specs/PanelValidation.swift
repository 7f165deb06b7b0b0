import Backprop

/// The checks of a `panels` figure's spec, each failing with the field path.
extension SpecValidation {
    func validatePanels(_ figure: FigureSpec, field: String) throws {
        guard let panels = figure.panels, !panels.isEmpty else {
            throw fail(field, "kind panels needs panels (at least one)")
        }
        if let rows = figure.rowsPerPart {
            guard figure.rowPerVariant == true else {
                throw fail("\(field).rowsPerPart", "splits rows per variant: it needs rowPerVariant true")
            }
            guard rows >= 1 else { throw fail("\(field).rowsPerPart", "\(rows); expected at least 1") }
        }
        for size in [("width", figure.width), ("height", figure.height)] {
            if let pixels = size.1, !(100...10_000).contains(pixels) {
                throw fail("\(field).\(size.0)", "\(pixels) pixels; expected 100 to 10000")
            }
        }
        for (index, panel) in panels.enumerated() {
            let place = "\(field).panels[\(index)]"
            guard !panel.series.isEmpty else { throw fail("\(place).series", "a panel needs at least one series") }
            for (position, series) in panel.series.enumerated() {
                let here = "\(place).series[\(position)]"
                if let groups = series.groups { _ = try variants(groups, field: "\(here).groups") }
                for (name, value) in [("window", series.window), ("pointsPerEpoch", series.pointsPerEpoch)] {
                    if let value, value < 1 { throw fail("\(here).\(name)", "\(value) should be ≥ 1") }
                }
                if series.window != nil, series.pointsPerEpoch != nil {
                    throw fail(here, "window and pointsPerEpoch average in two ways; give one")
                }
                if let scale = series.scale, !scale.isFinite { throw fail("\(here).scale", "\(scale) is not finite") }
            }
        }
    }

    func validateArchitecture(_ figure: FigureSpec, field: String) throws {
        guard let shape = figure.inputShape, !shape.isEmpty, shape.allSatisfy({ (1...1_000_000).contains($0) }) else {
            throw fail("\(field).inputShape", "an architecture needs its input's shape, sizes 1 to 1000000 ([784])")
        }
        if let classes = figure.classes, !(1...1_000_000).contains(classes) {
            throw fail("\(field).classes", "\(classes); expected 1 to 1000000")
        }
        for name in (figure.titles ?? [:]).keys { _ = try variants([name], field: "\(field).titles") }
    }

    /// Grouped bars: every series names a variant for each category, and nothing else.
    func validateGroupedBars(_ figure: FigureSpec, field: String) throws {
        guard let series = figure.series else { return }
        guard let categories = figure.categories, !categories.isEmpty else {
            throw fail("\(field).categories", "grouped bars (series) need their categories")
        }
        for (index, one) in series.enumerated() {
            let place = "\(field).series[\(index)].bars"
            guard Set(one.bars.keys) == Set(categories) else {
                throw fail(place, "names \(one.bars.keys.sorted()); expected one variant for each of \(categories)")
            }
            for category in categories { _ = try variants([one.bars[category]!], field: "\(place).\(category)") }
        }
    }

    /// A figure field that belongs to other kinds than the figure's is an error naming the first.
    func rejectFieldsOfOtherKinds(_ figure: FigureSpec, field: String) throws {
        let given: [(String, Any?, [FigureKind])] = [
            ("panels", figure.panels, [.panels]), ("rowPerVariant", figure.rowPerVariant, [.panels]),
            ("rowsPerPart", figure.rowsPerPart, [.panels]), ("width", figure.width, [.panels, .architecture]),
            ("height", figure.height, [.panels, .architecture]), ("inputShape", figure.inputShape, [.architecture]),
            ("titles", figure.titles, [.architecture]), ("classes", figure.classes, [.architecture]),
            ("categories", figure.categories, [.bars]), ("series", figure.series, [.bars]),
        ]
        if let (name, _, kinds) = given.first(where: { $0.1 != nil && !$0.2.contains(figure.kind) }) {
            let owners = kinds.map(\.rawValue).joined(separator: " and ")
            throw fail("\(field).\(name)", "belongs to kind \(owners), not \(figure.kind.rawValue)")
        }
    }
}
