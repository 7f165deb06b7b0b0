import CCairo

/// A thin wrapper over a cairo image surface: anti-aliased paths and DejaVu Sans text.
final class Canvas {
    let width: Int, height: Int
    let surface: OpaquePointer
    let context: OpaquePointer

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
        context = cairo_create(surface)
        cairo_select_font_face(context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_BUTT)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    func setColor(_ color: Color) { cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha) }

    func fillRectangle(x: Double, y: Double, width: Double, height: Double, color: Color) {
        setColor(color)
        cairo_rectangle(context, x, y, width, height)
        cairo_fill(context)
    }

    func strokeRectangle(x: Double, y: Double, width: Double, height: Double, color: Color, lineWidth: Double) {
        setColor(color)
        cairo_set_line_width(context, lineWidth)
        cairo_set_dash(context, nil, 0, 0)
        cairo_rectangle(context, x, y, width, height)
        cairo_stroke(context)
    }

    func strokePolyline(_ points: [(Double, Double)], color: Color, width: Double, dash: [Double] = []) {
        guard let first = points.first else { return }
        setColor(color)
        cairo_set_line_width(context, width)
        dash.withUnsafeBufferPointer { cairo_set_dash(context, $0.baseAddress, Int32($0.count), 0) }
        cairo_move_to(context, first.0, first.1)
        for point in points.dropFirst() { cairo_line_to(context, point.0, point.1) }
        if points.count == 1 { cairo_line_to(context, first.0 + 0.01, first.1) }
        cairo_stroke(context)
        cairo_set_dash(context, nil, 0, 0)
    }

    func fillPolygon(_ points: [(Double, Double)], color: Color) {
        guard let first = points.first else { return }
        setColor(color)
        cairo_move_to(context, first.0, first.1)
        for point in points.dropFirst() { cairo_line_to(context, point.0, point.1) }
        cairo_close_path(context)
        cairo_fill(context)
    }

    func drawMarker(_ marker: Marker, x: Double, y: Double, size: Double, color: Color) {
        setColor(color)
        switch marker {
        case .circle:
            cairo_new_sub_path(context)
            cairo_arc(context, x, y, size / 2, 0, 2 * Double.pi)
        case .square:
            cairo_rectangle(context, x - size / 2, y - size / 2, size, size)
        case .triangle:
            cairo_move_to(context, x, y - size / 2)
            cairo_line_to(context, x + size / 2, y + size / 2)
            cairo_line_to(context, x - size / 2, y + size / 2)
            cairo_close_path(context)
        }
        cairo_fill(context)
    }

    /// Width and height of `text` at `size` points.
    func measure(_ text: String, size: Double, bold: Bool = false) -> (width: Double, height: Double) {
        setFont(size: size, bold: bold)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return (extents.x_advance, size)
    }

    /// Draws `text` anchored at (x, y): `anchorX` 0 = left, 0.5 = centre, 1 = right; `anchorY` likewise top to bottom.
    func drawText(
        _ text: String, x: Double, y: Double, size: Double, color: Color = .black,
        anchorX: Double = 0, anchorY: Double = 0, rotated: Bool = false, bold: Bool = false
    ) {
        setFont(size: size, bold: bold)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        var fontExtents = cairo_font_extents_t()
        cairo_font_extents(context, &fontExtents)
        setColor(color)
        cairo_save(context)
        cairo_translate(context, x, y)
        if rotated { cairo_rotate(context, -Double.pi / 2) }
        let textHeight = fontExtents.ascent + fontExtents.descent
        cairo_move_to(context, -extents.x_advance * anchorX, fontExtents.ascent - textHeight * anchorY)
        cairo_show_text(context, text)
        cairo_restore(context)
    }

    private func setFont(size: Double, bold: Bool) {
        cairo_select_font_face(
            context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }

    func clip(x: Double, y: Double, width: Double, height: Double) {
        cairo_save(context)
        cairo_rectangle(context, x, y, width, height)
        cairo_clip(context)
    }

    func unclip() { cairo_restore(context) }

    /// The pixels as 8-bit RGBA rows (cairo stores premultiplied BGRA words).
    func rgbaPixels() -> [UInt8] {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { return [] }
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for row in 0..<height {
            let source = data.advanced(by: row * stride).withMemoryRebound(to: UInt32.self, capacity: width) { $0 }
            for column in 0..<width {
                let word = source[column]
                let alpha = UInt32(word >> 24)
                let unpremultiply = { (value: UInt32) -> UInt8 in
                    alpha == 0 ? 0 : UInt8(min(255, (value * 255 + alpha / 2) / alpha))
                }
                let offset = (row * width + column) * 4
                pixels[offset] = unpremultiply(word >> 16 & 0xff)
                pixels[offset + 1] = unpremultiply(word >> 8 & 0xff)
                pixels[offset + 2] = unpremultiply(word & 0xff)
                pixels[offset + 3] = UInt8(alpha)
            }
        }
        return pixels
    }
}
