import ArgumentParser
import Backprop
import Foundation

/// `train`: trains one model described in a JSON recipe (or on the command line) with the shared
/// loop, prints per-epoch metrics, and writes a loss/accuracy PNG and a safetensors checkpoint.
struct TrainCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Trains one model from a JSON recipe or command-line options.",
        discussion: "Example: swift run -c release train --config docs/examples/disk.json --out runs/disk")

    @Option(help: "A JSON recipe (see docs/examples/disk.json); the options below are ignored when given.")
    var config: String?

    @Flag(help: "List every registered component per slot with its settings and defaults, and exit.")
    var components = false

    @Option(help: "Output folder for training.png and checkpoint.safetensors.")
    var out = "runs/train"

    @Option(
        help:
            "Dataset: disk, syn20, syng; mnist, fashion-mnist, kmnist, cifar10 (from the data folder, downloaded when missing); or idx (with --folder)."
    )
    var dataset = "disk"

    @Option(
        help: "Data folder holding mnist/, fashion-mnist/, kmnist/ and cifar10/ (default: $BACKPROP_DATA, else ./data)."
    )
    var dataDir: String?

    @Flag(help: "Never download: missing data is an error (also BACKPROP_OFFLINE=1).")
    var offline = false

    @Option(
        help:
            "Continue the run in this --out folder from its last whole epoch (its resume.safetensors holds the recipe)."
    )
    var resume: String?

    @Option(
        name: .customLong("init"),
        help: "Start from the weights in this safetensors file, named as PyTorch's state_dict() names them.")
    var initialWeights: String?

    @Option(help: "For --dataset idx: the folder of idx files.")
    var folder: String?

    @Option(help: "Hidden layer widths, comma-separated.", transform: LayerWidths.init(parsing:))
    var hidden = LayerWidths([25, 25, 25])

    @Option(help: "Hidden activation (relu, tanh, sigmoid).")
    var activation = "relu"

    @Option(
        help:
            "Loss (softmax-cross-entropy, mse, euclidean; cross-entropy and nll add a softmax or log-softmax output layer)."
    )
    var loss = "softmax-cross-entropy"

    @Option(help: "Optimizer (sgd, adam, gd).")
    var optimizer = "adam"

    @Option(help: "Learning rate.")
    var learningRate = 0.005

    @Option(help: "Momentum for sgd.")
    var momentum: Double?

    @Option(help: "Per-epoch schedule (constant, step_decay, exp_decay, t_frac_decay, cosine, plateau).")
    var schedule: String?

    @Option(help: "Epochs.")
    var epochs = 50

    @Option(help: "Batch size.")
    var batchSize = 50

    @Option(help: "Seed of the data, initialisation and shuffling.")
    var seed: UInt64 = 1

    func recipe() throws -> TrainingRecipe {
        if let config {
            guard let data = FileManager.default.contents(atPath: config) else {
                throw ValidationError("cannot read \(config)")
            }
            return try TrainingRecipe.decode(data, source: config)
        }
        let isImages = ["idx", "mnist", "fashion-mnist", "kmnist", "cifar10"].contains(dataset)
        // One output unit for a regression loss on the two-class sets; otherwise one per class.
        let outputs = !isImages && (loss == "mse" || loss == "euclidean") ? 1 : nil
        return TrainingRecipe(
            dataset: DatasetSpec(name: dataset, folder.map { ["folder": .string($0)] } ?? [:]),
            model: .mlp(
                MLPSpec(
                    hidden: hidden.values, outputs: outputs, activation: activation,
                    outputActivation: Self.outputActivation(loss: loss))),
            training: TrainingSpec(
                epochs: epochs, batchSize: batchSize, loss: LossSpec(name: loss),
                optimizer: OptimizerSpec(
                    name: optimizer, learningRate: learningRate, momentum.map { ["momentum": .number($0)] } ?? [:]),
                schedule: schedule.map { ScheduleSpec(name: $0) }),
            seed: seed)
    }

    /// The losses that take probabilities or log-probabilities get the output layer that makes them.
    static func outputActivation(loss: String) -> String? {
        switch loss {
        case "cross-entropy": return "softmax"
        case "nll": return "logsoftmax"
        default: return nil
        }
    }

    func run(registry: ComponentRegistry) throws {
        if components {
            print(ComponentCatalog(registry: registry).description, terminator: "")
            return
        }
        let (recipe, start) = try startingPoint()
        try registry.checkSettings(of: recipe, source: config ?? "command line")
        let dataDirectory = DataDirectory.resolve(dataDir)
        let folder = try outputFolder()
        let resumeFile = folder.appendingPathComponent(Self.resumeFileName)
        try registry.ensureData(of: recipe.dataset, in: dataDirectory, fetcher: .fromEnvironment(offline: offline))
        let layers = try registry.layerList(recipe.model).layers.map(\.type)
        print("training \(layers.joined(separator: " → ")) on \(recipe.dataset.name), seed \(recipe.seed)")
        if !registry.replacements.isEmpty { print("components: \(ComponentRegistry.describe(registry.replacements))") }
        let checkpoint = folder.appendingPathComponent("checkpoint.safetensors")
        let stop = InterruptHandler.install()
        var savedEpoch: Int?
        if case .checkpoint(let checkpoint, _) = start { savedEpoch = checkpoint.point.epoch }
        // Each finite epoch is printed and checkpointed as it ends, so an interruption or a later divergence
        // loses nothing; each whole one also leaves resume.safetensors for --resume.
        let (model, history, inputShape) = try recipe.run(
            registry: registry, dataDirectory: dataDirectory, stop: stop, start: start,
            epochFinished: { epoch, model in
                print(
                    String(
                        format:
                            "epoch %3d  lr %.2e  train loss %.4f  train acc %.4f  test loss %.4f  test acc %.4f  %.1f s",
                        epoch.epoch, epoch.learningRate, epoch.trainLoss, epoch.trainAccuracy,
                        epoch.testLoss ?? Double.nan,
                        epoch.testAccuracy ?? Double.nan, epoch.seconds)
                        + (stop.isRequested ? "  (interrupted: a partial epoch)" : ""))
                fflush(nil)
                guard epoch.trainLoss.isFinite,
                    model.stateDict().allSatisfy({ $0.tensor.scalars.allSatisfy(\.isFinite) })
                else { return }
                try model.save(to: checkpoint, metadata: ["seed": String(recipe.seed), "epochs": String(epoch.epoch)])
                savedEpoch = epoch.epoch
            }, checkpointed: { try $0.write(to: resumeFile) })
        let plot = folder.appendingPathComponent("training.png")
        try figure(history).save(to: plot)
        print("plot \(plot.path)")
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try AtomicFile.write(try encoder.encode(history.epochs), to: folder.appendingPathComponent("history.json"))
        guard let savedEpoch else {
            let reason =
                history.diverged
                ? "the loss became non-finite at iteration \(history.firstNonFiniteIteration!)"
                : "training was interrupted"
            print("error: \(reason) before any epoch ended with finite weights and loss, so no checkpoint was written")
            throw ExitCode(history.interrupted == true ? 130 : 1)
        }
        // The twin gets the trained model's output width, which a recipe may have left to the data.
        var probe = Tensor<Float>.zeros([1] + inputShape)
        model.eval()
        try model.infer(&probe)
        let reloaded = try registry.makeModel(
            recipe.model, inputShape: inputShape, classCount: probe.shape.last,
            random: RandomSource(seed: recipe.seed &+ 1))
        try reloaded.load(from: checkpoint)
        let check: String
        if savedEpoch == history.epochs.last?.epoch {
            check =
                zip(reloaded.stateDict(), model.stateDict()).allSatisfy { $0.tensor == $1.tensor }
                ? "reloaded identically" : "reloaded WITH DIFFERENCES"
        } else {
            check = "reloads (the final weights were not finite, so it keeps the earlier epoch)"
        }
        print("checkpoint \(checkpoint.path): epoch \(savedEpoch), \(model.stateDict().count) tensors, \(check)")
        if history.interrupted == true {
            print(
                "interrupted: stopped after \(history.epochs.count) epoch\(history.epochs.count == 1 ? "" : "s") (the last one possibly partial); history.json holds the epochs done"
            )
            throw ExitCode(130)
        }
        if history.diverged {
            print(
                "error: the loss became non-finite at iteration \(history.firstNonFiniteIteration!); training stopped, and the checkpoint keeps epoch \(savedEpoch), the last finite one"
            )
            throw ExitCode(1)
        }
    }

    /// The file in `--out` that `--resume` continues from.
    static let resumeFileName = "resume.safetensors"

    /// The recipe and where its weights start: `--resume`'s checkpoint, `--init`'s weights, or fresh.
    private func startingPoint() throws -> (TrainingRecipe, TrainingStart) {
        guard let resume else {
            return (try recipe(), initialWeights.map { .weights(URL(fileURLWithPath: $0)) } ?? .fresh)
        }
        guard config == nil, initialWeights == nil else {
            throw ValidationError("--resume takes the recipe and weights from its checkpoint; drop --config and --init")
        }
        let file = URL(fileURLWithPath: resume).appendingPathComponent(Self.resumeFileName)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw ValidationError("--resume \(resume): no \(Self.resumeFileName) there (no whole epoch was finished)")
        }
        let checkpoint = try TrainingCheckpoint.read(from: file)
        print("resuming \(file.path) after epoch \(checkpoint.point.epoch) of \(checkpoint.recipe.training.epochs)")
        return (checkpoint.recipe, .checkpoint(checkpoint, source: file.path))
    }

    /// `--out` (the `--resume` folder when resuming), created and checked for writing before any work is done.
    private func outputFolder() throws -> URL {
        let out = resume ?? out
        let folder = URL(fileURLWithPath: out)
        do {
            try AtomicFile.createFolders(folder)
        } catch {
            throw ValidationError("--out: \(error)")
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw ValidationError("--out \(out): the folder is not writable")
        }
        return folder
    }

    func figure(_ history: TrainingHistory) -> Figure {
        let (figure, loss, accuracy) = LossAndAccuracyFigure(
            lossTitle: "loss", accuracyTitle: "accuracy", xLabel: "epoch"
        ).parts
        figure.title = "train: \(config ?? "command line")"
        let x = history.epochs.map { Double($0.epoch) }
        loss.plot(x: x, y: history.epochs.map(\.trainLoss), label: "train")
        loss.plot(x: x, y: history.epochs.map { $0.testLoss ?? .nan }, label: "test")
        accuracy.plot(x: x, y: history.epochs.map(\.trainAccuracy), label: "train")
        accuracy.plot(x: x, y: history.epochs.map { $0.testAccuracy ?? .nan }, label: "test")
        return figure
    }
}
