import Backprop
import FuzzSupport

// Each input as a training recipe: decoded, its components' settings checked against the
// standard registry, then its model's layer list expanded.
runFuzzer { data, size in
    guard let recipe = try? TrainingRecipe.decode(fuzzBytes(data, size), source: "fuzz") else { return 0 }
    try? ComponentRegistry.standard.checkSettings(of: recipe, source: "fuzz")
    _ = try? ComponentRegistry.standard.layerList(recipe.model)
    return 0
}
