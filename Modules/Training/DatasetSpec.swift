/// Which data a run trains and evaluates on, by registry name ("disk", "syn20", "syng", "mnist",
/// "idx", "cifar10") with the settings the built-ins read. Absent settings are not encoded, so
/// adding one here leaves every existing run's cache key as it was.
public struct DatasetSpec: Codable, Hashable, Sendable {
    public var name: String
    /// Training examples to generate or keep (a prefix of a stored set).
    public var trainCount: Int?
    /// Test (or validation) examples to generate or keep.
    public var testCount: Int?
    /// MNIST and idx preprocessing: "unitScale" (default), "centered" or "standardized".
    public var preprocessing: String?
    /// MNIST: train on the first 55,000 training images, evaluate on the last 5,000 (it exists for report 004).
    public var validationSplit: Bool?
    /// "idx": the folder holding train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-… (plain or .gz).
    public var folder: String?

    /// - Parameters:
    ///   - name: the registry name ("disk", "mnist", "cifar10", "idx").
    ///   - trainCount: training examples to generate or keep (a prefix of a stored set).
    ///   - testCount: test examples to generate or keep.
    ///   - preprocessing: "unitScale", "centered" or "standardized" for MNIST and idx.
    ///   - validationSplit: MNIST: evaluate on the last 5,000 training images.
    ///   - folder: "idx": the folder of idx files.
    public init(
        name: String, trainCount: Int? = nil, testCount: Int? = nil, preprocessing: String? = nil,
        validationSplit: Bool? = nil, folder: String? = nil
    ) {
        (self.name, self.trainCount, self.testCount, self.preprocessing) = (name, trainCount, testCount, preprocessing)
        (self.validationSplit, self.folder) = (validationSplit, folder)
    }
}
