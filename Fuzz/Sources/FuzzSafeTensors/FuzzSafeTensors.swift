import Backprop
import FuzzSupport
import Foundation

/// One input as a safetensors checkpoint, read as Float and as Double.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let url = URL(fileURLWithPath: FuzzFile.write(data, size, name: "safetensors"))
    _ = try? SafeTensors.read(from: url, as: Float.self)
    _ = try? SafeTensors.read(from: url, as: Double.self)
    return 0
}
