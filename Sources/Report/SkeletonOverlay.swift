/// The athlete's skeleton from a pose file drawn over a keyframe: the COCO-17 limbs as thin
/// lines, so a reader sees the body angles the pose stream gave the model.
public struct SkeletonOverlay {
    /// 17 × (x, y) normalised to the image; negative for an invisible joint.
    public var joints: [Double]

    /// COCO-17 limbs (joint index pairs): face, arms, torso, legs.
    static let limbs = [(0, 1), (0, 2), (1, 3), (2, 4), (5, 7), (7, 9), (6, 8), (8, 10), (5, 6), (5, 11), (6, 12), (11, 12),
                        (11, 13), (13, 15), (12, 14), (14, 16)]

    public init(joints: [Double]) { self.joints = joints }

    public func draw(_ canvas: Canvas, in cell: Rect) {
        guard joints.count == 34 else { return }
        func point(_ j: Int) -> (Double, Double)? {
            let (x, y) = (joints[2 * j], joints[2 * j + 1])
            return x < 0 || y < 0 ? nil : (cell.x + x * cell.width, cell.y + y * cell.height)
        }
        for (a, b) in Self.limbs {
            guard let p = point(a), let q = point(b) else { continue }
            canvas.line([p, q], Color(0.2, 0.95, 0.55), width: 0.7)
        }
    }
}
