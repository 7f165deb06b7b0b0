import Backprop

/// A report as data (`docs/reports.md`): what it reproduces, the runs it needs, the paper's
/// numbers, its tables and figures in order, and its checks with typed tolerances. One engine
/// (`SpecReport`) turns it into the same folder a built-in report writes.
struct ReportSpec: Codable, StrictRecipeObject {
    /// The report's folder name and prefix ("depth-width").
    var id: String
    var title: String
    /// The seed's file name or a citation.
    var source: String
    var groups: [RunGroupSpec]
    /// The paper's (or the assignment's expected) numbers, as labelled rows.
    var paper: [PaperRow]?
    /// The tables and figures, in the report's order.
    var items: [ItemSpec]
    var checks: [CheckSpec]?
    /// A built-in report's Swift hook run after every item, for its findings (the experiments
    /// behind its fail and n/c rows).
    var findingsHook: String?
    /// The words of the findings that hook writes; the hook adds only their numbers and picks their cases.
    var findings: [FindingSpec]?
    /// The runs the findings add beyond the groups' (full mode only).
    var experiments: [ExperimentSpec]?
}

/// Runs that share a base recipe: one variant per combination of the grid's values, each run
/// `trials` times with seeds derived from the report, the variant and the trial.
struct RunGroupSpec: Codable, StrictRecipeObject {
    var name: String
    /// A recipe as `train --config` takes it (its own `seed` is not used).
    var recipe: SettingValue
    /// Fields to vary, each over labelled values; the variants are every combination.
    var grid: [GridAxis]?
    var trials: FullAndQuick<Int>
    /// Recipe fields set in quick mode only ("training.epochs": 2), so full and quick stand side by side.
    var quick: [String: SettingValue]?
    /// The name seeds are derived from, shared by the group's variants ("001-grid"); by default
    /// each variant has its own, "<report id>/<variant name>".
    var seedName: String?
    /// What the runs record beyond the per-epoch metrics; by default the test set after every epoch.
    var recording: RecordingSettings?
    /// How runs.csv names the runs, after the report's id: `{grid}` stands for the variant's grid
    /// labels and `{trial}` for the trial ("synthetic {grid} seed {trial}"); by default
    /// "<group> <grid labels> trial <trial>". The name is part of each run's cache key.
    var runLabel: String?
    /// How the runs train, for built-in reports: `mlp`, the shared loop on the recipe's model (the
    /// default), or `scalar-synthetic`, report 004's scalar 2-3-2 network (its recipe's model then
    /// only describes that network and is not part of the runs' keys).
    var runner: RunKind?
}

/// A run group's recording, each field as `RecordingSpec` names it; an absent field keeps its default.
struct RecordingSettings: Codable, StrictRecipeObject {
    var evaluateEveryEpoch: Bool?
    var evaluateBeforeTraining: Bool?
    var evaluateTrainingSet: Bool?
    var evaluateTestInTrainingMode: Bool?
    var iterationWindow: Int?
    var rawIterations: Int?
    var evaluationInterval: Int?
    var nonFiniteStops: Bool?
    var skipsFinalTrainEvaluation: Bool?
    var recordsParameterSquaredNorm: Bool?

    /// These fields, with every field `other` sets taking its value.
    func overridden(by other: RecordingSettings?) -> RecordingSettings {
        guard let other else { return self }
        return RecordingSettings(
            evaluateEveryEpoch: other.evaluateEveryEpoch ?? evaluateEveryEpoch,
            evaluateBeforeTraining: other.evaluateBeforeTraining ?? evaluateBeforeTraining,
            evaluateTrainingSet: other.evaluateTrainingSet ?? evaluateTrainingSet,
            evaluateTestInTrainingMode: other.evaluateTestInTrainingMode ?? evaluateTestInTrainingMode,
            iterationWindow: other.iterationWindow ?? iterationWindow,
            rawIterations: other.rawIterations ?? rawIterations,
            evaluationInterval: other.evaluationInterval ?? evaluationInterval,
            nonFiniteStops: other.nonFiniteStops ?? nonFiniteStops,
            skipsFinalTrainEvaluation: other.skipsFinalTrainEvaluation ?? skipsFinalTrainEvaluation,
            recordsParameterSquaredNorm: other.recordsParameterSquaredNorm ?? recordsParameterSquaredNorm)
    }

    /// `RecordingSpec` with these fields set over its defaults.
    var recording: RecordingSpec { RecordingSpec().overridden(by: self) }
}

/// One varied recipe field, by its dotted path ("model.hidden", "training.optimizer.learningRate"),
/// or (without `field`) values that each set several fields.
struct GridAxis: Codable, StrictRecipeObject {
    var field: String?
    var values: [GridValue]
    /// The labels of the values quick mode runs (by default every value): a sweep's full and quick
    /// values side by side.
    var quick: [String]?
}

/// A value of a grid axis, the label variants carry for it ("1×64") and where a sweep plots it
/// (`x`; by default the value itself when it is a number). `value` sets the axis's field; `set`
/// sets several fields by their dotted paths ({"model.activation": "tanh", "model.outputs": 1}).
struct GridValue: Codable, StrictRecipeObject {
    var label: String
    var value: SettingValue?
    var set: [String: SettingValue]?
    var x: Double?
    /// Recording fields for this value's variants, over the group's.
    var recording: RecordingSettings?
    /// The name this value's variants derive their seeds from, over the group's `seedName`.
    var seedName: String?
}

/// A number in full mode and in quick mode.
struct FullAndQuick<Value: Codable & Sendable>: Codable, Sendable, StrictRecipeObject {
    var full: Value
    var quick: Value
}

/// One labelled row of the paper's numbers: `{"label": "width 1×64", "values": {"test accuracy (%)": 97}}`.
struct PaperRow: Codable, StrictRecipeObject {
    var label: String
    var values: [String: PaperValue]
}

/// A number the paper prints, or its text where it gives none ("—", "about 2.0").
enum PaperValue: Codable, Hashable, Sendable {
    case number(Double)
    case text(String)

    /// The number, when the paper prints one.
    var number: Double? {
        guard case .number(let number) = self else { return nil }
        return number
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .text(let text): try container.encode(text)
        }
    }
}

/// A table or a figure: its id ("Table 1", "Fig. 2"), a one-line description, the data it needs, and what it shows.
struct ItemSpec: Codable, StrictRecipeObject {
    var id: String
    var description: String
    /// The data it trains on, as `reproduce list` shows it ("disk (generated)", "MNIST").
    var data: String
    var table: TableSpec?
    var figure: FigureSpec?
    /// A built-in report's Swift hook that renders the item, by id, for what no spec can say
    /// (a gradient-check table, a bespoke statistic); it reads the runs of the report's groups.
    var hook: String?
    /// Groups whose runs `reproduce list` times for this item on random data of their dataset's
    /// shape, because that data is large or may be missing (CIFAR-10).
    var timedGroups: [String]?
    /// The heading the report shows, when it is not `description`.
    var title: String?
    /// The text under the item (Markdown); by default it names the data.
    var caption: String?
    /// The choices the paper leaves open that the item makes, listed under the caption.
    var proposals: [String]?
    /// A table as the paper prints it (Markdown), for a table that shows no runs.
    var markdown: String?
}

/// A table with a row per variant of `groups` and a column per statistic, each beside the paper's value.
struct TableSpec: Codable, StrictRecipeObject {
    var groups: [String]
    var columns: [ColumnSpec]
    /// The first column's heading ("configuration" when absent).
    var rowTitle: String?
    /// How a row names its variant: "{{variant}}" (the default) or "{{label}}" (its grid labels) in a text.
    var rowLabel: String?
    /// Whether a column shows each row's number of trials (true when absent).
    var trials: Bool?
}

/// A table column: a statistic of each row's runs and, when given, the paper row value of the same title.
struct ColumnSpec: Codable, StrictRecipeObject {
    var title: String
    var statistic: StatisticSpec
    /// The key of the paper rows' value shown beside it (rows are matched by the variant's name).
    var paper: String?
    /// Ours with this many decimals (four significant digits when absent).
    var decimals: Int?
    /// The paper's numbers with this many decimals (as the spec holds them when absent).
    var paperDecimals: Int?
}

/// A figure of one of the standard kinds.
struct FigureSpec: Codable, StrictRecipeObject {
    /// curves (a metric per epoch, mean over trials), bands (mean ± std per epoch), bars (a
    /// statistic per variant with its std), sweep (a statistic against a grid axis's numeric values),
    /// panels (side-by-side axes of `panels`), architecture (each variant's model as a chain of layers).
    var kind: FigureKind
    var groups: [String]
    /// The metric per epoch (curves, bands).
    var metric: EpochMetric?
    /// The statistic per variant (bars, sweep).
    var statistic: StatisticSpec?
    var xLabel: String?
    var yLabel: String?
    var logX: Bool?
    var logY: Bool?
    /// The axes of a `panels` figure, left to right.
    var panels: [PanelSpec]?
    /// A `panels` figure with a row of its panels per variant of `groups`, each showing that variant.
    var rowPerVariant: Bool?
    /// With `rowPerVariant`, at most this many rows per image: the figure becomes parts "a", "b", …
    /// (fig-2a, fig-2b), whose words may use {{part}} and {{continued}} ("continued, " after the first).
    var rowsPerPart: Int?
    /// The image's size in pixels (panels and architecture figures; a default per panel when absent).
    var width: Int?
    var height: Int?
    /// An architecture figure's input shape ([784] for MNIST images as vectors) and classes (the
    /// width of a last layer the recipe leaves to the data).
    var inputShape: [Int]?
    var classes: Int?
    /// An architecture figure's heading of each variant's diagram, by variant name (its name when absent).
    var titles: [String: String]?
    /// Grouped bars: the categories along the x axis, in order, and a series of bars per entry of
    /// `series`, each naming the variant it measures in each category.
    var categories: [String]?
    var series: [BarSeriesSpec]?
    /// A table of the figure's numbers, which its words place with {{table}}.
    var table: TableSpec?
}

/// A series of a grouped bar chart: its legend and, by category, the variant of each bar.
struct BarSeriesSpec: Codable, StrictRecipeObject {
    var label: String
    var bars: [String: String]
}

/// The standard figure kinds.
enum FigureKind: String, StringChoice {
    case curves, bands, bars, sweep, panels, architecture
}
