/// Where a training run stood after a whole epoch: its history so far and the steps taken. With
/// the model's, the optimizer's and the random stream's state it is all `Trainer.fit(resuming:)`
/// needs to end with the same bits as a run that never stopped.
public struct ResumePoint: Sendable, Codable, Equatable {
    public var history: TrainingHistory
    public var iteration: Int

    /// The epochs done.
    public var epoch: Int { history.epochs.count }

    /// - Parameters:
    ///   - history: the epochs recorded so far.
    ///   - iteration: the steps taken so far.
    public init(history: TrainingHistory, iteration: Int) { (self.history, self.iteration) = (history, iteration) }
}
