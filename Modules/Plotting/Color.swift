/// An RGBA colour with components in [0, 1].
public struct Color: Equatable, Sendable {
    public var red: Double, green: Double, blue: Double, alpha: Double

    /// - Parameters:
    ///   - red: 0…1.
    ///   - green: 0…1.
    ///   - blue: 0…1.
    ///   - alpha: opacity, 0…1.
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        (self.red, self.green, self.blue, self.alpha) = (red, green, blue, alpha)
    }

    /// From a 0xRRGGBB literal.
    /// - Parameters:
    ///   - hex: 0xRRGGBB.
    ///   - alpha: opacity, 0…1.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(
            red: Double(hex >> 16 & 0xff) / 255, green: Double(hex >> 8 & 0xff) / 255, blue: Double(hex & 0xff) / 255,
            alpha: alpha)
    }

    /// The opaque colour this one shows over a white background.
    public var onWhite: Color {
        Color(red: red * alpha + 1 - alpha, green: green * alpha + 1 - alpha, blue: blue * alpha + 1 - alpha)
    }

    /// The same colour with another opacity.
    public func withAlpha(_ alpha: Double) -> Color { Color(red: red, green: green, blue: blue, alpha: alpha) }

    public static let black = Color(hex: 0x000000)
    public static let white = Color(hex: 0xffffff)
    public static let red = Color(hex: 0xff0000)
    public static let gray = Color(hex: 0x808080)
    public static let lightGray = Color(hex: 0xe5e5e5)

    /// A colour-blind-safe qualitative palette in the Tableau 10 order matplotlib uses (blue, orange,
    /// green, red, …), so figures read like the matplotlib ones users know.
    public static let palette: [Color] = [
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    ].map { Color(hex: $0) }

    /// The `index`-th palette colour, cycling.
    public static func cycle(_ index: Int) -> Color {
        palette[((index % palette.count) + palette.count) % palette.count]
    }

    /// A perceptually ordered sequential map (viridis, sampled), for heat maps; `t` in [0, 1].
    public static func viridis(_ t: Double) -> Color {
        let stops: [UInt32] = [
            0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b, 0xfde725,
        ]
        let clamped = min(max(t.isFinite ? t : 0, 0), 1) * Double(stops.count - 1)
        let low = Int(clamped.rounded(.down))
        let high = min(low + 1, stops.count - 1)
        let fraction = clamped - Double(low)
        let a = Color(hex: stops[low])
        let b = Color(hex: stops[high])
        return Color(
            red: a.red + (b.red - a.red) * fraction, green: a.green + (b.green - a.green) * fraction,
            blue: a.blue + (b.blue - a.blue) * fraction)
    }
}
