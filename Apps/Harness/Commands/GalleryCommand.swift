import ArgumentParser
import Backprop
import Foundation

/// `reproduce gallery`: one figure of each kind, for judging the plotting by eye.
struct GalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery", abstract: "Renders one figure of each kind into Reports/gallery/.")

    @Option(help: "Output folder.")
    var out = "Reports/gallery"

    func run() throws {
        let start = Date()
        let figures = Gallery.figures()
        for (name, figure) in figures {
            let url = URL(fileURLWithPath: out).appendingPathComponent("\(name).png")
            let renderStart = Date()
            try figure.save(to: url)
            print(
                "\(url.path)  (\(figure.rows)×\(figure.columns) panels, rendered and written in \(String(format: "%.3f", Date().timeIntervalSince(renderStart))) s)"
            )
        }
        print("\(figures.count) figures in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
    }
}
