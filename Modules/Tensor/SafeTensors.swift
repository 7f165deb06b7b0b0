import Foundation

/// Reads and writes the safetensors format (https://github.com/huggingface/safetensors), so
/// PyTorch users can open Backprop checkpoints: an 8-byte little-endian header length, a JSON
/// header mapping each name to dtype, shape and byte offsets, then the raw little-endian data.
public enum SafeTensors {
    /// What can be wrong with a safetensors file; each case names the file.
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case unreadable(path: String, reason: String)
        case malformed(path: String, reason: String)
        case missingTensor(path: String, name: String)
        case shapeMismatch(path: String, name: String, found: [Int], expected: [Int])

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): return "\(path): cannot read (\(reason))"
            case .malformed(let path, let reason): return "\(path): not a valid safetensors file: \(reason)"
            case .missingTensor(let path, let name): return "\(path): has no tensor named \"\(name)\""
            case .shapeMismatch(let path, let name, let found, let expected):
                return "\(path): tensor \"\(name)\" has shape \(found), expected \(expected)"
            }
        }
    }

    /// Writes `tensors` (name, tensor) atomically: to a temporary file in the same folder, then renamed.
    public static func write<Scalar: TensorScalar>(
        _ tensors: [(name: String, tensor: Tensor<Scalar>)], metadata: [String: String] = [:], to url: URL
    ) throws {
        let dtype = Scalar.self == Double.self ? "F64" : "F32"
        let width = MemoryLayout<Scalar>.size
        var header: [String: Any] = [:]
        var offset = 0
        for (name, tensor) in tensors {
            header[name] = [
                "dtype": dtype, "shape": tensor.shape, "data_offsets": [offset, offset + tensor.count * width],
            ]
            offset += tensor.count * width
        }
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while json.count % 8 != 0 { json.append(0x20) }
        var file = Data()
        file.reserveCapacity(8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(json)
        for (_, tensor) in tensors {
            tensor.withUnsafeBufferPointer {
                file.append(
                    UnsafeBufferPointer(
                        start: UnsafeRawPointer($0.baseAddress)?.assumingMemoryBound(to: UInt8.self),
                        count: $0.count * width))
            }
        }
        try AtomicFile.write(file, to: url)
    }

    /// Reads every tensor of a file, converting it to `Scalar` (F16 and BF16 widen exactly; the
    /// integer types convert as numbers). The file must follow every rule of the format as the
    /// reference implementation checks them (`SafeTensorsHeader.parse`).
    public static func read<Scalar: TensorScalar>(from url: URL, as _: Scalar.Type = Scalar.self) throws -> [String:
        Tensor<Scalar>]
    {
        let path = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw Failure.unreadable(path: path, reason: "\(error.localizedDescription)")
        }
        let bytes = [UInt8](data)
        let header = try SafeTensorsHeader.parse(bytes, path: path)
        var result: [String: Tensor<Scalar>] = [:]
        for entry in header.entries {
            let start = header.dataStart + entry.offsets.lowerBound
            let values: [Scalar] = try bytes.withUnsafeBytes { raw in
                try entry.dtype.decode(raw, from: start, count: entry.elementCount, tensor: entry.name, path: path)
            }
            result[entry.name] = try Tensor(shape: entry.shape, scalars: values)
        }
        return result
    }
}
