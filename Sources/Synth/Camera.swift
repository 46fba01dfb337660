import Foundation

/// A pinhole camera looking at the routine from one side of the hall.
public struct Camera: Sendable {
    public var position: Vector3
    public var forward: Vector3, right: Vector3, up: Vector3
    /// Focal length in pixels and image centre.
    public var focal: Double
    public var width: Int, height: Int

    /// A camera at `azimuth` degrees around the vertical axis (0: on +z, seeing the athlete's
    /// travel from the side; 90: on +x, facing the athlete), `distance` metres from `target`.
    public init(azimuth: Double, distance: Double, height camHeight: Double, target: Vector3, fieldOfView: Double, width: Int, height: Int) {
        let a = azimuth * .pi / 180
        position = target + Vector3(sin(a) * distance, 0, cos(a) * distance)
        position.y = camHeight
        forward = (target - position).normalized
        right = forward.cross(Vector3(0, 1, 0)).normalized
        up = right.cross(forward)
        focal = Double(width) / 2 / tan(fieldOfView * .pi / 360)
        self.width = width
        self.height = height
    }

    /// Camera-space coordinates (x right, y up, z depth).
    public func toCamera(_ p: Vector3) -> Vector3 {
        let d = p - position
        return Vector3(d.dot(right), d.dot(up), d.dot(forward))
    }

    /// Pixel coordinates of a camera-space point (z > 0).
    public func project(camera c: Vector3) -> (x: Double, y: Double) {
        (Double(width) / 2 + focal * c.x / c.z, Double(height) / 2 - focal * c.y / c.z)
    }

    /// Pixel coordinates and depth of a world point.
    public func project(_ p: Vector3) -> (x: Double, y: Double, depth: Double) {
        let c = toCamera(p)
        let z = Swift.max(c.z, 0.05)
        let q = project(camera: Vector3(c.x, c.y, z))
        return (q.x, q.y, c.z)
    }

    /// A world polygon clipped to the space in front of the camera, in pixels (empty when
    /// entirely behind).
    public func projectPolygon(_ points: [Vector3], near: Double = 0.3) -> [(Double, Double)] {
        let cam = points.map(toCamera)
        var out: [Vector3] = []
        for i in cam.indices {
            let a = cam[i], b = cam[(i + 1) % cam.count]
            let ina = a.z >= near, inb = b.z >= near
            if ina { out.append(a) }
            if ina != inb {
                let f = (near - a.z) / (b.z - a.z)
                out.append(a + (b - a) * f)
            }
        }
        return out.map { let q = project(camera: $0); return (q.x, q.y) }
    }

    /// The named views of the generator.
    public static func view(_ name: String, event: String, width: Int, height: Int) -> Camera {
        let azimuth: Double
        switch name {
        case "front": azimuth = 72
        case "back": azimuth = -108
        case "side2", "other_side": azimuth = 180 - 15
        default: azimuth = 15  // "side" and anything else
        }
        switch event {
        case "beam":
            return Camera(azimuth: azimuth, distance: 7.0, height: 1.6, target: Vector3(0, 1.75, 0), fieldOfView: 48, width: width, height: height)
        case "vault":
            return Camera(azimuth: azimuth, distance: 10.5, height: 1.3, target: Vector3(-2.8, 0.9, 0), fieldOfView: 62, width: width, height: height)
        default:
            return Camera(azimuth: azimuth, distance: 9.0, height: 1.3, target: Vector3(0, 0.85, 0), fieldOfView: 50, width: width, height: height)
        }
    }
}
