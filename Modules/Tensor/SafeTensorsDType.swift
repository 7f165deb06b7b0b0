/// The element types the safetensors format defines, with their widths, and how each becomes a
/// Backprop scalar: F16 and BF16 widen exactly to Float, the integer types and BOOL convert as
/// numbers; the two 8-bit float types are refused (no model of ours needs them).
public enum SafeTensorsDType: String, Sendable, CaseIterable {
    case bool = "BOOL"
    case u8 = "U8"
    case i8 = "I8"
    case f8e5m2 = "F8_E5M2"
    case f8e4m3 = "F8_E4M3"
    case i16 = "I16"
    case u16 = "U16"
    case f16 = "F16"
    case bf16 = "BF16"
    case i32 = "I32"
    case u32 = "U32"
    case f32 = "F32"
    case f64 = "F64"
    case i64 = "I64"
    case u64 = "U64"

    /// Bytes per element.
    public var byteWidth: Int {
        switch self {
        case .bool, .u8, .i8, .f8e5m2, .f8e4m3: return 1
        case .i16, .u16, .f16, .bf16: return 2
        case .i32, .u32, .f32: return 4
        case .f64, .i64, .u64: return 8
        }
    }

    /// `count` little-endian elements at byte `start` of `raw`, as `Scalar`.
    func decode<Scalar: TensorScalar>(
        _ raw: UnsafeRawBufferPointer, from start: Int, count: Int, tensor: String, path: String
    ) throws -> [Scalar] {
        func load<T: FixedWidthInteger>(_: T.Type, _ index: Int) -> T {
            T(littleEndian: raw.loadUnaligned(fromByteOffset: start + index * MemoryLayout<T>.size, as: T.self))
        }
        switch self {
        case .f32: return (0..<count).map { Scalar(Float(bitPattern: load(UInt32.self, $0))) }
        case .f64: return (0..<count).map { Scalar(Double(bitPattern: load(UInt64.self, $0))) }
        case .f16: return (0..<count).map { Scalar(Float(Float16(bitPattern: load(UInt16.self, $0)))) }
        case .bf16: return (0..<count).map { Scalar(Float(bitPattern: UInt32(load(UInt16.self, $0)) << 16)) }
        case .bool, .u8: return (0..<count).map { Scalar(Double(load(UInt8.self, $0))) }
        case .i8: return (0..<count).map { Scalar(Double(load(Int8.self, $0))) }
        case .i16: return (0..<count).map { Scalar(Double(load(Int16.self, $0))) }
        case .u16: return (0..<count).map { Scalar(Double(load(UInt16.self, $0))) }
        case .i32: return (0..<count).map { Scalar(Double(load(Int32.self, $0))) }
        case .u32: return (0..<count).map { Scalar(Double(load(UInt32.self, $0))) }
        case .i64: return (0..<count).map { Scalar(Double(load(Int64.self, $0))) }
        case .u64: return (0..<count).map { Scalar(Double(load(UInt64.self, $0))) }
        case .f8e5m2, .f8e4m3:
            throw SafeTensors.Failure.malformed(
                path: path, reason: "tensor \"\(tensor)\" is \(rawValue), an 8-bit float type Backprop does not read")
        }
    }
}
