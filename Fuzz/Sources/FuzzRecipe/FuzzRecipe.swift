import Backprop
import Foundation

/// One input as a training recipe: decoded, checked, and (when that succeeds) its model's layer list expanded.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecipe(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let recipe = try? TrainingRecipe.decode(Data(bytes: data, count: size), source: "fuzz") else { return 0 }
    _ = try? ComponentRegistry.standard.layerList(recipe.model)
    return 0
}
