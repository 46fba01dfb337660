/// Rotates a packed image clockwise by a multiple of 90 degrees.
enum ImageRotation {
    /// Returns the rotated pixels and their new size.
    static func rotate(_ pixels: [UInt8], width: Int, height: Int, channels: Int, clockwise degrees: Int)
        -> (pixels: [UInt8], width: Int, height: Int)
    {
        let turns = ((degrees / 90) % 4 + 4) % 4
        if turns == 0 { return (pixels, width, height) }
        let outWidth = turns == 2 ? width : height
        let outHeight = turns == 2 ? height : width
        var output = [UInt8](repeating: 0, count: pixels.count)
        pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                for y in 0..<height {
                    for x in 0..<width {
                        let (u, v): (Int, Int)
                        switch turns {
                        case 1: (u, v) = (height - 1 - y, x)          // 90° clockwise
                        case 2: (u, v) = (width - 1 - x, height - 1 - y)
                        default: (u, v) = (y, width - 1 - x)          // 270° clockwise
                        }
                        let from = (y * width + x) * channels
                        let to = (v * outWidth + u) * channels
                        for c in 0..<channels { destination[to + c] = source[from + c] }
                    }
                }
            }
        }
        return (output, outWidth, outHeight)
    }
}
