import Foundation

/// Strict JSON decoding for files people write (recipes, report specs): a value of the wrong
/// type, a missing field or a key that no field takes is an error naming the file and the field
/// path ("training.optimizer.learningRate"), never a default silently used.
public enum StrictJSON {
    /// Decodes `type` from `data`; every `StrictRecipeObject` inside may hold only its own keys.
    /// - Parameters:
    ///   - type: what to decode.
    ///   - data: the file's bytes.
    ///   - source: the file's name, for errors.
    /// - Throws: `RecipeError.malformed` naming `source` and the field.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, source: String) throws -> T {
        let value: T
        do {
            value = try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw RecipeError.malformed(source: source, detail: describe(error))
        }
        if let json = try? JSONSerialization.jsonObject(with: data),
            let unknown = RecipeKeys.firstUnknown(json: json, decoded: value)
        {
            throw RecipeError.malformed(source: source, detail: unknown)
        }
        return value
    }

    /// "missing field training.epochs", "field model.hidden should be Array<Int>", ….
    public static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(
                of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field \(path(context.codingPath + [key]))"
        case .typeMismatch(let type, let context): return "field \(path(context.codingPath)) should be \(type)"
        case .valueNotFound(let type, let context): return "field \(path(context.codingPath)) is null, expected \(type)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "not valid JSON (\(context.debugDescription))"
                : "field \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
