import XCTest

@testable import Layers

/// The convolution's hand-unrolled loops against the plain loops they replace, to the bit.
final class ConvolutionLoopTests: XCTestCase {
    private func values(_ count: Int, seed: Int) -> [Float] {
        (0..<count).map { Float(($0 * 7_919 + seed * 104_729) % 2_001 - 1_000) / 997 }
    }

    func testChannelSumsAreThePlainPositionOrderSums() {
        for channels in 1...9 {
            for positions in [1, 7, 100, 784] {
                let gradient = values(channels * positions, seed: channels + positions)
                let start = values(channels, seed: 3)
                var plain = start
                for channel in 0..<channels {
                    var sum: Float = 0
                    for p in 0..<positions { sum += gradient[channel * positions + p] }
                    plain[channel] += sum
                }
                var unrolled = start
                gradient.withUnsafeBufferPointer { g in
                    unrolled.withUnsafeMutableBufferPointer { t in
                        ChannelSums.add(g.baseAddress!, channels: channels, positions: positions, into: t.baseAddress!)
                    }
                }
                XCTAssertEqual(
                    unrolled.map(\.bitPattern), plain.map(\.bitPattern), "\(channels) channels × \(positions)")
            }
        }
    }

    func testShortCopiesCopyExactlyTheirCount() {
        let source = values(64, seed: 1)
        for count in 0...40 {
            var target = [Float](repeating: -1, count: 48)
            source.withUnsafeBufferPointer { s in
                target.withUnsafeMutableBufferPointer { t in
                    ShortCopies.copy(count, from: s.baseAddress! + 3, to: t.baseAddress! + 1)
                }
            }
            XCTAssertEqual(Array(target[1..<(1 + count)]), Array(source[3..<(3 + count)]), "count \(count)")
            XCTAssertEqual(target[0], -1)
            XCTAssertTrue(target[(1 + count)...].allSatisfy { $0 == -1 }, "nothing written past \(count)")
        }
    }
}
