/// A title laid out to fit a width: at its size when it fits, else shrunk (down to
/// `minimumScale` of it), else wrapped at spaces into as many lines as that smallest size needs.
/// Never cut: a single word wider than the width shrinks further.
struct FittedTitle {
    let lines: [String]
    let size: Double

    /// The distance between the tops of two lines.
    var lineHeight: Double { size * 1.25 }

    /// The extra height of the lines after the first.
    var extraHeight: Double { Double(lines.count - 1) * lineHeight }

    init(_ text: String, width: Double, size: Double, canvas: Canvas, bold: Bool = true, minimumScale: Double = 0.8) {
        let full = canvas.measure(text, size: size, bold: bold).width
        if full <= width {
            (lines, self.size) = ([text], size)
            return
        }
        if full * minimumScale <= width {
            (lines, self.size) = ([text], size * width / full)
            return
        }
        let small = size * minimumScale
        var wrapped: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if !current.isEmpty, canvas.measure(candidate, size: small, bold: bold).width > width {
                wrapped.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { wrapped.append(current) }
        let widest = wrapped.map { canvas.measure($0, size: small, bold: bold).width }.max() ?? 0
        (lines, self.size) = (wrapped, widest > width ? small * width / widest : small)
    }

    /// Draws the lines centred on `x`, the first one's top at `y`.
    func draw(on canvas: Canvas, x: Double, y: Double, bold: Bool = true) {
        for (index, line) in lines.enumerated() {
            canvas.drawText(line, x: x, y: y + Double(index) * lineHeight, size: size, anchorX: 0.5, bold: bold)
        }
    }
}
