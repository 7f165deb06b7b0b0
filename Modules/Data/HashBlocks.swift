/// The Merkle–Damgård framing MD5 and SHA-256 share: every 64-byte block of the message, then
/// the padding (0x80, zeros, the message's length in bits as 8 bytes) in one or two more blocks.
enum HashBlocks {
    /// The byte order of the length field: MD5 writes it little-endian, SHA-256 big-endian.
    enum LengthOrder { case littleEndian, bigEndian }

    /// Calls `compress` with each 64-byte block of `bytes` and its padding, in order.
    static func forEach(of bytes: [UInt8], length order: LengthOrder, _ compress: (UnsafePointer<UInt8>) -> Void) {
        let fullBlocks = bytes.count / 64
        bytes.withUnsafeBufferPointer { buffer in
            for block in 0..<fullBlocks { compress(buffer.baseAddress! + block * 64) }
        }
        var tail = Array(bytes[(fullBlocks * 64)...])
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bitLength = UInt64(bytes.count) &* 8
        let shifts =
            order == .littleEndian
            ? Array(stride(from: 0, through: 56, by: 8)) : Array(stride(from: 56, through: 0, by: -8))
        for shift in shifts { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBufferPointer { buffer in
            for block in 0..<(tail.count / 64) { compress(buffer.baseAddress! + block * 64) }
        }
    }
}
