import TensorCore

/// The memory a tensor's elements live at, to tell reused storage from fresh storage.
public func storageAddress<Scalar>(_ tensor: Tensor<Scalar>) -> UInt {
    tensor.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
}
