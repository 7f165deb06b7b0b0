import Backprop

/// The measured side of a spec: a statistic of a variant's runs.
extension StatisticSpec {
    /// The metric in each trial's record (nil for a trial without a result or without that epoch).
    func perTrial(_ results: [RunResult?]) -> [Double?] {
        results.map { result in
            guard let result else { return nil }
            return complement == true ? epochValue(result).map { 1 - $0 } : epochValue(result)
        }
    }

    /// The metric in one trial's result, at the statistic's epoch.
    private func epochValue(_ result: RunResult) -> Double? {
        switch self.metric {
        case .seconds: return result.seconds
        case .finalTrainLoss: return result.finalTrainLoss
        case .finalTrainAccuracy: return result.finalTrainAccuracy
        default: break
        }
        guard let metric = self.metric.epochMetric else { return nil }
        let epochs = result.history.epochs
        guard !epochs.isEmpty else { return nil }
        let values = epochs.compactMap { try? metric.value(in: $0) }
        switch at {
        case .final: return try? metric.value(in: epochs[epochs.count - 1])
        case .best: return metric.lowerIsBetter ? values.min() : values.max()
        case .epoch:
            guard let epoch, epoch >= 1, epoch <= epochs.count else { return nil }
            return try? metric.value(in: epochs[epoch - 1])
        }
    }

    /// The trials reduced as `over` says, times `scale`; nil when any trial is missing.
    func value(_ results: [RunResult?]) -> Double? {
        let values = perTrial(results)
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { return nil }
        let factor = over == .variance ? (scale ?? 1) * (scale ?? 1) : scale ?? 1
        return over.reduce(values.compactMap { $0 }) * factor
    }

    /// The standard deviation over trials, times `scale` (error bars).
    func spread(_ results: [RunResult?]) -> Double? {
        let values = perTrial(results).compactMap { $0 }
        return values.isEmpty ? nil : Statistics.standardDeviation(values) * (scale ?? 1)
    }

    /// "mean final test accuracy (×100)", for figure legends and axis labels.
    var label: String {
        let epoch = at == .epoch ? "epoch \(self.epoch ?? 0)" : at.rawValue
        return "\(over.rawValue) \(epoch) \(complement == true ? "1 − " : "")\(metric.rawValue)"
            + (scale.map { " (×\(ToleranceSpec.show($0)))" } ?? "")
    }
}

extension TrialReduction {
    /// The values (trials, or variants' statistics) reduced to one number.
    func reduce(_ values: [Double]) -> Double {
        switch self {
        case .mean: return Statistics.mean(values)
        case .median: return Statistics.median(values)
        case .std: return Statistics.standardDeviation(values)
        case .min: return values.min() ?? .nan
        case .max: return values.max() ?? .nan
        case .variance: return Statistics.variance(values)
        }
    }
}

/// Spec numbers as tables print them: four significant digits, "—" for none.
func specNumber(_ value: Double?) -> String {
    guard let value else { return "—" }
    return value.isFinite ? String(format: "%.4g", value) : ReportDocument.number(value)
}
