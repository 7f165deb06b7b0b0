import Foundation
import TensorCore

/// A PNG figure: a grid of `Axes` panels, an optional overall title, drawn with cairo and
/// encoded with libpng (Title and Software go into PNG text chunks). Sizes are in pixels;
/// `scale` multiplies every font size and line width (2 for a high-DPI figure).
public final class Figure {
    public let rows: Int, columns: Int
    public let width: Int, height: Int
    public let scale: Double
    /// The suptitle, drawn above all panels.
    public var title: String?
    private let panels: [Axes]

    /// - Parameters:
    ///   - rows: panel rows.
    ///   - columns: panel columns.
    ///   - width: pixels; a size that fits the panels when nil.
    ///   - height: pixels; likewise.
    ///   - scale: multiplies every size (2 for sharper figures).
    public init(rows: Int = 1, columns: Int = 1, width: Int? = nil, height: Int? = nil, scale: Double = 1) {
        self.rows = max(rows, 1)
        self.columns = max(columns, 1)
        self.scale = scale
        self.width = width ?? Int(Double(560 * self.columns) * scale)
        self.height = height ?? Int(Double(400 * self.rows) * scale)
        panels = (0..<(self.rows * self.columns)).map { _ in Axes() }
    }

    /// The panel at (row, column), counted from the top left.
    public func axes(_ row: Int = 0, _ column: Int = 0) -> Axes { panels[row * columns + column] }

    /// All panels, row by row.
    public var allAxes: [Axes] { panels }

    /// Draws the figure and returns its pixels as 8-bit RGBA rows.
    public func renderPixels() -> [UInt8] {
        let canvas = Canvas(width: width, height: height)
        canvas.fillRectangle(x: 0, y: 0, width: Double(width), height: Double(height), color: .white)
        var top = 0.0
        if let title {
            let fitted = FittedTitle(title, width: Double(width) - 20 * scale, size: 15 * scale, canvas: canvas)
            fitted.draw(on: canvas, x: Double(width) / 2, y: 10 * scale)
            top = 34 * scale + fitted.extraHeight
        }
        let cellWidth = Double(width) / Double(columns)
        let cellHeight = (Double(height) - top) / Double(rows)
        for row in 0..<rows {
            for column in 0..<columns {
                let rect = Rect(
                    x: Double(column) * cellWidth, y: top + Double(row) * cellHeight, width: cellWidth,
                    height: cellHeight)
                AxesRenderer(axes: axes(row, column), canvas: canvas, scale: scale).draw(in: rect)
            }
        }
        return canvas.rgbaPixels()
    }

    /// The PNG file's bytes.
    public func pngData(software: String = "Backprop") throws -> Data {
        let text = [
            (key: "Title", value: title ?? panels.compactMap(\.title).joined(separator: "; ")),
            (key: "Software", value: software),
        ]
        return try PNGEncoder.encode(rgba: renderPixels(), width: width, height: height, text: text)
    }

    /// Writes the PNG atomically (`AtomicFile`: a temporary file in the same folder, then renamed).
    public func save(to url: URL, software: String = "Backprop") throws {
        let png = try pngData(software: software)
        do {
            try AtomicFile.write(png, to: url)
        } catch let failure as FileWriteError {
            throw PNGEncoder.Failure.cannotWrite(path: url.path, reason: failure.reason)
        }
    }
}

/// A pixel rectangle.
struct Rect {
    var x: Double, y: Double, width: Double, height: Double
    var maxX: Double { x + width }
    var maxY: Double { y + height }
    func contains(_ px: Double, _ py: Double) -> Bool { px >= x && px <= maxX && py >= y && py <= maxY }
}
