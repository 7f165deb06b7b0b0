import Foundation
import TensorCore

extension Module {
    /// Every parameter and buffer by dotted name, in a deterministic order (PyTorch's `state_dict()`).
    public func stateDict() -> [(name: String, tensor: Tensor<Scalar>)] {
        (namedParameters() + namedBuffers()).map { (name: $0.name, tensor: $0.parameter.value) }
    }

    /// Replaces parameter and buffer values from `state`; every entry must be present with the right shape.
    public func loadStateDict(_ state: [String: Tensor<Scalar>], source: String = "state dictionary") throws {
        for (name, parameter) in namedParameters() + namedBuffers() {
            guard let tensor = state[name] else { throw SafeTensors.Failure.missingTensor(path: source, name: name) }
            guard tensor.shape == parameter.value.shape else {
                throw SafeTensors.Failure.shapeMismatch(
                    path: source, name: name, found: tensor.shape, expected: parameter.value.shape)
            }
            parameter.value = tensor
        }
    }

    /// Saves the state dictionary as a safetensors file (atomically), with `prefix` before every name.
    public func save(to url: URL, prefix: String = "", metadata: [String: String] = [:]) throws {
        try SafeTensors.write(
            stateDict().map { (name: prefix + $0.name, tensor: $0.tensor) }, metadata: metadata, to: url)
    }

    /// Loads parameters saved by `save(to:)`; a missing or mis-shaped tensor is an error naming it and the file.
    public func load(from url: URL, prefix: String = "") throws {
        let all: [String: Tensor<Scalar>] = try SafeTensors.read(from: url)
        var mine: [String: Tensor<Scalar>] = [:]
        for (name, tensor) in all where name.hasPrefix(prefix) { mine[String(name.dropFirst(prefix.count))] = tensor }
        try loadStateDict(mine, source: url.path)
    }
}
