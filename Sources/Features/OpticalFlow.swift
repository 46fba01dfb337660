/// Dense optical flow, coarse to fine: Lucas–Kanade with a (2r+1)² window on an image
/// pyramid, each level warping the second image by the flow from the coarser one and refining
/// it with one or more Gauss–Newton steps. Chosen for cost: the crops are 64×64, so a full
/// dense flow costs a few tens of microseconds, far inside the ≤ 1.3× decode budget, and on
/// smooth synthetic motion of a few pixels its endpoint error is a small fraction of a pixel
/// (see FeaturesTests).
public struct OpticalFlow: Sendable {
    public var levels = 3
    public var radius = 3
    public var iterations = 4

    public init(levels: Int = 3, radius: Int = 3, iterations: Int = 4) {
        self.levels = levels
        self.radius = radius
        self.iterations = iterations
    }

    /// Flow (u, v) per pixel of `a`, in pixels, such that a(x, y) ≈ b(x + u, y + v).
    public func flow(from a: GrayImage, to b: GrayImage) -> (u: [Float], v: [Float]) {
        precondition(a.width == b.width && a.height == b.height, "flow between images of different sizes")
        var pyrA = [a], pyrB = [b]
        for _ in 1..<levels where pyrA.last!.width >= 16 && pyrA.last!.height >= 16 {
            pyrA.append(pyrA.last!.halved())
            pyrB.append(pyrB.last!.halved())
        }
        var u = [Float](repeating: 0, count: pyrA.last!.pixels.count), v = u
        for level in stride(from: pyrA.count - 1, through: 0, by: -1) {
            let ia = pyrA[level], ib = pyrB[level]
            if level < pyrA.count - 1 {
                // Upsample the coarser flow (×2 in size and magnitude).
                let coarse = pyrA[level + 1]
                var nu = [Float](repeating: 0, count: ia.pixels.count), nv = nu
                for y in 0..<ia.height {
                    for x in 0..<ia.width {
                        let cx = Swift.min(x / 2, coarse.width - 1), cy = Swift.min(y / 2, coarse.height - 1)
                        nu[y * ia.width + x] = 2 * u[cy * coarse.width + cx]
                        nv[y * ia.width + x] = 2 * v[cy * coarse.width + cx]
                    }
                }
                u = nu
                v = nv
            }
            let (gx, gy) = ia.gradients()
            let n = ia.pixels.count
            var xx = [Float](repeating: 0, count: n), xy = xx, yy = xx
            for i in 0..<n {
                xx[i] = gx[i] * gx[i]
                xy[i] = gx[i] * gy[i]
                yy[i] = gy[i] * gy[i]
            }
            let structure = boxSums([xx, xy, yy], width: ia.width, height: ia.height, radius: radius)
            let (sxx, sxy, syy) = (structure[0], structure[1], structure[2])
            // Tikhonov damping relative to the level's mean structure (flat areas keep the prior).
            let lambda = 0.02 * (sxx.reduce(0, +) + syy.reduce(0, +)) / Float(Swift.max(n, 1))
            let norm = boxSum([Float](repeating: 1, count: n), width: ia.width, height: ia.height, radius: 1)
            for _ in 0..<iterations {
                // Temporal difference after warping b back by the current flow.
                var xt = [Float](repeating: 0, count: n), yt = xt
                let w = ia.width
                withBuffers([ib.pixels, ia.pixels, gx, gy, u, v]) { p in
                    let (pb, pa, gx, gy, u, v) = (p[0], p[1], p[2], p[3], p[4], p[5])
                    xt.withUnsafeMutableBufferPointer { xt in
                        yt.withUnsafeMutableBufferPointer { yt in
                            for y in 0..<ia.height {
                                for x in 0..<w {
                                    let i = y * w + x
                                    let it = GrayImage.sample(pb, width: ib.width, height: ib.height, Float(x) + u[i], Float(y) + v[i]) - pa[i]
                                    xt[i] = gx[i] * it
                                    yt[i] = gy[i] * it
                                }
                            }
                        }
                    }
                }
                let mismatch = boxSums([xt, yt], width: ia.width, height: ia.height, radius: radius)
                let (sxt, syt) = (mismatch[0], mismatch[1])
                withBuffers([sxx, syy, sxy, sxt, syt]) { p in
                    let (sxx, syy, sxy, sxt, syt) = (p[0], p[1], p[2], p[3], p[4])
                    u.withUnsafeMutableBufferPointer { u in
                        v.withUnsafeMutableBufferPointer { v in
                            for i in 0..<n {
                                let (a, c) = (sxx[i] + lambda, syy[i] + lambda)
                                let det = a * c - sxy[i] * sxy[i]
                                guard det > 1e-6 else { continue }
                                let du = -(c * sxt[i] - sxy[i] * syt[i]) / det
                                let dv = -(a * syt[i] - sxy[i] * sxt[i]) / det
                                u[i] += Swift.max(-2, Swift.min(2, du))
                                v[i] += Swift.max(-2, Swift.min(2, dv))
                            }
                        }
                    }
                }
                // Keep the field coherent: a 3×3 average after each step.
                let smoothed = boxSums([u, v], width: ia.width, height: ia.height, radius: 1)
                let (su, sv) = (smoothed[0], smoothed[1])
                withBuffers([su, sv, norm]) { p in
                    let (su, sv, norm) = (p[0], p[1], p[2])
                    u.withUnsafeMutableBufferPointer { u in
                        v.withUnsafeMutableBufferPointer { v in
                            for i in 0..<n {
                                u[i] = su[i] / norm[i]
                                v[i] = sv[i] / norm[i]
                            }
                        }
                    }
                }
            }
        }
        return (u, v)
    }
}
