import Foundation
import Media
import TestSupport
import Testing

@Suite struct RotationTests {
    @Test(arguments: [90, 180, 270])
    func rotationMetadataIsApplied(degrees: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("rotated.mp4")
        let video = MovingBarVideo(width: 160, height: 96)
        try video.write(to: path, count: 4, fps: 30, rotation: degrees)

        let info = try VideoInfo.probe(path: path)
        #expect(info.rotation == degrees)
        let swapped = degrees % 180 != 0
        #expect(info.displayWidth == (swapped ? 96 : 160))
        #expect(info.displayHeight == (swapped ? 160 : 96))

        let decoder = try VideoDecoder(path: path, options: .init(rate: .native, shortSide: nil, output: .rgb))
        let frame = try #require(try decoder.nextFrame())
        #expect(frame.width == info.displayWidth && frame.height == info.displayHeight)
        // The red marker, top-left in the coded picture, moves to the corner the rotation takes it to.
        let corner: (x: Int, y: Int)
        switch degrees {
        case 90: corner = (frame.width - 3, 2)
        case 180: corner = (frame.width - 3, frame.height - 3)
        default: corner = (2, frame.height - 3)
        }
        let i = (corner.y * frame.width + corner.x) * 3
        let rgb = try #require(frame.rgb)
        #expect(rgb[i] > 180 && rgb[i + 1] < 80, "marker expected at \(corner)")
        #expect(rgb[0] < 100, "top-left is no longer the marker")
    }

    @Test func analysisShortSideAppliesToDisplayedOrientation() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("portrait.mp4")
        try MovingBarVideo(width: 320, height: 180).write(to: path, count: 2, fps: 30, rotation: 90)
        let decoder = try VideoDecoder(path: path, options: .init(rate: .native, shortSide: 90, output: .gray))
        let frame = try #require(try decoder.nextFrame())
        #expect(frame.width == 90 && frame.height == 160)
        #expect(frame.gray?.count == 90 * 160)
    }
}
