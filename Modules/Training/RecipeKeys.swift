import Foundation

/// A decoded part whose JSON object may hold only the names of its stored properties: a
/// misspelt key ("epoch" for "epochs") is an error, not a field silently left at its default.
/// Recipes and the harness's report specs conform; `StrictJSON.decode` checks them.
public protocol StrictRecipeObject {}

extension TrainingRecipe: StrictRecipeObject {}
extension ModelSpec: StrictRecipeObject {}
extension MLPSpec: StrictRecipeObject {}
extension LayerListSpec: StrictRecipeObject {}
extension TrainingSpec: StrictRecipeObject {}

/// Finds JSON keys that no stored property of the decoded value takes, by walking the JSON beside
/// the value's `Mirror` (synthesised `Codable` uses the property names as keys). A component's
/// own settings (a layer's, an optimizer's, …) are checked against what it declares by the registry.
enum RecipeKeys {
    /// The first unknown key as "field path: message", or nil when every key is known.
    static func firstUnknown(json: Any, decoded: Any, path: String = "") -> String? {
        let mirror = Mirror(reflecting: decoded)
        if mirror.displayStyle == .optional {
            return mirror.children.first.flatMap { firstUnknown(json: json, decoded: $0.value, path: path) }
        }
        if let items = json as? [Any], mirror.displayStyle == .collection {
            for (index, (item, value)) in zip(items, mirror.children.map(\.value)).enumerated() {
                if let unknown = firstUnknown(json: item, decoded: value, path: "\(path)[\(index)]") { return unknown }
            }
            return nil
        }
        guard decoded is StrictRecipeObject, let object = json as? [String: Any] else { return nil }
        if mirror.displayStyle == .enum {
            return mirror.children.first.flatMap { firstUnknown(json: json, decoded: $0.value, path: path) }
        }
        let fields = Dictionary(
            mirror.children.compactMap { child in child.label.map { ($0, child.value) } },
            uniquingKeysWith: { first, _ in first })
        for key in object.keys.sorted() {
            let field = path.isEmpty ? key : "\(path).\(key)"
            guard let value = fields[key] else {
                return "unknown field \(field); known at this level: \(fields.keys.sorted().joined(separator: ", "))"
            }
            if let unknown = firstUnknown(json: object[key]!, decoded: value, path: field) { return unknown }
        }
        return nil
    }
}
