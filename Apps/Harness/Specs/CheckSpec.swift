import Backprop

/// A measured value: a metric of a variant's runs at an epoch, reduced over its trials.
struct StatisticSpec: Codable, Hashable, StrictRecipeObject {
    /// The variant ("width 1×64"); a table or figure fills in its own rows' variants.
    var group: String?
    var metric: RunMetric
    /// final (the last epoch), best (lowest loss or highest accuracy), or epoch (with `epoch`).
    var at: EpochChoice
    var epoch: Int?
    var over: TrialReduction
    /// A factor for display (100 for accuracies in %); 1 when absent.
    var scale: Double?
    /// 1 − each trial's value (an error rate from an accuracy), before reducing and scaling.
    var complement: Bool?
    /// Instead of `group`: several variants (or groups of them), each measured as above and then
    /// reduced `across` them (the largest mean error of six configurations).
    var groups: [String]?
    var across: TrialReduction?
}

/// What a statistic reads of each trial: a per-epoch metric, or the run's training time.
enum RunMetric: String, StringChoice {
    case trainLoss, trainAccuracy, testLoss, testAccuracy
    /// The run's wall-clock seconds of training (any epoch choice reads the same).
    case seconds
    /// The whole training set evaluated after training (any epoch choice reads the same).
    case finalTrainLoss, finalTrainAccuracy

    /// The per-epoch metric it reads (nil for seconds).
    var epochMetric: EpochMetric? { EpochMetric(rawValue: rawValue) }
}

/// Which epoch of a run a statistic reads.
enum EpochChoice: String, StringChoice {
    case final, best, epoch
}

/// How a statistic combines its trials.
enum TrialReduction: String, StringChoice {
    case mean, median, std, min, max
    /// The sample variance (n − 1), in the scale's units squared.
    case variance
}

/// One check: an item's quantity, the paper's value, the measured statistic and a typed tolerance.
struct CheckSpec: Codable, StrictRecipeObject {
    var item: String
    var quantity: String
    /// A number or text, or `{"row": …, "value": …}` naming a paper row's value.
    var paper: PaperReference?
    /// The measured value (not needed by orderings, which measure their groups, or by soft and n/c rows).
    var measured: StatisticSpec?
    var tolerance: ToleranceSpec
    /// The finding that explains a fail or n/c.
    var finding: String?
    /// Built-in reports only: the name under which the item's hook reports the measured value
    /// (for what no statistic says); the check is added when the hook reports it.
    var hook: String?
    /// A second statistic, and how the measured one is combined with it (`difference` when absent):
    /// measured − versus, |measured − versus| or measured / versus.
    var versus: StatisticSpec?
    var combine: StatisticCombination?
    /// The variant of `among` (variants or groups) whose `measured` statistic is highest or lowest;
    /// an exact tolerance compares its name with the paper's text.
    var pick: PickChoice?
    var among: [String]?
    /// For a hook's ordering: the paper rows whose reproduced values it orders, in the order of the
    /// tolerance's groups (which name them as the table shows them).
    var rows: [String]?
}

/// The paper side of a check: a literal or a labelled row's value.
struct PaperReference: Codable, StrictRecipeObject {
    var value: PaperValue?
    var row: String?
    var column: String?
    /// A factor for the row's number (100 where the paper prints a percentage as a fraction).
    var scale: Double?
    /// How the check table shows the paper's number, when not as the number itself ("1.417e+03").
    var shown: String?
}
