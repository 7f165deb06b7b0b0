/// Reduces a long polyline to at most four points per pixel column (first, minimum, maximum,
/// last, in the order they occur), so a 500,000-point loss curve draws fast and keeps its spikes.
/// Non-finite points split the line into separate runs (gaps).
enum Downsampling {
    /// Runs of finite pixel points, downsampled when a run is much denser than the pixel grid.
    static func runs(x: [Double], y: [Double], mapX: (Double) -> Double, mapY: (Double) -> Double) -> [[(
        Double, Double
    )]] {
        var runs: [[(Double, Double)]] = []
        var current: [(Double, Double)] = []
        var column = Int.min
        var bucket: [(Double, Double)] = []
        func flushBucket() {
            guard !bucket.isEmpty else { return }
            if bucket.count <= 4 {
                current += bucket
            } else {
                // Pixel y grows downwards: the largest y is the smallest value.
                let low = bucket.indices.max { bucket[$0].1 < bucket[$1].1 }!
                let high = bucket.indices.min { bucket[$0].1 < bucket[$1].1 }!
                let picks = Set([0, low, high, bucket.count - 1]).sorted()
                current += picks.map { bucket[$0] }
            }
            bucket = []
        }
        for (a, b) in zip(x, y) {
            let px = mapX(a)
            let py = mapY(b)
            guard px.isFinite, py.isFinite else {
                flushBucket()
                if current.count > 0 { runs.append(current) }
                current = []
                column = Int.min
                continue
            }
            let pixelColumn = Int(px.rounded(.down))
            if pixelColumn != column {
                flushBucket()
                column = pixelColumn
            }
            bucket.append((px, py))
        }
        flushBucket()
        if current.count > 0 { runs.append(current) }
        return runs
    }
}
