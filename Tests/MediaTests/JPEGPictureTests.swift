import Foundation
import Testing
@testable import Media

@Suite struct JPEGPictureTests {
    /// A smooth gradient with a dark square: what a compressed frame must keep.
    static func picture(width: Int = 96, height: Int = 54) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let i = 3 * (y * width + x)
                let inSquare = (30..<50).contains(x) && (15..<35).contains(y)
                rgb[i] = inSquare ? 20 : UInt8(x * 255 / width)
                rgb[i + 1] = inSquare ? 20 : UInt8(y * 255 / height)
                rgb[i + 2] = inSquare ? 20 : 128
            }
        }
        return rgb
    }

    @Test func roundTripKeepsThePictureAndIsSmall() throws {
        let rgb = Self.picture()
        let jpeg = try JPEGPicture(width: 96, height: 54, rgb: rgb)
        #expect(jpeg.bytes.prefix(2) == [0xFF, 0xD8])
        #expect(jpeg.bytes.suffix(2) == [0xFF, 0xD9])
        #expect(jpeg.bytes.count < rgb.count / 4)
        let back = try JPEGPicture(bytes: jpeg.bytes, width: 96, height: 54).decodedRGB()
        #expect(back.count == rgb.count)
        let meanError = zip(rgb, back).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) } / Double(rgb.count)
        #expect(meanError < 6, "mean absolute error \(meanError)")
        // Inside the dark square stays dark, outside it stays bright.
        #expect(back[3 * (25 * 96 + 40)] < 50)
        #expect(back[3 * (25 * 96 + 90) + 2] > 100)
    }

    @Test func sameInputSameBytes() throws {
        let rgb = Self.picture()
        #expect(try JPEGPicture(width: 96, height: 54, rgb: rgb).bytes == JPEGPicture(width: 96, height: 54, rgb: rgb).bytes)
    }

    @Test func badInputIsRefused() throws {
        #expect(throws: MediaError.self) { try JPEGPicture(width: 95, height: 54, rgb: [UInt8](repeating: 0, count: 95 * 54 * 3)) }
        #expect(throws: MediaError.self) { try JPEGPicture(bytes: [1, 2, 3, 4, 5], width: 8, height: 8).decodedRGB() }
        let jpeg = try JPEGPicture(width: 96, height: 54, rgb: Self.picture())
        #expect(throws: MediaError.self) { try JPEGPicture(bytes: jpeg.bytes, width: 48, height: 54).decodedRGB() }
    }
}

@Suite struct RGBResizerTests {
    @Test func halvingAveragesBlocks() throws {
        // 4×2 picture: left half red, right half blue → 2×1: one red, one blue pixel.
        var rgb = [UInt8]()
        for _ in 0..<2 { for x in 0..<4 { rgb += x < 2 ? [200, 0, 0] : [0, 0, 200] } }
        let small = try RGBResizer.resize(rgb, width: 4, height: 2, toWidth: 2, toHeight: 1)
        #expect(small.count == 6)
        #expect(small[0] > 180 && small[2] < 20 && small[3] < 20 && small[5] > 180, "\(small)")
        #expect(throws: MediaError.self) { try RGBResizer.resize(rgb, width: 5, height: 2, toWidth: 2, toHeight: 1) }
    }
}
