import ArgumentParser
import Backprop
import Foundation

/// `reproduce fetch`: downloads published datasets into the data folder ahead of a run (a run
/// fetches what it needs by itself; this is for a machine that will be offline later).
struct FetchCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Downloads datasets (checked against their published checksums) into the data folder.",
        discussion:
            "Tries $BACKPROP_DATA_MIRROR/<dataset>/<file> first (a URL or a folder), then the publishers' mirrors.")

    @Argument(help: "Datasets: mnist, fashion-mnist, kmnist, cifar10 (default: mnist).")
    var datasets: [String] = ["mnist"]

    @Option(help: "Data folder (default: $BACKPROP_DATA, else ./data).")
    var dataDir: String?

    func run(registry: ComponentRegistry) throws {
        let dataDirectory = DataDirectory.resolve(dataDir)
        let fetcher = DataFetcher.fromEnvironment()
        for name in datasets {
            guard let published = registry.publishedData(of: name) else {
                let known = registry.names(.dataset).filter { registry.publishedData(of: $0) != nil }
                throw ValidationError(
                    "no published dataset \"\(name)\"; expected one of \(known.joined(separator: ", "))")
            }
            let wasPresent = published.isPresent(in: dataDirectory)
            try fetcher.ensure(published, in: dataDirectory)
            print("\(wasPresent ? "present" : "fetched") \(published.directory(in: dataDirectory))")
        }
    }
}
