import Foundation
import Layers
import Randomness

/// Where a run's weights come from: the recipe's initialisation, a PyTorch state dictionary, or a
/// resume checkpoint (weights, optimizer state, random stream and epochs done).
public enum TrainingStart {
    case fresh
    /// Weights in a safetensors file with PyTorch's state-dict names.
    case weights(URL)
    /// A checkpoint `train` wrote after a whole epoch of the same recipe.
    case checkpoint(TrainingCheckpoint, source: String)

    /// Puts the start's state into the freshly built `setup` and `random`; the resume point, if any.
    func apply(to setup: TrainingSetup, random: RandomSource) throws -> ResumePoint? {
        switch self {
        case .fresh: return nil
        case .weights(let url):
            try setup.model.loadPyTorchWeights(from: url)
            return nil
        case .checkpoint(let checkpoint, let source):
            guard setup.trainer.observers.isEmpty else {
                throw RecipeError.malformed(
                    source: source,
                    detail:
                        "its recipe has training observers, whose state a checkpoint does not hold; resume works for recipes without them"
                )
            }
            try setup.model.loadStateDict(Dictionary(uniqueKeysWithValues: checkpoint.model), source: source)
            try setup.trainer.optimizer.loadStateDict(Dictionary(uniqueKeysWithValues: checkpoint.optimizer))
            try random.restore(checkpoint.randomState)
            return checkpoint.point
        }
    }
}
