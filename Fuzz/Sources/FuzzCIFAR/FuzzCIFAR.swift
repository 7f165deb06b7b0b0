import Backprop
import FuzzSupport
import Foundation

/// One input as a CIFAR-10 binary batch file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCIFAR(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzFile.write(data, size, name: "cifar")
    _ = try? CIFAR10.loadBatch(path: path) as LabeledDataset<Float>
    return 0
}
