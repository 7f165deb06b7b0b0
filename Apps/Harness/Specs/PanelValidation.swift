import Backprop

/// The checks of a `panels` figure's spec, each failing with the field path.
extension SpecValidation {
    func validatePanels(_ figure: FigureSpec, field: String) throws {
        guard let panels = figure.panels, !panels.isEmpty else {
            throw fail(field, "kind panels needs panels (at least one)")
        }
        if let rows = figure.rowsPerPart, rows < 1 || figure.rowPerVariant != true {
            throw fail("\(field).rowsPerPart", "\(rows) should be ≥ 1, with rowPerVariant true")
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

    /// A figure of another kind with a panels figure's fields is an error naming the first.
    func rejectPanelFields(_ figure: FigureSpec, field: String) throws {
        let given: [(String, Any?)] = [
            ("panels", figure.panels), ("rowPerVariant", figure.rowPerVariant), ("rowsPerPart", figure.rowsPerPart),
            ("width", figure.width), ("height", figure.height),
        ]
        if let name = given.first(where: { $0.1 != nil })?.0 {
            throw fail("\(field).\(name)", "belongs to kind panels, not \(figure.kind.rawValue)")
        }
    }
}
