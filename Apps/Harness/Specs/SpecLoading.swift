import Backprop
import Foundation

/// Reads report specs from a file or a folder of them, strictly: a misspelt key, a value of the
/// wrong type, or a name that points nowhere (a group, an item, a paper row) is an error naming
/// the file and the field path.
enum SpecReportLoader {
    /// Whether `argument` names a spec file or a folder rather than a report id.
    static func isPath(_ argument: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder)
            && (isFolder.boolValue || argument.hasSuffix(".json"))
    }

    /// The reports of `path`: the spec file itself, or every `*.json` in the folder, by name.
    /// - Parameter registry: when given, every variant's components and settings are checked against it.
    static func load(_ path: String, registry: ComponentRegistry?) throws -> [SpecReport] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw RecipeError.malformed(source: path, detail: "no such file or folder")
        }
        guard isFolder.boolValue else { return [try load(file: path, registry: registry)] }
        let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else {
            throw RecipeError.malformed(source: path, detail: "the folder holds no report spec (*.json)")
        }
        return try names.map { try load(file: (path as NSString).appendingPathComponent($0), registry: registry) }
    }

    /// - Parameter hooks: a built-in report's Swift hooks (a user's spec has none, and may not take a built-in's id).
    static func load(file: String, registry: ComponentRegistry?, hooks: [String: ReportHook]? = nil) throws
        -> SpecReport
    {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw RecipeError.malformed(source: file, detail: "cannot be read")
        }
        let spec = try StrictJSON.decode(ReportSpec.self, from: data, source: file)
        let variants = try spec.groups.enumerated().flatMap { index, group in
            try group.variants(reportID: spec.id, field: "groups[\(index)]", source: file)
        }
        let report = SpecReport(spec: spec, file: file, variants: variants, hooks: hooks ?? [:])
        try SpecValidation(report: report, source: file, builtIn: hooks != nil).validate()
        if let registry {
            for variant in variants {
                for recipe in [variant.full, variant.quick] {
                    try registry.checkSettings(of: recipe, source: "\(file): the recipe of \(variant.name)")
                }
            }
        }
        return report
    }
}

/// The checks a spec's names and numbers must pass before anything runs.
struct SpecValidation {
    let report: SpecReport
    let source: String
    let builtIn: Bool
    var spec: ReportSpec { report.spec }

    func fail(_ field: String, _ detail: String) -> RecipeError {
        .malformed(source: source, detail: "field \(field): \(detail)")
    }

    func validate() throws {
        guard spec.id.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]*$"#, options: .regularExpression) != nil else {
            throw fail("id", "\"\(spec.id)\" is not a folder name (letters, digits, '.', '_' and '-')")
        }
        if !builtIn, allReports.contains(where: { $0.prefix == spec.id }) {
            throw fail("id", "\"\(spec.id)\" is a built-in report's id")
        }
        try unique(spec.groups.map(\.name), "groups", "group name")
        try unique(report.variants.map(\.name), "groups", "variant name")
        for (index, group) in spec.groups.enumerated() where group.trials.full < 1 || group.trials.quick < 1 {
            throw fail("groups[\(index)].trials", "expected whole numbers ≥ 1")
        }
        for (index, group) in spec.groups.enumerated() {
            try validateQuickValues(group, field: "groups[\(index)]")
            if !builtIn, group.runner != nil {
                throw fail("groups[\(index)].runner", "only a built-in report chooses its runner; remove it")
            }
        }
        try unique(spec.items.map(\.id), "items", "item id")
        if let hook = spec.findingsHook { try known(hook: hook, field: "findingsHook") }
        if !builtIn, spec.findings != nil {
            throw fail("findings", "findings are written by a built-in report's findings hook; remove them")
        }
        try unique((spec.findings ?? []).map(\.id), "findings", "finding id")
        if !builtIn, spec.experiments != nil {
            throw fail("experiments", "experiments serve a built-in report's findings hook; remove them")
        }
        try unique((spec.experiments ?? []).map(\.name), "experiments", "experiment name")
        for (index, experiment) in (spec.experiments ?? []).enumerated() {
            let chosen = try variants([experiment.variant], field: "experiments[\(index)].variant")
            guard chosen.count == 1 else { throw fail("experiments[\(index)].variant", "name one variant") }
            _ = try report.changedRecipe(experiment, of: chosen[0])
        }
        for (index, item) in spec.items.enumerated() { try validate(item, field: "items[\(index)]") }
        for (index, check) in (spec.checks ?? []).enumerated() { try validate(check, field: "checks[\(index)]") }
        let hooked = (spec.checks ?? []).compactMap { check in check.hook.map { "\(check.item): \($0)" } }
        try unique(hooked, "checks", "hook of an item")
    }

    /// Each label an axis's `quick` names is one of its values'.
    private func validateQuickValues(_ group: RunGroupSpec, field: String) throws {
        for (index, axis) in (group.grid ?? []).enumerated() {
            let labels = axis.values.map(\.label)
            for label in axis.quick ?? [] where !labels.contains(label) {
                throw fail(
                    "\(field).grid[\(index)].quick",
                    "\"\(label)\" is not a value's label; labels: \(labels.joined(separator: ", "))")
            }
        }
    }

    /// Fails unless `hook` is one of the report's Swift hooks (a user's spec has none).
    private func known(hook: String, field: String) throws {
        guard report.hooks[hook] == nil else { return }
        let known = report.hooks.keys.sorted()
        throw fail(
            field,
            "no hook \"\(hook)\"; \(known.isEmpty ? "hooks are Swift in a built-in report, and a spec file has none" : "known: \(known.joined(separator: ", "))")"
        )
    }

    private func unique(_ names: [String], _ field: String, _ what: String) throws {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw fail(field, "the \(what) \"\(name)\" appears twice")
        }
    }

    func variants(_ names: [String], field: String) throws -> [SpecVariant] {
        for name in names where report.variants(named: [name]).isEmpty {
            throw fail(field, "\"\(name)\" is neither a group nor a variant; variants: \(knownVariants)")
        }
        return report.variants(named: names)
    }

    private var knownVariants: String { report.variants.map(\.name).joined(separator: ", ") }

    private func validate(_ item: ItemSpec, field: String) throws {
        let parts = item.id.split(separator: " ")
        let isText = builtIn && item.id.hasPrefix("Text-") && item.hook != nil
        guard isText || (parts.count == 2 && ["Table", "Fig."].contains(parts[0])) else {
            throw fail("\(field).id", "\"\(item.id)\" is not \"Table N\" or \"Fig. N\"")
        }
        let words = [item.title, item.caption].compactMap { $0 } + (item.proposals ?? [])
        let engineFilled = ["{{listings}}", "{{part}}", "{{continued}}", "{{table}}"]
        if !builtIn,
            let placeholder = words.flatMap(Placeholders.all).first(where: { !engineFilled.contains($0) })
        {
            throw fail(
                field, "\(placeholder) is filled by a built-in report's hook; a spec file's words are plain text")
        }
        if let hook = item.hook {
            try known(hook: hook, field: "\(field).hook")
        }
        if item.markdown != nil, parts.first != "Table" {
            throw fail("\(field).markdown", "a fixed table needs a table's id (\"Table N\")")
        }
        if item.hook != nil || item.markdown != nil {
            // A hook may measure for the table or figure its item states; the engine draws it.
            let drawn = [item.table != nil, item.figure != nil, item.markdown != nil].filter { $0 }.count
            guard drawn <= 1 else {
                throw fail(field, "an item has either \"table\", \"figure\", \"markdown\" or \"hook\"")
            }
            guard item.table != nil || item.figure != nil else { return }
        }
        switch (item.table, item.figure) {
        case (let table?, nil):
            guard parts[0] == "Table" else { throw fail("\(field).table", "a figure's id names a table") }
            try validate(table, field: "\(field).table")
        case (nil, let figure?):
            guard parts[0] == "Fig." else { throw fail("\(field).figure", "a table's id names a figure") }
            let chosen = try variants(figure.groups, field: "\(field).figure.groups")
            try rejectFieldsOfOtherKinds(figure, field: "\(field).figure")
            if let table = figure.table { try validate(table, field: "\(field).figure.table") }
            switch figure.kind {
            case .curves, .bands:
                guard figure.metric != nil else {
                    throw fail("\(field).figure", "kind \(figure.kind.rawValue) needs metric")
                }
            case .panels:
                try validatePanels(figure, field: "\(field).figure")
            case .architecture:
                try validateArchitecture(figure, field: "\(field).figure")
            case .bars, .sweep:
                guard let statistic = figure.statistic else {
                    throw fail("\(field).figure", "kind \(figure.kind.rawValue) needs statistic")
                }
                try validate(statistic, field: "\(field).figure.statistic", needsGroup: false)
                try validateGroupedBars(figure, field: "\(field).figure")
                if figure.kind == .sweep, let flat = chosen.first(where: { $0.axisValues.allSatisfy { $0 == nil } }) {
                    throw fail("\(field).figure", "a sweep needs a numeric grid value, and \(flat.name) has none")
                }
            }
        default:
            throw fail(field, "an item has either \"table\", \"figure\", \"markdown\" or \"hook\"")
        }
    }

    private func validate(_ table: TableSpec, field: String) throws {
        _ = try variants(table.groups, field: "\(field).groups")
        for (index, column) in table.columns.enumerated() {
            try validate(column.statistic, field: "\(field).columns[\(index)].statistic", needsGroup: false)
        }
    }
}
