import ArgumentParser
import Backprop

/// The harness's entry points: the `reproduce` and `train` command lines, run with the components
/// of a registry. A user's package registers its own types and calls one of these from its `main`:
///
///     var registry = ComponentRegistry.standard
///     registry.register(optimizer: "sgd", settings: MySGD.settings) { parameters, settings in
///         try MySGD(parameters: parameters, settings: settings)
///     }
///     Harness.reproduce(registry: registry)
public enum Harness {
    /// Runs the `reproduce` command line (`list`, `run`, `merge`, `compare`, `gallery`) on `arguments`
    /// (the process's own when nil) with every component taken from `registry`, then exits.
    public static func reproduce(registry: ComponentRegistry = .standard, arguments: [String]? = nil) -> Never {
        execute(Reproduce.self, registry: registry, arguments: arguments)
    }

    /// Runs the `train` command line on `arguments` with every component taken from `registry`, then exits.
    public static func train(registry: ComponentRegistry = .standard, arguments: [String]? = nil) -> Never {
        execute(TrainCommand.self, registry: registry, arguments: arguments)
    }

    private static func execute<Root: ParsableCommand>(
        _ root: Root.Type, registry: ComponentRegistry, arguments: [String]?
    ) -> Never {
        do {
            var command = try root.parseAsRoot(arguments)
            if let command = command as? any RegistryCommand {
                try command.run(registry: registry)
            } else {
                try command.run()
            }
            root.exit()
        } catch {
            root.exit(withError: error)
        }
    }
}

/// A command that builds components: the harness calls `run(registry:)` with the user's registry.
protocol RegistryCommand: ParsableCommand {
    func run(registry: ComponentRegistry) throws
}

extension RegistryCommand {
    /// Registry commands run only through `Harness`, which passes the registry.
    func run() throws {
        throw ValidationError(
            "\(Self.configuration.commandName ?? "this command") runs through Harness.reproduce(registry:) or Harness.train(registry:)"
        )
    }
}
