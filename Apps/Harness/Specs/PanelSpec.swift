import Backprop

/// One panel of a `panels` figure: its axes and the lines drawn on them.
struct PanelSpec: Codable, StrictRecipeObject {
    /// The panel's heading; in a figure with a row per variant, "{{variant}}" stands for the row's
    /// variant's name and "{{label}}" for its grid labels.
    var title: String?
    var xLabel: String?
    var yLabel: String?
    var logX: Bool?
    var logY: Bool?
    /// When a run drawn here diverged, the y axis stops at ten times the largest value of the runs
    /// that did not (a diverging loss reaches 1e27 and would flatten every other curve).
    var limitDiverged: Bool?
    var series: [SeriesSpec]
}

/// Lines of a panel: a metric of each variant of `groups` (the figure's groups when absent), the
/// mean over the variant's trials, one line per variant.
struct SeriesSpec: Codable, StrictRecipeObject {
    var metric: SeriesMetric
    var groups: [String]?
    /// The legend's text ("{{variant}}" stands for the variant's name, "{{label}}" for its grid
    /// labels); the variant's name when absent; "" leaves the line out of the legend.
    var label: String?
    /// Only this trial (0 for the first, as runs.csv counts them) instead of the mean over every trial.
    var trial: Int?
    /// Mean ± std over the trials as a shaded band (kept within the range the trials span).
    var bands: Bool?
    /// 1 − the value (an error rate from an accuracy), before `scale`.
    var complement: Bool?
    /// A factor for display (100 for %).
    var scale: Double?
    /// Means of each `window` consecutive points, drawn at the window's end.
    var window: Int?
    /// Means down to this many points per epoch, drawn against the epoch (a per-iteration metric).
    var pointsPerEpoch: Int?
    /// Only the points whose x is at most this.
    var upTo: Double?
    /// The legend's text of dashed vertical lines at the epochs after which the first trial's
    /// schedule cut the learning rate (a plateau scheduler's reductions).
    var rateReductions: String?
    var style: StyleSpec?
}

/// What a series reads of each run.
enum SeriesMetric: String, StringChoice {
    /// Per epoch (x: the epoch).
    case trainLoss, trainAccuracy, testLoss, testAccuracy
    case trainEvaluationLoss, trainEvaluationAccuracy, testLossInTrainingMode
    /// Means over the recording's iteration windows (x: the iteration at the window's end).
    case windowLoss, windowAccuracy
    /// Each recorded iteration's loss (x: the iteration).
    case iterationLoss
    /// The evaluations during training (`evaluateEvery`; x: the iteration).
    case validationLoss
}

/// How a line looks; the panel's next palette colour, solid, 1.8 pixels wide, when absent.
struct StyleSpec: Codable, StrictRecipeObject {
    /// A palette index.
    var color: Int?
    var alpha: Double?
    var width: Double?
    /// On/off lengths in pixels.
    var dash: [Double]?
    var marker: MarkerChoice?
    var markerSize: Double?
}

/// A symbol at every point of a line.
enum MarkerChoice: String, StringChoice {
    case circle, square, triangle
}
