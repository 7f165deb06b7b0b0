import Backprop
import FuzzSupport
import Foundation

/// One input as an idx images file on disk (plain or gzip): read with the header's bound, then parsed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzFile.write(data, size, name: "idx")
    _ = try? IDXFile.read(path, expectedMagic: IDXFile.imageMagic)
    _ = try? IDXFile.read(path, expectedMagic: IDXFile.labelMagic)
    return 0
}
