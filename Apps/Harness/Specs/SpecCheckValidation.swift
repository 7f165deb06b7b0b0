import Backprop

/// The checks of a spec and the statistics they measure: every field names what exists and
/// goes with the fields it needs.
extension SpecValidation {
    func validate(_ statistic: StatisticSpec, field: String, needsGroup: Bool) throws {
        switch (statistic.at, statistic.epoch) {
        case (.epoch, let epoch?) where epoch >= 1: break
        case (.epoch, _): throw fail("\(field).epoch", "at \"epoch\" needs an epoch ≥ 1")
        case (_, .some): throw fail("\(field).epoch", "goes with at \"epoch\" only")
        default: break
        }
        if let scale = statistic.scale, !scale.isFinite { throw fail("\(field).scale", "\(scale) is not finite") }
        if let groups = statistic.groups {
            guard statistic.group == nil, statistic.across != nil else {
                throw fail("\(field).groups", "goes with across (how the variants' values combine), without group")
            }
            _ = try variants(groups, field: "\(field).groups")
            return
        }
        if statistic.across != nil { throw fail("\(field).across", "goes with groups only") }
        guard needsGroup else { return }
        guard let group = statistic.group else { throw fail("\(field).group", "missing (which variant is measured?)") }
        let chosen = try variants([group], field: "\(field).group")
        guard chosen.count == 1 else {
            throw fail("\(field).group", "\"\(group)\" has \(chosen.count) variants; name one of them")
        }
    }

    func validate(_ check: CheckSpec, field: String) throws {
        // A hook may also write a text ("Text-2") or a part of a figure ("Fig. 2c") beside its item.
        let hookText = builtIn && check.hook != nil && check.item.hasPrefix("Text-")
        let part = { (item: ItemSpec) in
            builtIn && check.hook != nil && check.item.hasPrefix(item.id)
                && check.item.dropFirst(item.id.count).allSatisfy(\.isLetter)
        }
        guard hookText || spec.items.contains(where: { $0.id == check.item || part($0) }) else {
            throw fail(
                "\(field).item",
                "\"\(check.item)\" is not an item; items: \(spec.items.map(\.id).joined(separator: ", "))")
        }
        if check.hook != nil {
            guard builtIn else { throw fail("\(field).hook", "only a built-in report's Swift measures; give measured") }
            guard check.measured == nil else { throw fail(field, "a check has either \"measured\" or \"hook\"") }
        }
        if let rows = check.rows {
            guard check.hook != nil, rows.count == check.tolerance.groups?.count else {
                throw fail("\(field).rows", "a hook's ordering names one paper row per group")
            }
            for row in rows where !(spec.paper ?? []).contains(where: { $0.label == row }) {
                throw fail("\(field).rows", "no paper row is labelled \"\(row)\"")
            }
        }
        try check.tolerance.validate(field: "\(field).tolerance", source: source, byHook: check.hook != nil)
        if let reference = check.paper {
            switch (reference.value, reference.row, reference.column) {
            case (.some, nil, nil): break
            case (nil, let row?, let column?):
                guard let paperRow = spec.paper?.first(where: { $0.label == row }) else {
                    throw fail("\(field).paper.row", "no paper row is labelled \"\(row)\"")
                }
                guard paperRow.values[column] != nil else {
                    throw fail("\(field).paper.column", "paper row \"\(row)\" has no value \"\(column)\"")
                }
            default: throw fail("\(field).paper", "give either value, or row and column")
            }
        }
        if check.hook != nil { return }
        try validateMeasures(check, field: field)
        if check.pick != nil { return }
        switch check.tolerance.kind {
        case .soft, .notComparable:
            if let measured = check.measured { try validate(measured, field: "\(field).measured", needsGroup: true) }
        case .ordering:
            guard let measured = check.measured else { throw fail("\(field).measured", "missing (what is ordered?)") }
            try validate(measured, field: "\(field).measured", needsGroup: false)
            for (index, group) in (check.tolerance.groups ?? []).enumerated() {
                guard try variants([group], field: "\(field).tolerance.groups[\(index)]").count == 1 else {
                    throw fail("\(field).tolerance.groups[\(index)]", "\"\(group)\" has several variants; name one")
                }
            }
        case .shape:
            throw fail("\(field).tolerance.kind", "shape is judged by a built-in report's code")
        case .atLeast, .atMost, .range, .absolute, .relative, .ratio, .exact:
            guard let measured = check.measured else { throw fail("\(field).measured", "missing") }
            try validate(measured, field: "\(field).measured", needsGroup: true)
            let needsPaperNumber = check.tolerance.bound == nil && check.tolerance.kind != .range
            if needsPaperNumber, SpecRendering(report: report, runs: [:]).paper(check.paper).number == nil {
                throw fail("\(field).paper", "kind \(check.tolerance.kind.rawValue) compares with a paper number")
            }
        }
    }

    /// A check's `versus`, `combine`, `pick` and `among`: each needs the fields it works with.
    func validateMeasures(_ check: CheckSpec, field: String) throws {
        if let versus = check.versus {
            guard check.measured != nil else { throw fail("\(field).versus", "needs measured (versus what?)") }
            try validate(versus, field: "\(field).versus", needsGroup: true)
        } else if check.combine != nil {
            throw fail("\(field).combine", "goes with versus (a second statistic)")
        }
        guard check.pick != nil || check.among != nil else { return }
        guard let among = check.among, check.pick != nil else {
            throw fail("\(field).\(check.pick == nil ? "pick" : "among")", "pick and among go together")
        }
        _ = try variants(among, field: "\(field).among")
        guard let measured = check.measured, measured.group == nil, measured.groups == nil, check.versus == nil else {
            throw fail(
                "\(field).measured", "a pick measures each variant of among: give measured without group or versus")
        }
        try validate(measured, field: "\(field).measured", needsGroup: false)
        guard [.exact, .soft, .notComparable].contains(check.tolerance.kind) else {
            throw fail(
                "\(field).tolerance.kind", "a pick is exact (the paper names the variant), soft or notComparable")
        }
    }
}
