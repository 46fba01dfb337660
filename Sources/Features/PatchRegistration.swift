/// The camera's motion between two frames from many small patches, each matched on its own,
/// combined by medians: robust to the athlete, who covers a few patches. The 1-D profiles of
/// ``GlobalMotion`` weigh every pixel of a column alike, so an athlete moving across a small
/// frame drags them along; chained over the warm-up frames, the estimate then ran away with a
/// cartwheel (22 px in a second on a camera that moved 1), and the background built from it
/// was smeared.
struct PatchRegistration {
    /// Patches across and down the frame.
    var columns = 8
    var rows = 5
    /// Half the side of a patch (pixels).
    var half = 5
    /// Least mean squared gradient for a patch to take part (grey levels² per pixel along the
    /// axis it measures): flat wall and mat say nothing about the motion.
    var minimumTexture: Float = 4

    /// A patch of the reference: its centre and which axes its texture pins down.
    struct Patch {
        var x: Int
        var y: Int
        var measuresX: Bool
        var measuresY: Bool
    }

    /// The patches of `reference` with texture along at least one axis.
    func patches(of reference: GrayImage) -> [Patch] {
        let (w, h) = (reference.width, reference.height)
        guard w > 4 * half, h > 4 * half else { return [] }
        var out: [Patch] = []
        for j in 0..<rows {
            for i in 0..<columns {
                let x = half + 1 + (w - 2 * half - 2) * (2 * i + 1) / (2 * columns)
                let y = half + 1 + (h - 2 * half - 2) * (2 * j + 1) / (2 * rows)
                var gx: Float = 0, gy: Float = 0
                for yy in (y - half)...(y + half) {
                    for xx in (x - half)...(x + half) {
                        let dx = reference[xx + 1, yy] - reference[xx - 1, yy], dy = reference[xx, yy + 1] - reference[xx, yy - 1]
                        gx += dx * dx / 4
                        gy += dy * dy / 4
                    }
                }
                let n = Float((2 * half + 1) * (2 * half + 1))
                let p = Patch(x: x, y: y, measuresX: gx / n >= minimumTexture, measuresY: gy / n >= minimumTexture)
                if p.measuresX || p.measuresY { out.append(p) }
            }
        }
        return out
    }

    /// The motion taking `reference` to `current`, each patch searched within `radius` pixels of
    /// where `guess` puts it; `guess` when too few patches agree to say.
    func motion(from reference: GrayImage, patches: [Patch], to current: GrayImage, near guess: CameraMotion, radius: Int) -> CameraMotion {
        let (w, h) = (current.width, current.height)
        let (cx, cy) = (Float(w - 1) / 2, Float(h - 1) / 2)
        // Each patch's displacement (current − reference position) along the axes it measures.
        var xs: [(position: Float, shift: Float)] = [], ys: [(position: Float, shift: Float)] = []
        for p in patches {
            let (px, py) = guess.current(Float(p.x), Float(p.y), width: w, height: h)
            let (bx, by) = (Int(px.rounded()), Int(py.rounded()))
            var costs = [Float](repeating: .infinity, count: (2 * radius + 1) * (2 * radius + 1))
            var best = (cost: Float.infinity, dx: 0, dy: 0)
            for dy in -radius...radius {
                for dx in -radius...radius {
                    let (qx, qy) = (bx + dx, by + dy)
                    guard qx - half >= 0, qy - half >= 0, qx + half < w, qy + half < h else { continue }
                    var cost: Float = 0
                    for yy in -half...half {
                        for xx in -half...half {
                            let d = current[qx + xx, qy + yy] - reference[p.x + xx, p.y + yy]
                            cost += d * d
                        }
                    }
                    costs[(dy + radius) * (2 * radius + 1) + dx + radius] = cost
                    if cost < best.cost { best = (cost, dx, dy) }
                }
            }
            guard best.cost.isFinite else { continue }
            /// The parabola's vertex through the costs either side of the best; nil at the
            /// search window's edge (the true match may lie beyond it).
            func refine(_ k: Int, _ step: Int, _ at: Int) -> Float? {
                guard at > -radius, at < radius else { return nil }
                let (l, m, r) = (costs[k - step], costs[k], costs[k + step])
                guard l.isFinite, r.isFinite else { return nil }
                let d = l - 2 * m + r
                return d > 0 ? 0.5 * (l - r) / d : 0
            }
            let k = (best.dy + radius) * (2 * radius + 1) + best.dx + radius
            if p.measuresX, let f = refine(k, 1, best.dx) { xs.append((Float(p.x) - cx, Float(bx + best.dx) + f - Float(p.x))) }
            if p.measuresY, let f = refine(k, 2 * radius + 1, best.dy) { ys.append((Float(p.y) - cy, Float(by + best.dy) + f - Float(p.y))) }
        }
        guard xs.count >= 3, ys.count >= 3 else { return guess }
        // Zoom: the median slope of shift against position over pairs of patches well apart
        // (Theil–Sen), both axes pooled; then each axis' shift as the median residual.
        var slopes: [Float] = []
        for axis in [xs, ys] {
            for a in 0..<axis.count {
                for b in (a + 1)..<axis.count where abs(axis[a].position - axis[b].position) >= Float(Swift.min(w, h)) / 4 {
                    slopes.append((axis[a].shift - axis[b].shift) / (axis[a].position - axis[b].position))
                }
            }
        }
        let scale = 1 + (slopes.isEmpty ? guess.scale - 1 : Self.median(slopes))
        // current = scale · (reference − c) + c + d, so d = shift − (scale − 1) · (reference − c).
        let dx = Self.median(xs.map { $0.shift - (scale - 1) * $0.position })
        let dy = Self.median(ys.map { $0.shift - (scale - 1) * $0.position })
        return CameraMotion(dx: dx, dy: dy, scale: scale)
    }

    /// The middle value (the upper of the two middle ones for an even count).
    static func median(_ values: [Float]) -> Float {
        var v = values
        return kthSmallest(&v, v.count / 2)
    }
}
