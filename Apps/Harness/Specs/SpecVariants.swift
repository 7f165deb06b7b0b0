import Backprop
import Foundation

/// One configuration of a run group: a combination of its grid's values, with the recipe it
/// gives in each mode.
struct SpecVariant {
    /// "width 1×64": the group's name and the grid labels.
    let name: String
    let group: String
    let trials: FullAndQuick<Int>
    let full: TrainingRecipe
    let quick: TrainingRecipe
    /// The full-mode recipe as data, for experiments that change its fields.
    let fullRecipe: SettingValue
    /// The numeric value of each grid axis for this variant (nil where it is not a number), for sweeps.
    let axisValues: [Double?]
    /// The name its seeds are derived from.
    let seedName: String
    let recording: RecordingSpec
    /// How runs.csv names its runs, with `{trial}` still to fill in (nil: the default name).
    let runLabel: String?
    /// Whether quick mode runs it (an axis's `quick` may leave it out).
    let runsInQuickMode: Bool
    let runner: RunKind

    func recipe(_ mode: Mode) -> TrainingRecipe { mode == .full ? full : quick }
}

extension RunGroupSpec {
    /// Every combination of the grid's values, with its recipes decoded as `train --config` decodes them.
    /// - Parameters:
    ///   - field: the group's field path in the spec, for errors ("groups[1]").
    ///   - source: the spec's file.
    func variants(reportID: String, field: String, source: String) throws -> [SpecVariant] {
        var combinations: [(labels: [String], values: [GridValue], settings: [(path: String, value: SettingValue)])] = [
            ([], [], [])
        ]
        for (index, axis) in (grid ?? []).enumerated() {
            let settings = try axis.values.enumerated().map { valueIndex, gridValue in
                try Self.settings(
                    of: gridValue, on: axis, field: "\(field).grid[\(index)].values[\(valueIndex)]", source: source)
            }
            combinations = combinations.flatMap { combination in
                zip(axis.values, settings).map {
                    (combination.labels + [$0.label], combination.values + [$0], combination.settings + $1)
                }
            }
        }
        return try combinations.map { combination in
            var full = recipe
            for (path, value) in combination.settings {
                full = try Self.setting(full, path: path, to: value, field: "\(field).grid", source: source)
            }
            var quickRecipe = full
            for (path, value) in (quick ?? [:]).sorted(by: { $0.key < $1.key }) {
                quickRecipe = try Self.setting(
                    quickRecipe, path: path, to: value, field: "\(field).quick", source: source)
            }
            let name = ([self.name] + combination.labels).joined(separator: " ")
            return SpecVariant(
                name: name, group: self.name, trials: trials,
                full: try Self.decode(full, source: "\(source): \(field).recipe (\(name))"),
                quick: try Self.decode(quickRecipe, source: "\(source): \(field).recipe (\(name), quick)"),
                fullRecipe: full,
                axisValues: combination.values.map { $0.x ?? $0.value?.number },
                seedName: combination.values.compactMap(\.seedName).last ?? seedName ?? "\(reportID)/\(name)",
                recording: combination.values.reduce(recording ?? RecordingSettings()) {
                    $0.overridden(by: $1.recording)
                }
                .recording,
                runLabel: runLabel.map {
                    $0.replacingOccurrences(of: "{grid}", with: combination.labels.joined(separator: " "))
                },
                runsInQuickMode: zip(grid ?? [], combination.labels).allSatisfy { axis, label in
                    axis.quick?.contains(label) ?? true
                }, runner: runner ?? .sharedLoop)
        }
    }

    /// The (path, value) pairs one grid value sets: its axis's field, or its own `set`.
    private static func settings(of gridValue: GridValue, on axis: GridAxis, field: String, source: String) throws
        -> [(path: String, value: SettingValue)]
    {
        switch (axis.field, gridValue.value, gridValue.set) {
        case (let path?, let value?, nil): return [(path, value)]
        case (nil, nil, let set?) where !set.isEmpty: return set.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        case (_?, _, _):
            throw RecipeError.malformed(
                source: source, detail: "field \(field): an axis with a field takes \"value\" (and no \"set\")")
        default:
            throw RecipeError.malformed(
                source: source,
                detail: "field \(field): an axis without a field takes \"set\", an object of field paths and values")
        }
    }

    static func decode(_ recipe: SettingValue, source: String) throws -> TrainingRecipe {
        try TrainingRecipe.decode(try JSONEncoder().encode(recipe), source: source)
    }

    /// `tree` with the value at the dotted `path` replaced (or added).
    static func setting(_ tree: SettingValue, path: String, to value: SettingValue, field: String, source: String)
        throws
        -> SettingValue
    {
        func set(_ node: SettingValue, _ keys: ArraySlice<String>) throws -> SettingValue {
            guard let key = keys.first else { return value }
            guard case .object(var object) = node else {
                throw RecipeError.malformed(
                    source: source, detail: "field \(field): \"\(path)\" goes through \(node), which is not an object")
            }
            object[key] = try set(object[key] ?? .object([:]), keys.dropFirst())
            return .object(object)
        }
        let keys = path.split(separator: ".").map(String.init)
        guard !keys.isEmpty else {
            throw RecipeError.malformed(source: source, detail: "field \(field): an empty field path")
        }
        return try set(tree, keys[...])
    }
}
