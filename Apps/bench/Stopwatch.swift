import Foundation

/// Wall-clock timing with the minimum over repeats, as the anchor does.
enum Stopwatch {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func best(of repeats: Int, _ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<max(repeats, 1) { best = min(best, try seconds(body)) }
        return best
    }
}
