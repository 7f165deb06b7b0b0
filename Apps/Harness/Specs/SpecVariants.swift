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
    /// The numeric value of each grid axis for this variant (nil where it is not a number), for sweeps.
    let axisValues: [Double?]

    func recipe(_ mode: Mode) -> TrainingRecipe { mode == .full ? full : quick }
}

extension RunGroupSpec {
    /// Every combination of the grid's values, with its recipes decoded as `train --config` decodes them.
    /// - Parameters:
    ///   - field: the group's field path in the spec, for errors ("groups[1]").
    ///   - source: the spec's file.
    func variants(field: String, source: String) throws -> [SpecVariant] {
        var combinations: [(labels: [String], values: [(path: String, value: GridValue)])] = [([], [])]
        for axis in grid ?? [] {
            combinations = combinations.flatMap { combination in
                axis.values.map { (combination.labels + [$0.label], combination.values + [(axis.field, $0)]) }
            }
        }
        return try combinations.map { combination in
            var full = recipe
            for (path, gridValue) in combination.values {
                full = try Self.setting(full, path: path, to: gridValue.value, field: "\(field).grid", source: source)
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
                axisValues: combination.values.map { $0.value.x ?? $0.value.value.number })
        }
    }

    private static func decode(_ recipe: SettingValue, source: String) throws -> TrainingRecipe {
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
