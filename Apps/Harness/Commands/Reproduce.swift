import ArgumentParser
import Backprop

/// `reproduce`: regenerates every table and figure of the five seed reports into Reports/.
struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract:
            "Regenerates the tables and figures of the five seed reports, side by side with the reports' numbers.",
        subcommands: [
            RunCommand.self, ListCommand.self, MergeCommand.self, CompareCommand.self, GalleryCommand.self,
            FetchCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )
}
