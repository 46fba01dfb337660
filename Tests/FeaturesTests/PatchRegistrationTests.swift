import Foundation
import Testing
@testable import Features

/// The warm-up's camera registration recovers a known shift and zoom while a large bright
/// block (the athlete) stands somewhere else in each frame; a frame with no texture leaves the
/// guess as it was. (The run-away it replaces needs a cartwheel across a small frame: see
/// FeatureExtractionTests' drifting side view, 91.0 → 97.9 %.)
@Suite("Patch registration")
struct PatchRegistrationTests {
    /// A hall-like scene: smooth random texture with vertical lines and a banner.
    static func scene(width: Int, height: Int) -> GrayImage {
        var state: UInt64 = 12345
        func random() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24)
        }
        var coarse = [Float](repeating: 0, count: 26 * 16)
        for i in coarse.indices { coarse[i] = 60 + 80 * random() }
        var image = GrayImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                // Bilinear blow-up of the coarse noise: texture at every scale the patches see.
                let (fx, fy) = (Float(x) / Float(width - 1) * 24, Float(y) / Float(height - 1) * 14)
                let (i, j) = (Int(fx), Int(fy))
                let (u, v) = (fx - Float(i), fy - Float(j))
                var value = coarse[j * 26 + i] * (1 - u) * (1 - v) + coarse[j * 26 + i + 1] * u * (1 - v)
                    + coarse[(j + 1) * 26 + i] * (1 - u) * v + coarse[(j + 1) * 26 + i + 1] * u * v
                if x % 23 == 0 { value += 40 }
                if y > 15 && y < 24 && x > 50 && x < 140 { value = 200 }
                image[x, y] = value
            }
        }
        return image
    }

    /// `scene` as a camera moved by `motion` sees it, with a bright block (the athlete) at `athlete`.
    static func view(_ scene: GrayImage, motion: CameraMotion, athlete: (x: Int, y: Int)) -> GrayImage {
        var out = GrayImage(width: scene.width, height: scene.height)
        for y in 0..<scene.height {
            for x in 0..<scene.width {
                let (rx, ry) = motion.reference(Float(x), Float(y), width: scene.width, height: scene.height)
                out[x, y] = scene.sample(rx, ry)
                if abs(x - athlete.x) < 12 && abs(y - athlete.y) < 18 { out[x, y] = 250 }
            }
        }
        return out
    }

    @Test func recoversShiftAndZoomPastAMovingAthlete() {
        let scene = Self.scene(width: 199, height: 112)
        let reference = Self.view(scene, motion: .identity, athlete: (60, 70))
        let truth = CameraMotion(dx: 2.6, dy: -1.3, scale: 1.012)
        let current = Self.view(scene, motion: truth, athlete: (120, 60))
        let registration = PatchRegistration()
        let patches = registration.patches(of: reference)
        #expect(patches.count >= 20, "textured patches: \(patches.count)")
        let m = registration.motion(from: reference, patches: patches, to: current, near: .identity, radius: 4)
        #expect(abs(m.dx - truth.dx) < 0.25 && abs(m.dy - truth.dy) < 0.25, "shift (\(m.dx), \(m.dy)) against (\(truth.dx), \(truth.dy))")
        #expect(abs(m.scale - truth.scale) < 0.004, "zoom \(m.scale) against \(truth.scale)")
    }

    @Test func aFlatFrameSaysNothingAndKeepsTheGuess() {
        let flat = GrayImage(width: 199, height: 112, fill: 100)
        let registration = PatchRegistration()
        #expect(registration.patches(of: flat).isEmpty)
        let guess = CameraMotion(dx: 1, dy: 2, scale: 1.01)
        #expect(registration.motion(from: flat, patches: [], to: flat, near: guess, radius: 4) == guess)
    }
}
