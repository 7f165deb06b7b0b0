import CPNG
import Foundation
import XCTest

@testable import Plotting

/// Decodes a PNG with libpng's simplified API into RGBA bytes.
func decodePNG(_ data: Data) throws -> (width: Int, height: Int, rgba: [UInt8]) {
    var image = png_image()
    image.version = UInt32(PNG_IMAGE_VERSION)
    let started = data.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
    guard started != 0 else { throw XCTSkip("libpng could not read the PNG header") }
    image.format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)  // PNG_FORMAT_RGBA
    var pixels = [UInt8](repeating: 0, count: Int(image.width * image.height * 4))
    let finished = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
    XCTAssertNotEqual(finished, 0, "libpng failed to decode the image")
    return (Int(image.width), Int(image.height), pixels)
}

/// The tEXt chunks of a PNG, keyword → text.
func textChunks(_ data: Data) -> [String: String] {
    var chunks: [String: String] = [:]
    var offset = 8
    let bytes = [UInt8](data)
    while offset + 8 <= bytes.count {
        let length =
            Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
            | Int(bytes[offset + 3])
        let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
        if type == "tEXt", let zero = bytes[(offset + 8)..<(offset + 8 + length)].firstIndex(of: 0) {
            chunks[String(decoding: bytes[(offset + 8)..<zero], as: UTF8.self)] = String(
                decoding: bytes[(zero + 1)..<(offset + 8 + length)], as: UTF8.self)
        }
        offset += 12 + length
    }
    return chunks
}

final class PlottingTests: XCTestCase {
    func testPNGDecodesToTheRequestedSizeAndCarriesTheTitle() throws {
        let figure = Figure(width: 321, height: 123)
        figure.title = "Loss against epoch"
        figure.axes().plot([3, 1, 2], label: "loss")
        let data = try figure.pngData()
        let decoded = try decodePNG(data)
        XCTAssertEqual(decoded.width, 321)
        XCTAssertEqual(decoded.height, 123)
        XCTAssertEqual(textChunks(data)["Title"], "Loss against epoch")
        XCTAssertEqual(textChunks(data)["Software"], "Backprop")
    }

    func testRedDiagonalLandsWhereExpected() throws {
        let figure = Figure(width: 400, height: 400)
        let axes = figure.axes()
        axes.xLimits = 0...1
        axes.yLimits = 0...1
        axes.showsGrid = false
        axes.plot(x: [0, 1], y: [0, 1], style: LineStyle(color: .red, width: 3))
        let image = try decodePNG(try figure.pngData())
        func isRed(_ x: Int, _ y: Int) -> Bool {
            let offset = (y * image.width + x) * 4
            return image.rgba[offset] > 200 && image.rgba[offset + 1] < 80 && image.rgba[offset + 2] < 80
        }
        var redPixels: [(Int, Int)] = []
        for y in 0..<image.height { for x in 0..<image.width where isRed(x, y) { redPixels.append((x, y)) } }
        XCTAssertGreaterThan(redPixels.count, 300)
        // The line runs from bottom left to top right: x + y is nearly constant along it, and no red
        // pixel lies in the top-left or bottom-right corner quadrant away from the diagonal.
        let sums = redPixels.map { $0.0 + $0.1 }
        XCTAssertLessThan((sums.max()! - sums.min()!), 16)
        XCTAssertFalse(redPixels.contains { $0.0 < 150 && $0.1 < 150 }, "red in the top-left corner")
        XCTAssertFalse(redPixels.contains { $0.0 > 250 && $0.1 > 250 }, "red in the bottom-right corner")
        XCTAssertTrue(redPixels.contains { $0.0 < 120 && $0.1 > 280 }, "the line starts bottom left")
        XCTAssertTrue(redPixels.contains { $0.0 > 280 && $0.1 < 120 }, "the line ends top right")
    }

    /// A diagram draws its boxes only: no frame, ticks or tick labels (dark pixels) away from the box in the middle.
    func testADiagramHasNoFrameTicksOrTickLabels() throws {
        func darkPixels(showsAxes: Bool) throws -> Int {
            let figure = Figure(width: 300, height: 200)
            let axes = figure.axes()
            axes.showsGrid = false
            axes.showsLegend = false
            axes.showsAxes = showsAxes
            axes.xLimits = 0...1
            axes.yLimits = 0...1
            axes.rectangle(x: 0.4, y: 0.4, width: 0.2, height: 0.2, fill: .red)
            let image = try decodePNG(try figure.pngData())
            let margins = stride(from: 0, to: image.rgba.count, by: 4).filter { offset in
                let x = offset / 4 % image.width
                let y = offset / 4 / image.width
                return x < 100 || x > 200 || y < 50 || y > 150
            }
            return margins.filter { image.rgba[$0] < 100 && image.rgba[$0 + 1] < 100 && image.rgba[$0 + 2] < 100 }.count
        }
        XCTAssertGreaterThan(try darkPixels(showsAxes: true), 200, "frame, ticks and their labels are dark")
        XCTAssertEqual(try darkPixels(showsAxes: false), 0, "only the box in the middle is drawn")
    }

    func testNiceTicks() {
        XCTAssertEqual(Ticks.linear(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1])
        XCTAssertEqual(Ticks.labels(Ticks.linear(0, 1)), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        XCTAssertEqual(Ticks.linear(0.00013, 0.00071), [0.0002, 0.0003, 0.0004, 0.0005, 0.0006, 0.0007])
        XCTAssertEqual(Ticks.labels(Ticks.linear(0.00013, 0.00071)), ["2e-4", "3e-4", "4e-4", "5e-4", "6e-4", "7e-4"])
        XCTAssertEqual(Ticks.logarithmic(1e-6, 1), [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1])
        XCTAssertEqual(
            Ticks.labels(Ticks.logarithmic(1e-6, 1), logarithmic: true),
            ["1e-6", "1e-5", "1e-4", "1e-3", "1e-2", "1e-1", "1"])
        XCTAssertEqual(Ticks.linear(-3, 17), [0, 5, 10, 15])
        XCTAssertEqual(Ticks.labels(Ticks.linear(-3, 17)), ["0", "5", "10", "15"])
        XCTAssertEqual(Ticks.linear(0.1, 0.7), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
        XCTAssertFalse(Ticks.labels(Ticks.linear(0.1, 0.7)).contains { $0.count > 4 }, "no 0.30000000000000004")
    }

    func testSeriesWithNaNsAndAllNaNSeriesRender() throws {
        let figure = Figure(width: 300, height: 200)
        figure.axes().plot([1, 2, .nan, 4, .infinity, 2], label: "gappy")
        figure.axes().plot([.nan, .nan], label: "diverged")
        let image = try decodePNG(try figure.pngData())
        XCTAssertEqual(image.width, 300)
        // Something besides the white background was drawn (the line, frame and legend).
        XCTAssertGreaterThan(stride(from: 0, to: image.rgba.count, by: 4).filter { image.rgba[$0] < 128 }.count, 200)
    }

    /// Issue 15: a figure that could not be written reported a raw NSError ("Code=512 (null)").
    func testAFigureThatCannotBeWrittenNamesThePathAndTheReason() {
        let url = URL(fileURLWithPath: "/dev/null/figure.png")
        XCTAssertThrowsError(try Figure().save(to: url)) { error in
            XCTAssertTrue("\(error)".hasPrefix("/dev/null/figure.png: cannot write ("), "\(error)")
            XCTAssertFalse("\(error)".contains("Domain="), "\(error)")
        }
    }

    /// Issue 14: a log axis over less than a decade showed a single label ("0.5").
    func testALogAxisAlwaysHasThreeLabelledTicks() {
        for (lower, upper) in [(0.3, 0.9), (0.2, 1.5), (0.45, 0.55), (0.049, 0.41), (1e-6, 1.0), (3.0, 4.0)] {
            let ticks = Ticks.logarithmic(lower, upper)
            XCTAssertGreaterThanOrEqual(ticks.count, 3, "[\(lower), \(upper)]: \(ticks)")
            XCTAssertLessThanOrEqual(ticks.count, 9, "[\(lower), \(upper)]: \(ticks)")
            XCTAssertTrue(ticks.allSatisfy { $0 >= lower * (1 - 1e-9) && $0 <= upper * (1 + 1e-9) }, "\(ticks)")
            XCTAssertEqual(Set(Ticks.labels(ticks, logarithmic: true)).count, ticks.count, "distinct labels \(ticks)")
        }
        XCTAssertEqual(Ticks.logarithmic(0.2, 1.5), [0.2, 0.5, 1], "1-2-5 when that gives three")
        XCTAssertEqual(Ticks.logarithmic(0.25, 1.5), [0.3, 0.5, 1], "then 1-2-3-5")
    }

    /// Issue 14: a title wider than its figure was clipped; it is shrunk, then wrapped, never cut.
    func testALongTitleIsShrunkOrWrappedNeverCut() {
        let canvas = Canvas(width: 400, height: 100)
        let short = FittedTitle("loss", width: 300, size: 15, canvas: canvas)
        XCTAssertEqual(short.lines, ["loss"])
        XCTAssertEqual(short.size, 15)
        let text = "Training session of first model: loss of train set and test set over 200 epochs"
        let long = FittedTitle(text, width: 300, size: 15, canvas: canvas)
        XCTAssertGreaterThan(long.lines.count, 1)
        XCTAssertEqual(long.lines.joined(separator: " "), text, "every word kept")
        XCTAssertTrue(long.lines.allSatisfy { canvas.measure($0, size: long.size, bold: true).width <= 300 + 1e-9 })
        let title = "Testing error rates for different losses and optimizers"
        let full = canvas.measure(title, size: 15, bold: true).width
        let slightly = FittedTitle(title, width: full * 0.9, size: 15, canvas: canvas)
        XCTAssertEqual(slightly.lines, [title], "a little too wide: shrunk, not wrapped")
        XCTAssertEqual(slightly.size, 13.5, accuracy: 1e-9)
    }

    /// Issue 14: a legend covered curves when every corner held data; it now goes beside the axes.
    func testALegendThatWouldCoverDataEverywhereMovesOutsideTheAxes() {
        /// The rightmost dark grey column (the plot frame) on the figure's middle row.
        func frameRight(showsLegend: Bool, dense: Bool) -> Int {
            let figure = Figure(width: 600, height: 400)
            let axes = figure.axes()
            let xs = (0..<4000).map { Double($0) / 3999 }
            axes.plot(x: xs, y: xs.map { dense ? 0.5 + 0.5 * sin(300 * $0) : 0.1 * $0 }, label: "data")
            axes.yLimits = -0.1...1.1
            axes.showsLegend = showsLegend
            let pixels = figure.renderPixels()
            let row = 200
            return (0..<600).last { x in
                let i = (row * 600 + x) * 4
                let (r, g, b) = (Int(pixels[i]), Int(pixels[i + 1]), Int(pixels[i + 2]))
                return max(r, g, b) < 0xC0 && max(r, g, b) - min(r, g, b) < 16
            } ?? -1
        }
        XCTAssertLessThan(
            frameRight(showsLegend: true, dense: true), frameRight(showsLegend: false, dense: true) - 40,
            "the axes make room for the legend")
        XCTAssertEqual(
            frameRight(showsLegend: true, dense: false), frameRight(showsLegend: false, dense: false),
            "a free corner keeps the legend inside")
    }
}
