import Foundation

/// A point or direction in the world (metres): x along the floor in the direction of travel,
/// y up, z across (towards the side camera).
public struct Vector3: Equatable, Sendable, Codable {
    public var x: Double, y: Double, z: Double

    public init(_ x: Double, _ y: Double, _ z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }

    public static let zero = Vector3(0, 0, 0)
    public static func + (a: Vector3, b: Vector3) -> Vector3 { Vector3(a.x + b.x, a.y + b.y, a.z + b.z) }
    public static func - (a: Vector3, b: Vector3) -> Vector3 { Vector3(a.x - b.x, a.y - b.y, a.z - b.z) }
    public static func * (a: Vector3, s: Double) -> Vector3 { Vector3(a.x * s, a.y * s, a.z * s) }
    public func dot(_ b: Vector3) -> Double { x * b.x + y * b.y + z * b.z }
    public func cross(_ b: Vector3) -> Vector3 { Vector3(y * b.z - z * b.y, z * b.x - x * b.z, x * b.y - y * b.x) }
    public var length: Double { dot(self).squareRoot() }
    public var normalized: Vector3 { let l = length; return l > 0 ? self * (1 / l) : self }

    /// Rotates `self` about the unit `axis` by `degrees` (right-hand rule, Rodrigues' formula).
    public func rotated(about axis: Vector3, degrees: Double) -> Vector3 {
        let a = degrees * .pi / 180
        let (c, s) = (cos(a), sin(a))
        return self * c + axis.cross(self) * s + axis * (axis.dot(self) * (1 - c))
    }
}

/// An orthonormal frame: the body's forward, up and left directions.
public struct Frame3: Sendable {
    public var forward: Vector3, up: Vector3, left: Vector3

    public static let world = Frame3(forward: Vector3(1, 0, 0), up: Vector3(0, 1, 0), left: Vector3(0, 0, -1))

    public func rotated(about axis: Vector3, degrees: Double) -> Frame3 {
        Frame3(forward: forward.rotated(about: axis, degrees: degrees), up: up.rotated(about: axis, degrees: degrees),
               left: left.rotated(about: axis, degrees: degrees))
    }
}
