import Backprop
import Foundation
import FuzzSupport

// Each input as a safetensors checkpoint, read as Float and as Double.
runFuzzer { data, size in
    let url = URL(fileURLWithPath: FuzzFile.write(fuzzBytes(data, size), name: "safetensors"))
    _ = try? SafeTensors.read(from: url, as: Float.self)
    _ = try? SafeTensors.read(from: url, as: Double.self)
    return 0
}
