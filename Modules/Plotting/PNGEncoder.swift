import CPNG
import Foundation

/// Encodes RGBA pixels as PNG through libpng, with tEXt chunks (Title, Software, …).
public enum PNGEncoder {
    /// libpng refused to encode (it reports errors only by a code), or the file could not be written.
    public enum Failure: Error, CustomStringConvertible {
        case encodingFailed(code: Int32)
        case cannotWrite(path: String, reason: String)

        public var description: String {
            switch self {
            case .encodingFailed(let code): return "libpng could not encode the image (code \(code))"
            case .cannotWrite(let path, let reason): return "\(path): cannot write (\(reason))"
            }
        }
    }

    public static func encode(
        rgba: [UInt8], width: Int, height: Int, text: [(key: String, value: String)], compressionLevel: Int = 6
    ) throws -> Data {
        var buffer = BackpropPNGBuffer(data: nil, size: 0, capacity: 0)
        let keys = text.map { strdup($0.key) }
        let values = text.map { strdup($0.value) }
        defer { for pointer in keys + values { free(pointer) } }
        let status = rgba.withUnsafeBufferPointer { pixels in
            keys.map { UnsafePointer($0) }.withUnsafeBufferPointer { keyPointers in
                values.map { UnsafePointer($0) }.withUnsafeBufferPointer { valuePointers in
                    backprop_png_encode(
                        pixels.baseAddress, Int32(width), Int32(height), Int32(width * 4),
                        keyPointers.baseAddress, valuePointers.baseAddress, Int32(text.count), Int32(compressionLevel),
                        &buffer)
                }
            }
        }
        defer { free(buffer.data) }
        guard status == 0, let bytes = buffer.data else { throw Failure.encodingFailed(code: status) }
        return Data(bytes: bytes, count: buffer.size)
    }
}
