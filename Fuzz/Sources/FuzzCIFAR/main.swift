import Backprop
import FuzzSupport

// Each input as a CIFAR-10 binary batch file.
runFuzzer { data, size in
    let path = FuzzFile.write(fuzzBytes(data, size), name: "cifar")
    _ = try? CIFAR10.loadBatch(path: path) as LabeledDataset<Float>
    return 0
}
