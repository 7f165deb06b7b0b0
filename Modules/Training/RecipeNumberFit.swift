import Foundation

/// Finds the field behind Foundation's "not valid JSON" for valid JSON with a number its field
/// cannot hold (1e30 epochs, a negative seed): each number is replaced by 0 in turn until the
/// recipe decodes past it. Recipes are small, so the retries cost nothing.
enum RecipeNumberFit {
    /// "field path is value; …" for the first number that does not fit, or nil.
    static func describe(_ data: Data) -> String? {
        guard let json = try? JSONSerialization.jsonObject(with: data) else { return nil }
        for (path, value) in numbers(in: json, path: []) {
            let patched = replacing(in: json, at: path, with: 0)
            guard let patchedData = try? JSONSerialization.data(withJSONObject: patched) else { continue }
            if fitsPast(patchedData) {
                let field = path.map { $0.index.map { "[\($0)]" } ?? ".\($0.key!)" }.joined().dropFirst()
                return
                    "field \(field) is \(value), which does not fit it (a whole number in range is expected for counts, sizes and seeds)"
            }
        }
        return nil
    }

    private struct Step {
        var key: String?, index: Int?
    }

    /// Whether decoding no longer fails with the number error (it may fail later for another reason).
    private static func fitsPast(_ data: Data) -> Bool {
        do {
            _ = try JSONDecoder().decode(TrainingRecipe.self, from: data)
            return true
        } catch let DecodingError.dataCorrupted(context) {
            return !context.codingPath.isEmpty
        } catch {
            return true
        }
    }

    private static func numbers(in json: Any, path: [Step]) -> [([Step], NSNumber)] {
        if let object = json as? [String: Any] {
            return object.keys.sorted().flatMap { numbers(in: object[$0]!, path: path + [Step(key: $0)]) }
        }
        if let array = json as? [Any] {
            return array.enumerated().flatMap { numbers(in: $0.element, path: path + [Step(index: $0.offset)]) }
        }
        if let number = json as? NSNumber, !(json is Bool) { return [(path, number)] }
        return []
    }

    private static func replacing(in json: Any, at path: [Step], with value: Any) -> Any {
        guard let step = path.first else { return value }
        if var object = json as? [String: Any], let key = step.key, let child = object[key] {
            object[key] = replacing(in: child, at: Array(path.dropFirst()), with: value)
            return object
        }
        if var array = json as? [Any], let index = step.index, array.indices.contains(index) {
            array[index] = replacing(in: array[index], at: Array(path.dropFirst()), with: value)
            return array
        }
        return json
    }
}
