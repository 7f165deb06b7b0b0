import Backprop
import FuzzSupport

// Each input as a training recipe: decoded and checked, then its model's layer list expanded.
runFuzzer { data, size in
    guard let recipe = try? TrainingRecipe.decode(fuzzBytes(data, size), source: "fuzz") else { return 0 }
    _ = try? ComponentRegistry.standard.layerList(recipe.model)
    return 0
}
