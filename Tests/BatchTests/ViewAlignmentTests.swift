import Foundation
import Testing
import TestSupport
import Media
@testable import Batch

@Suite("View alignment")
struct ViewAlignmentTests {
    static func motion(_ n: Int, seed: Int) -> [Float] {
        // bursts of motion at irregular times, like a routine's elements
        (0..<n).map { i in
            let x = Double(i)
            return Float(1 + sin(x * 0.37 + Double(seed)) + 2 * exp(-pow((x - 40) / 4, 2)) + 3 * exp(-pow((x - 95) / 6, 2)))
        }
    }

    @Test func findsTheShiftOfADelayedView() throws {
        let a = Self.motion(150, seed: 0)
        let b = Array(repeating: Float(1), count: 12) + a  // second camera started 12 frames earlier
        let offset = try ViewAlignment.offset(first: a, second: b, fps: 15, names: ("front.mp4", "side.mp4"))
        #expect(offset.seconds == 12.0 / 15.0)
        #expect(offset.correlation > 0.99)
    }

    @Test func unrelatedMotionIsRefused() {
        let a = Self.motion(150, seed: 0)
        let noise = (0..<150).map { Float(($0 * 7919) % 13) }
        do {
            _ = try ViewAlignment.offset(first: a, second: noise, fps: 15, names: ("front.mp4", "side.mp4"))
            Issue.record("unrelated videos were aligned")
        } catch {
            #expect("\(error)".hasPrefix("side.mp4: cannot be time-aligned with front.mp4"))
        }
    }
}

@Suite("View alignment on encoded videos")
struct ViewAlignmentVideoTests {
    /// A bar that moves in bursts (so the motion-energy curve has a shape), started `lead`
    /// frames late in the second file.
    static func write(_ path: String, lead: Int) throws {
        let bar = MovingBarVideo(width: 160, height: 96, step: 3)
        var positions: [Int] = Array(repeating: 0, count: lead)
        var p = 0
        for k in 0..<150 {
            let moving = (k / 10) % 3 != 1 || (k > 60 && k < 75)
            if moving { p = (p + (k % 7 == 0 ? 3 : 1)) % 50 }
            positions.append(p)
        }
        let encoder = try VideoEncoder(path: path, options: .init(width: 160, height: 96, fps: 30, quality: 18))
        for pos in positions { try encoder.append(rgb: bar.frame(pos)) }
        try encoder.finish()
    }

    @Test func alignsTwoCamerasStartedAtDifferentTimes() throws {
        let dir = try TemporaryDirectory()
        let front = dir.url.appendingPathComponent("ben.front.mp4"), side = dir.url.appendingPathComponent("ben.side.mp4")
        try Self.write(front.path, lead: 0)
        try Self.write(side.path, lead: 30)  // one second earlier
        let a = try ViewAlignment.motionEnergy(video: front), b = try ViewAlignment.motionEnergy(video: side)
        #expect(b.count == a.count + 15)
        let offset = try ViewAlignment.offset(first: a, second: b, fps: 15, names: ("ben.front.mp4", "ben.side.mp4"))
        #expect(abs(offset.seconds - 1.0) <= 1.0 / 15.0)
    }
}
