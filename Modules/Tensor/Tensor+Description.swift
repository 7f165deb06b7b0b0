extension Tensor: CustomStringConvertible {
    /// Nested brackets like NumPy's, with the shape; long dimensions are elided with "…".
    public var description: String {
        guard rank > 0 else { return "Tensor(\(scalars.first.map { "\($0)" } ?? "nan"))" }
        return "Tensor(shape: \(shape), \(render(dimension: 0, offset: 0)))"
    }

    private func render(dimension: Int, offset: Int) -> String {
        let extent = shape[dimension]
        let stride = shape[(dimension + 1)...].reduce(1, *)
        let shown: [Int] = extent > 8 ? Array(0..<3) + [-1] + Array((extent - 3)..<extent) : Array(0..<extent)
        let parts = shown.map { i -> String in
            if i < 0 { return "…" }
            if dimension == rank - 1 { return "\(scalars[offset + i])" }
            return render(dimension: dimension + 1, offset: offset + i * stride)
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }
}
