/// Range checks on the loop's numbers of a recipe or run: each failure names the field, its value
/// and what was expected, instead of a trap, an abort or a silently clamped value later on.
enum SpecificationCheck {
    /// Fails unless `value` is a whole number ≥ `minimum`.
    static func count(_ value: Int, _ field: String, minimum: Int = 1, source: String) throws {
        guard value >= minimum else {
            throw RecipeError.malformed(
                source: source, detail: "field \(field) is \(value); expected a whole number ≥ \(minimum)")
        }
    }
}

extension TrainingSpec {
    /// Epochs and batch size positive (the components' settings are checked by the registry, which knows what each takes).
    public func validate(source: String) throws {
        try SpecificationCheck.count(epochs, "training.epochs", source: source)
        try SpecificationCheck.count(batchSize, "training.batchSize", source: source)
    }
}

extension ComponentRegistry {
    /// Checks every component setting of `training` and `dataset` against what the named
    /// components declare, before anything is built or loaded: an unknown name, an unknown key,
    /// a value of the wrong kind or out of range is an error naming the field, the key and the
    /// settings the component takes.
    public func checkSettings(of training: TrainingSpec, dataset: DatasetSpec? = nil) throws {
        _ = try settings(
            .optimizer, training.optimizer.name, values: training.optimizer.allSettings, field: "training.optimizer")
        _ = try settings(.loss, training.loss.name, values: training.loss.allSettings, field: "training.loss")
        if let schedule = training.schedule {
            _ = try settings(.schedule, schedule.name, values: schedule.settings, field: "training.schedule")
        }
        for (index, observer) in (training.observers ?? []).enumerated() {
            _ = try settings(.observer, observer.name, values: observer.settings, field: "training.observers[\(index)]")
        }
        if let dataset { _ = try settings(.dataset, dataset.name, values: dataset.settings, field: "dataset") }
    }

    /// `checkSettings` for a whole recipe, its errors naming `source` (the recipe's file).
    public func checkSettings(of recipe: TrainingRecipe, source: String) throws {
        do {
            try checkSettings(of: recipe.training, dataset: recipe.dataset)
        } catch let error as RecipeError {
            throw RecipeError.malformed(source: source, detail: error.description)
        } catch let error as RegistryError {
            throw RecipeError.malformed(source: source, detail: error.description)
        }
    }
}

extension DatasetSpec {
    /// The largest example count a recipe may ask a dataset for (generated sets are made whole in memory).
    public static let maximumCount = 100_000_000

    /// Train and test counts, when given, between 1 and `maximumCount`.
    public func validate(source: String) throws {
        for (field, value) in [("trainCount", trainCount), ("testCount", testCount)] {
            guard let value else { continue }
            guard value >= 1, value <= Self.maximumCount else {
                throw RecipeError.malformed(
                    source: source,
                    detail: "field dataset.\(field) is \(value); expected a whole number from 1 to \(Self.maximumCount)"
                )
            }
        }
    }
}
