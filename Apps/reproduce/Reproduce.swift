import ArgumentParser

/// `reproduce`: regenerates every table and figure of the five seed reports into Reports/.
@main
struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerates the tables and figures of the five seed reports, side by side with the reports' numbers.",
        subcommands: [RunCommand.self, ListCommand.self, MergeCommand.self, GalleryCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
