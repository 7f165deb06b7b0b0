import Backprop
import FuzzSupport

// Each input as an idx file on disk (plain or gzip), read with the header's bound and parsed, as images and as labels.
runFuzzer { data, size in
    let path = FuzzFile.write(fuzzBytes(data, size), name: "idx")
    _ = try? IDXFile.read(path, expectedMagic: IDXFile.imageMagic)
    _ = try? IDXFile.read(path, expectedMagic: IDXFile.labelMagic)
    return 0
}
