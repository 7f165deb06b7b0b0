import Foundation
import TensorCore

/// Why a state dictionary does not fit a model: every missing, extra and misshapen tensor at once.
public struct StateDictionaryMismatch: Error, CustomStringConvertible, Equatable {
    public let source: String
    public let missing: [String]
    public let extra: [String]
    /// Name, shape in the file, shape the model has.
    public let misshapen: [String]

    public var description: String {
        var parts: [String] = []
        if !missing.isEmpty { parts.append("missing \(missing.joined(separator: ", "))") }
        if !extra.isEmpty { parts.append("extra \(extra.joined(separator: ", "))") }
        if !misshapen.isEmpty { parts.append("misshapen \(misshapen.joined(separator: "; "))") }
        return "\(source): the state dictionary does not fit the model: \(parts.joined(separator: "; "))"
    }
}

extension Module {
    /// Loads weights saved by PyTorch (`safetensors.torch.save_file(model.state_dict(), …)`): the
    /// names are PyTorch's (`0.weight`, `3.running_var`), so an `nn.Sequential` of the same layers
    /// fits. Any dtype the format defines is converted; BatchNorm's `num_batches_tracked` (a step
    /// counter with no effect here) is skipped. Nothing is changed unless every tensor fits.
    public func loadPyTorchWeights(from url: URL) throws {
        let file: [String: Tensor<Scalar>] = try SafeTensors.read(from: url)
        let mine = namedParameters() + namedBuffers()
        let names = Set(mine.map(\.name))
        let missing = mine.map(\.name).filter { file[$0] == nil }
        let extra = file.keys.filter { !names.contains($0) && !$0.hasSuffix("num_batches_tracked") }.sorted()
        let misshapen = mine.compactMap { name, parameter -> String? in
            guard let tensor = file[name], tensor.shape != parameter.value.shape else { return nil }
            return "\(name) is \(tensor.shape), the model has \(parameter.value.shape)"
        }
        guard missing.isEmpty, extra.isEmpty, misshapen.isEmpty else {
            throw StateDictionaryMismatch(source: url.path, missing: missing, extra: extra, misshapen: misshapen)
        }
        for (name, parameter) in mine { parameter.value = file[name]! }
    }
}
