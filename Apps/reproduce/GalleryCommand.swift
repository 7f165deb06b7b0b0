import ArgumentParser
import Backprop
import Foundation

/// `reproduce gallery`: one figure of each kind, for judging the plotting by eye.
struct GalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gallery", abstract: "Renders one figure of each kind into Reports/gallery/.")

    @Option(help: "Output folder.")
    var out = "Reports/gallery"

    func run() throws {
        let start = Date()
        let files = try Gallery.write(to: URL(fileURLWithPath: out))
        for file in files { print(file.path) }
        print("\(files.count) figures in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
    }
}
