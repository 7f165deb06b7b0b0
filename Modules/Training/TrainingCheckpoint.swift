import Foundation
import TensorCore

/// Everything a `train` run needs to continue after a whole epoch with the same bits as a run
/// that never stopped: the recipe, the model's and the optimizer's tensors, the random stream's
/// state and the resume point (history and steps). Stored as one safetensors file (tensors
/// `model.<name>` and `optimizer.<name>`, the rest as metadata), written atomically.
public struct TrainingCheckpoint {
    /// The metadata value that marks the file, with the layout's version.
    public static let format = "backprop-resume-1"

    public var recipe: TrainingRecipe
    public var model: [(name: String, tensor: Tensor<Float>)]
    public var optimizer: [(name: String, tensor: Tensor<Float>)]
    public var randomState: [UInt8]
    public var point: ResumePoint

    /// - Parameters:
    ///   - recipe: the run's recipe.
    ///   - model: the model's state dictionary.
    ///   - optimizer: the optimizer's state dictionary.
    ///   - randomState: the random stream's state.
    ///   - point: the epochs done and the steps taken.
    public init(
        recipe: TrainingRecipe, model: [(name: String, tensor: Tensor<Float>)],
        optimizer: [(name: String, tensor: Tensor<Float>)], randomState: [UInt8], point: ResumePoint
    ) {
        (self.recipe, self.model, self.optimizer, self.randomState, self.point) = (
            recipe, model, optimizer, randomState, point
        )
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// Writes the checkpoint to `url` in one step.
    public func write(to url: URL) throws {
        let encoder = Self.encoder()
        let metadata = [
            "format": Self.format, "random": randomState.map { String(format: "%02x", $0) }.joined(),
            "resume": String(decoding: try encoder.encode(point), as: UTF8.self),
            "recipe": String(decoding: try encoder.encode(recipe), as: UTF8.self),
        ]
        try SafeTensors.write(
            model.map { (name: "model." + $0.name, tensor: $0.tensor) }
                + optimizer.map { (name: "optimizer." + $0.name, tensor: $0.tensor) }, metadata: metadata, to: url)
    }

    /// The bytes of a string of hex digit pairs, or nil if it is not one.
    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for pair in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[pair..<(pair + 2)], as: UTF8.self), radix: 16) else {
                return nil
            }
            bytes.append(byte)
        }
        return bytes
    }

    /// Reads a checkpoint `write(to:)` wrote; anything else is an error naming the file.
    public static func read(from url: URL) throws -> TrainingCheckpoint {
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: url)) } catch {
            throw SafeTensors.Failure.unreadable(path: url.path, reason: error.localizedDescription)
        }
        let metadata = try SafeTensorsHeader.parse(bytes, path: url.path).metadata
        func broken(_ reason: String) -> SafeTensors.Failure { .malformed(path: url.path, reason: reason) }
        guard metadata["format"] == format else {
            throw broken("not a resume checkpoint (its metadata has no \"format\": \"\(format)\")")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let random = metadata["random"].flatMap(Self.bytes(hex:)), let pointText = metadata["resume"],
            let recipeText = metadata["recipe"]
        else { throw broken("the resume metadata (random, resume, recipe) is incomplete") }
        let point: ResumePoint
        let recipe: TrainingRecipe
        do {
            point = try decoder.decode(ResumePoint.self, from: Data(pointText.utf8))
            recipe = try TrainingRecipe.decode(Data(recipeText.utf8), source: url.path + " (recipe)")
        } catch {
            throw broken("the resume metadata does not decode: \(error)")
        }
        let tensors: [String: Tensor<Float>] = try SafeTensors.read(from: url)
        func part(_ prefix: String) -> [(name: String, tensor: Tensor<Float>)] {
            tensors.filter { $0.key.hasPrefix(prefix) }.map {
                (name: String($0.key.dropFirst(prefix.count)), tensor: $0.value)
            }
        }
        return TrainingCheckpoint(
            recipe: recipe, model: part("model."), optimizer: part("optimizer."), randomState: random, point: point)
    }
}
