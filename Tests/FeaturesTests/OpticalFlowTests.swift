import Foundation
import Testing
@testable import Features

/// A smooth random texture (sum of Gaussian blobs), so gradients exist everywhere.
func texture(width: Int, height: Int, seed: Int, shiftX: Float = 0, shiftY: Float = 0) -> GrayImage {
    var blobs: [(Float, Float, Float, Float)] = []
    var s = UInt64(seed) &* 6364136223846793005 &+ 1442695040888963407
    func r() -> Float { s = s &* 6364136223846793005 &+ 1442695040888963407; return Float(s >> 40) / Float(1 << 24) }
    for _ in 0..<60 { blobs.append((r() * Float(width), r() * Float(height), 2 + 5 * r(), 40 + 120 * r())) }
    var img = GrayImage(width: width, height: height)
    for y in 0..<height {
        for x in 0..<width {
            var v: Float = 30
            for (bx, by, sigma, a) in blobs {
                let dx = Float(x) - shiftX - bx, dy = Float(y) - shiftY - by
                v += a * exp(-(dx * dx + dy * dy) / (2 * sigma * sigma))
            }
            img[x, y] = v
        }
    }
    return img
}

@Suite("Optical flow")
struct OpticalFlowTests {
    @Test(arguments: [(Float(1.5), Float(-0.8)), (Float(-3.2), Float(2.4)), (Float(0.3), Float(0.2))])
    func endpointErrorOnKnownTranslation(dx: Float, dy: Float) {
        let a = texture(width: 64, height: 64, seed: 3)
        let b = texture(width: 64, height: 64, seed: 3, shiftX: dx, shiftY: dy)
        let (u, v) = OpticalFlow().flow(from: a, to: b)
        var total: Float = 0, n = 0
        for y in 8..<56 {
            for x in 8..<56 {
                let i = y * 64 + x
                total += ((u[i] - dx) * (u[i] - dx) + (v[i] - dy) * (v[i] - dy)).squareRoot()
                n += 1
            }
        }
        let epe = total / Float(n)
        print("flow EPE for (\(dx), \(dy)): \(epe) px")
        #expect(epe < 0.25, "mean endpoint error \(epe) px")
    }
}
