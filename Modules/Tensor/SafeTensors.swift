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

    /// Reads every tensor of a file, converting F32/F64 to `Scalar`.
    public static func read<Scalar: TensorScalar>(from url: URL, as _: Scalar.Type = Scalar.self) throws -> [String:
        Tensor<Scalar>]
    {
        let path = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw Failure.unreadable(path: path, reason: "\(error.localizedDescription)")
        }
        guard data.count >= 8 else {
            throw Failure.malformed(path: path, reason: "\(data.count) bytes, shorter than the 8-byte header length")
        }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) {
            $0 | UInt64($1.element) << (8 * UInt64($1.offset))
        }
        guard headerLength <= UInt64(data.count - 8) else {
            throw Failure.malformed(
                path: path, reason: "header length \(headerLength) exceeds the file's \(data.count - 8) remaining bytes"
            )
        }
        let body = data.dropFirst(8 + Int(headerLength))
        guard
            let header = try? JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + Int(headerLength))))
                as? [String: Any]
        else {
            throw Failure.malformed(path: path, reason: "the header is not a JSON object")
        }
        var result: [String: Tensor<Scalar>] = [:]
        for (name, entry) in header where name != "__metadata__" {
            guard let entry = entry as? [String: Any], let dtype = entry["dtype"] as? String,
                let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2
            else { throw Failure.malformed(path: path, reason: "entry \"\(name)\" lacks dtype, shape or data_offsets") }
            let width: Int
            switch dtype {
            case "F32": width = 4
            case "F64": width = 8
            default:
                throw Failure.malformed(
                    path: path, reason: "tensor \"\(name)\" has dtype \(dtype); only F32 and F64 are supported")
            }
            guard let byteCount = ElementCount.of(shape, width: width) else {
                throw Failure.malformed(
                    path: path,
                    reason:
                        "tensor \"\(name)\" has shape \(shape): a negative dimension or more elements than any file holds"
                )
            }
            let count = byteCount / width
            guard offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= body.count,
                offsets[1] - offsets[0] == byteCount
            else {
                throw Failure.malformed(
                    path: path,
                    reason:
                        "tensor \"\(name)\" needs bytes \(offsets[0])..<\(offsets[1]) but the data section has \(body.count) (truncated?)"
                )
            }
            let bytes = body.dropFirst(offsets[0]).prefix(count * width)
            let values: [Scalar] = bytes.withUnsafeBytes { raw in
                width == 4
                    ? (0..<count).map {
                        Scalar(
                            Float(bitPattern: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self).littleEndian))
                    }
                    : (0..<count).map {
                        Scalar(
                            Double(bitPattern: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self).littleEndian))
                    }
            }
            result[name] = try Tensor(shape: shape, scalars: values)
        }
        return result
    }
}
