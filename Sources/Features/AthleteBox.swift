/// Where the athlete is in the analysis frame (pixels): centre and size.
public struct AthleteBox: Sendable, Equatable, Codable {
    public var x: Float, y: Float, width: Float, height: Float

    public init(x: Float, y: Float, width: Float, height: Float) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var bottom: Float { y + height / 2 }
}
