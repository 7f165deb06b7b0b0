/// Range checks on the numbers of a recipe or run, as PyTorch's constructors make them: each
/// failure names the field, its value and what was expected, instead of a trap, an abort or a
/// silently clamped value later on.
enum SpecificationCheck {
    /// Fails unless `value` is a whole number ≥ `minimum`.
    static func count(_ value: Int, _ field: String, minimum: Int = 1, source: String) throws {
        guard value >= minimum else {
            throw RecipeError.malformed(
                source: source, detail: "field \(field) is \(value); expected a whole number ≥ \(minimum)")
        }
    }

    /// Fails unless `value` is finite and inside `range`.
    static func number(
        _ value: Double, _ field: String, in range: ClosedRange<Double>, expected: String, source: String
    ) throws {
        guard value.isFinite, range.contains(value) else {
            throw RecipeError.malformed(source: source, detail: "field \(field) is \(value); expected \(expected)")
        }
    }
}

extension TrainingSpec {
    /// Epochs and batch size positive; the optimizer's and schedule's settings in their ranges.
    public func validate(source: String) throws {
        try SpecificationCheck.count(epochs, "training.epochs", source: source)
        try SpecificationCheck.count(batchSize, "training.batchSize", source: source)
        try optimizer.validate(source: source)
        try schedule?.validate(source: source)
    }
}

extension OptimizerSpec {
    /// Learning rate, momentum and weight decays finite and ≥ 0 (PyTorch: "Invalid learning rate").
    public func validate(source: String) throws {
        let nonNegative = 0...Double.greatestFiniteMagnitude
        try SpecificationCheck.number(
            learningRate, "training.optimizer.learningRate", in: nonNegative, expected: "a finite number ≥ 0",
            source: source)
        for (field, value) in [
            ("momentum", momentum), ("weightDecay", weightDecay), ("decoupledWeightDecay", decoupledWeightDecay),
        ] {
            guard let value else { continue }
            try SpecificationCheck.number(
                value, "training.optimizer.\(field)", in: nonNegative, expected: "a finite number ≥ 0", source: source)
        }
        // PyTorch: "Nesterov momentum requires a momentum and zero dampening".
        if nesterov == true, (momentum ?? 0) <= 0 {
            throw RecipeError.malformed(
                source: source,
                detail:
                    "field training.optimizer.nesterov is true but momentum is \(momentum ?? 0); Nesterov needs a momentum > 0"
            )
        }
    }
}

extension ScheduleSpec {
    /// Periods and steps positive, decay rates finite and ≥ 0, a plateau factor in (0, 1) (PyTorch: "Factor should be < 1.0").
    public func validate(source: String) throws {
        if let period { try SpecificationCheck.count(period, "training.schedule.period", source: source) }
        if let stepLength { try SpecificationCheck.count(stepLength, "training.schedule.stepLength", source: source) }
        if let patience {
            try SpecificationCheck.count(patience, "training.schedule.patience", minimum: 0, source: source)
        }
        if let decayRate {
            try SpecificationCheck.number(
                decayRate, "training.schedule.decayRate", in: 0...Double.greatestFiniteMagnitude,
                expected: "a finite number ≥ 0", source: source)
        }
        if let factor {
            guard factor > 0, factor < 1 else {
                throw RecipeError.malformed(
                    source: source,
                    detail: "field training.schedule.factor is \(factor); expected a number between 0 and 1 (exclusive)"
                )
            }
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
