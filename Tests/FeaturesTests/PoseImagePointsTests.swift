import Foundation
import Testing
import TestSupport
@testable import Features

@Suite("Pose image points")
struct PoseImagePointsTests {
    @Test func jointsAreNormalisedByTheFrameAndInvisibleOnesMarked() throws {
        let dir = try TemporaryDirectory()
        var frame = [Double](repeating: 1, count: 51)
        frame[0] = 320; frame[1] = 90          // nose at (320, 90), visible
        frame[3 * 16 + 2] = 0                  // right ankle invisible
        let second = [Double](repeating: 2, count: 51)
        let url = dir.url.appendingPathComponent("r.pose.json")
        try JSONSerialization.data(withJSONObject: ["fps": 10, "width": 640, "height": 360, "keypoints": [frame, second]]).write(to: url)
        let points = try PoseImagePoints.read(url)
        let first = try #require(points.normalised(at: 0.04, width: 640, height: 360))  // nearest frame 0
        #expect(first.count == 34 && first[0] == 0.5 && first[1] == 0.25)
        #expect(first[32] == -1 && first[33] == -1)
        #expect(points.normalised(at: 0.1, width: 640, height: 360)?[0] == 2.0 / 640)
        #expect(points.normalised(at: 0.5, width: 640, height: 360) == nil)
        try JSONSerialization.data(withJSONObject: ["keypoints": [[1, 2, 1]]]).write(to: url)
        #expect(throws: FeatureError.self) { try PoseImagePoints.read(url) }
    }
}
