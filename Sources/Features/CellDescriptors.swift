import Foundation

/// Per spatial cell of the athlete-centred crop, the dense-trajectory descriptors: HOG (8
/// unsigned orientations + log magnitude), HOF (8 signed directions + static bin), MBH (8
/// directions each for ∇u and ∇v), the silhouette occupancy and the cell's position.
/// Histograms are magnitude sums per pixel of the cell, so speed is kept, not only direction.
public enum CellDescriptors {
    public static let width = 9 + 9 + 16 + 1 + 2

    /// The orientation bin of (dx, dy): `bins` equal sectors of the full turn (signed) or of
    /// the half turn (unsigned), numbered from the +x axis towards +y.
    @inline(__always) static func bin(_ dx: Float, _ dy: Float, bins: Int, signed: Bool) -> Int {
        // Away from a sector's edge a polynomial arctangent decides; within `edgeMargin` of one
        // (and for 0/0, where it is NaN) atan2 does, so the bins are exactly atan2's — at a
        // fraction of its cost (atan2 was a third of this type's time).
        let turns = approximateTurns(dx, dy)
        let t = signed ? turns * Float(bins) : turns * Float(2 * bins)
        let f = t - t.rounded(.down)
        if f > edgeMargin && f < 1 - edgeMargin {
            let b = Int(t)
            return signed ? b : b % bins
        }
        return exactBin(dx, dy, bins: bins, signed: signed)
    }

    /// Bins are decided by atan2 when the approximate angle is closer than this (in bins) to
    /// a sector's edge: far more than the approximation's error (under 1e-5 rad) plus
    /// atan2's rounding.
    static let edgeMargin: Float = 1e-3

    @inline(__always) static func exactBin(_ dx: Float, _ dy: Float, bins: Int, signed: Bool) -> Int {
        var a = atan2(dy, dx)
        if !signed { if a < 0 { a += .pi } ; return Swift.min(bins - 1, Int(a / .pi * Float(bins))) }
        if a < 0 { a += 2 * .pi }
        return Swift.min(bins - 1, Int(a / (2 * .pi) * Float(bins)))
    }

    /// atan2(dy, dx) as a fraction of a turn in [0, 1), from a minimax polynomial for the
    /// arctangent on [0, 1] (Hastings; absolute error about 1e-5 rad); NaN for (0, 0).
    @inline(__always) static func approximateTurns(_ dx: Float, _ dy: Float) -> Float {
        let ax = abs(dx), ay = abs(dy)
        let r = Swift.min(ax, ay) / Swift.max(ax, ay), r2 = r * r
        var a = r * (0.99997726 + r2 * (-0.33262347 + r2 * (0.19354346 + r2 * (-0.11643287 + r2 * (0.05265332 + r2 * -0.01172120)))))
        if ay > ax { a = .pi / 2 - a }
        if dx < 0 { a = .pi - a }
        var turns = a / (2 * .pi)
        if dy < 0 { turns = 1 - turns }
        return turns
    }

    /// Descriptors [grid² × width] for one frame.
    public static func compute(crop: GrayImage, flow: (u: [Float], v: [Float]), mask: [Float], grid: Int) -> [Float] {
        let size = crop.width
        let cell = size / grid
        let (gx, gy) = crop.gradients()
        let flowU = GrayImage(width: size, height: size, pixels: flow.u), flowV = GrayImage(width: size, height: size, pixels: flow.v)
        let (ux, uy) = flowU.gradients(), (vx, vy) = flowV.gradients()
        var out = [Float](repeating: 0, count: grid * grid * width)
        let n = Float(cell * cell)
        for cy in 0..<grid {
            for cx in 0..<grid {
                let base = (cy * grid + cx) * width
                var hogMagnitude: Float = 0
                for y in (cy * cell)..<((cy + 1) * cell) {
                    for x in (cx * cell)..<((cx + 1) * cell) {
                        let i = y * size + x
                        let g = (gx[i] * gx[i] + gy[i] * gy[i]).squareRoot()
                        out[base + bin(gx[i], gy[i], bins: 8, signed: false)] += g / n
                        hogMagnitude += g
                        let m = (flow.u[i] * flow.u[i] + flow.v[i] * flow.v[i]).squareRoot()
                        if m < 0.25 { out[base + 9 + 8] += 1 / n } else { out[base + 9 + bin(flow.u[i], flow.v[i], bins: 8, signed: true)] += m / n }
                        let mu = (ux[i] * ux[i] + uy[i] * uy[i]).squareRoot(), mv = (vx[i] * vx[i] + vy[i] * vy[i]).squareRoot()
                        out[base + 18 + bin(ux[i], uy[i], bins: 8, signed: true)] += mu / n
                        out[base + 26 + bin(vx[i], vy[i], bins: 8, signed: true)] += mv / n
                        out[base + 34] += mask[i] / n
                    }
                }
                // HOG as a distribution plus its log strength (lighting changes scale gradients).
                let total = (0..<8).reduce(Float(0)) { $0 + out[base + $1] }
                if total > 0 { for k in 0..<8 { out[base + k] /= total } }
                out[base + 8] = log(1 + hogMagnitude / n)
                out[base + 35] = (Float(cx) + 0.5) / Float(grid)
                out[base + 36] = (Float(cy) + 0.5) / Float(grid)
            }
        }
        return out
    }
}
