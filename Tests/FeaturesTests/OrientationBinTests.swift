import Foundation
import Testing
@testable import Features

@Suite("Orientation bins")
struct OrientationBinTests {
    /// Gradient and flow components as the extractor meets them: random magnitudes over six
    /// decades, exact zeros, equal and opposite components, values on the sectors' edges.
    static func samples() -> [(Float, Float)] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24)
        }
        var out: [(Float, Float)] = []
        for _ in 0..<400_000 {
            let angle = next() * 2 * .pi, scale = powf(10, next() * 6 - 3)
            out.append((scale * cosf(angle), scale * sinf(angle)))
        }
        let specials: [Float] = [0, -0.0, 1, -1, 0.5, -0.5, 1e-30, -1e-30, 255, -255]
        for a in specials { for b in specials { out.append((a, b)) } }
        // Directions on and next to every edge of 16 sectors (the unsigned bins' edges included).
        for k in 0..<16 {
            let edge = Float(k) * .pi / 8
            for d: Float in [-1e-4, -1e-6, 0, 1e-6, 1e-4] { out.append((cosf(edge + d), sinf(edge + d))) }
        }
        return out
    }

    @Test func binsAreExactlyAtan2s() {
        var mismatches = 0
        for (dx, dy) in Self.samples() {
            for signed in [true, false] where CellDescriptors.bin(dx, dy, bins: 8, signed: signed)
                != CellDescriptors.exactBin(dx, dy, bins: 8, signed: signed) {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }

    @Test func theApproximateAngleIsWithinItsErrorBound() {
        var worst: Float = 0
        for (dx, dy) in Self.samples() where dx != 0 || dy != 0 {
            var exact = atan2f(dy, dx) / (2 * .pi)
            if exact < 0 { exact += 1 }
            var d = abs(CellDescriptors.approximateTurns(dx, dy) - exact)
            d = Swift.min(d, 1 - d)
            worst = Swift.max(worst, d * 2 * .pi)
        }
        // In radians; the edge margin (1e-3 of a bin, ≥ 4e-4 rad) leaves a wide berth.
        #expect(worst < 2e-5)
    }
}
