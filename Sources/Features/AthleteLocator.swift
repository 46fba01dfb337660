/// Finds the athlete in each frame: a background model (per-pixel median of the first frames,
/// then a running approximate median, both in camera-motion-compensated coordinates, of the
/// brightness and, when the frames carry them, the Cb and Cr planes) gives a foreground mask;
/// the box is the extent of the blob near the previous box with the thin limbs attached to it
/// (the crop that follows it smooths its scale, see `TrackState`).
public struct AthleteLocator {
    /// The working resolution is the analysis frame halved.
    public private(set) var background: GrayImage?
    /// The background's colour-difference planes (Cb, Cr) at the same resolution, when the
    /// frames come with them: skin against a beige wall or dark leggings on a dark mat differ
    /// from the background in colour while their brightness is the same.
    public private(set) var backgroundChroma: [GrayImage] = []
    /// Weight of the chroma difference against the luma difference (grey levels per level).
    public var chromaWeight: Float = 2
    /// Chroma difference ignored (levels): the encoder's chroma trails and bleeding round the
    /// athlete, which would widen the box.
    public var chromaSlack: Float = 12
    /// The background as first estimated, what the camera's motion is measured against (its
    /// row and column profiles, the same for every frame).
    var reference: GlobalMotion.Profiles?
    public private(set) var box: AthleteBox?
    public private(set) var lastMask: [Bool] = []
    /// The camera's motion (working pixels) from the first frame to the current one.
    public private(set) var camera = CameraMotion.identity
    /// The camera's last frame-to-frame step (predicts the next motion).
    var cameraStep = CameraMotion(scale: 0)
    /// Step of the running median (grey levels per frame).
    public var adaptation: Float = 1.5
    /// Pixels the foreground mask loses at the silhouette's edge, added back to the box.
    public var erosion: Float = 0.5

    public init() {}

    /// Starts the background from the per-pixel median of `frames` (working resolution), each
    /// seen through its camera motion relative to the first.
    /// `chroma` holds each frame's Cb and Cr planes (empty: luma only).
    public mutating func initialise(with frames: [GrayImage], motions: [CameraMotion], chroma: [[GrayImage]] = []) {
        guard let first = frames.first else { return }
        // Only the frames whose view holds the pixel vote for it: a frame panned or zoomed
        // away from the picture's edge would vote with its own edge pixels, smeared, and the
        // real edge would then show as a full-height strip of foreground.
        let (w, h) = (Float(first.width) - 0.5, Float(first.height) - 0.5)
        func median(_ planes: [GrayImage]) -> GrayImage {
            var column = [Float](repeating: 0, count: planes.count)
            var bg = GrayImage(width: first.width, height: first.height)
            for y in 0..<first.height {
                for x in 0..<first.width {
                    var n = 0
                    for (k, f) in planes.enumerated() {
                        let (fx, fy) = motions[k].current(Float(x), Float(y), width: first.width, height: first.height)
                        guard k == 0 || (fx >= -0.5 && fx <= w && fy >= -0.5 && fy <= h) else { continue }
                        column[n] = f.sample(fx, fy)
                        n += 1
                    }
                    column[0..<n].sort()
                    bg[x, y] = column[n / 2]
                }
            }
            return bg
        }
        let bg = median(frames)
        let withChroma = chroma.count == frames.count && chroma.allSatisfy { $0.count == 2 && $0[0].width == first.width && $0[0].height == first.height }
        backgroundChroma = withChroma ? (0..<2).map { c in median(chroma.map { $0[c] }) } : []
        background = bg
        reference = GlobalMotion.profiles(bg)
        cameraStep = CameraMotion(scale: 0)
        camera = .identity
    }

    /// Processes one working frame (with its Cb and Cr planes when the background has them):
    /// updates the camera's motion, the foreground, the box and the background; returns the
    /// box in working pixels (nil until something was found).
    public mutating func update(_ frame: GrayImage, chroma: [GrayImage] = []) -> AthleteBox? {
        // The camera's motion, registered against the starting background (in the first
        // frame's coordinates) near where the last step predicts it. Not against the running
        // background: that one learns from frames seen through these very estimates, so a
        // small error is learned into it and the next frame registers onto the error — over a
        // slow pan the estimate stays stuck near zero while the camera moves on.
        if let reference {
            let guess = CameraMotion(dx: camera.dx + cameraStep.dx, dy: camera.dy + cameraStep.dy, scale: camera.scale + cameraStep.scale)
            let m = GlobalMotion.motion(from: reference, to: frame, near: guess, radius: 4, scaleRadius: 0.01)
            cameraStep = CameraMotion(dx: m.dx - camera.dx, dy: m.dy - camera.dy, scale: m.scale - camera.scale)
            camera = m
        }
        guard let bg = background else {
            background = frame
            reference = GlobalMotion.profiles(frame)
            return nil
        }
        // Compare with the background seen through the camera's motion; where the camera now
        // sees past the background (a zoom out, a pan), nothing is known: not foreground.
        let motion = camera
        let (w, h) = (frame.width, frame.height)
        // The athlete is looked for near the previous box (the whole frame when lost).
        var gate: (Float, Float, Float, Float) = (0, 0, Float(w), Float(h))
        if let old = box {
            let (hw, hh) = (Swift.max(old.width, 8) * 1.2 + 6, Swift.max(old.height, 8) * 0.9 + 6)
            gate = (old.x - hw, old.y - hh, old.x + hw, old.y + hh)
        }
        // Where each column and row falls in the background (a zoom and a shift: separable),
        // as bilinear taps; beyond the background nothing is known, so not foreground.
        let columns = BilinearTaps(count: w) { motion.reference(Float($0), 0, width: w, height: h).0 }
        let rows = BilinearTaps(count: h) { motion.reference(0, Float($0), width: w, height: h).1 }
        let aligned = columns.resample(bg, rows: rows)
        let colour = chroma.count == 2 && backgroundChroma.count == 2 && chroma.allSatisfy { $0.pixels.count == frame.pixels.count }
        let alignedChroma = colour ? backgroundChroma.map { columns.resample($0, rows: rows) } : [aligned, aligned]
        let (frameCb, frameCr) = colour ? (chroma[0].pixels, chroma[1].pixels) : (frame.pixels, frame.pixels)
        let cw: Float = colour ? chromaWeight : 0
        let chromaSlack = self.chromaSlack
        // Each pixel against the closest of the aligned background's 3×3 neighbourhood: a
        // sharp line (a mat boundary, a banner's edge) misregistered by a fraction of a pixel
        // is not foreground, while the athlete, unlike anything nearby, still is.
        var diffs = [Float](repeating: 0, count: frame.pixels.count)
        withBuffers([frame.pixels, aligned, frameCb, alignedChroma[0], frameCr, alignedChroma[1]]) { p in
            let (f, a, fu, au, fv, av) = (p[0], p[1], p[2], p[3], p[4], p[5])
            diffs.withUnsafeMutableBufferPointer { out in
                /// Within two pixels of the edge, brightness only: scaled chroma is unreliable
                /// at the picture's border (the scaler's edge handling).
                @inline(__always) func edge(_ x: Int, _ y: Int) {
                    let i = y * w + x, v = f[i]
                    var d = Float.infinity
                    for yy in Swift.max(0, y - 1)...Swift.min(h - 1, y + 1) {
                        for xx in Swift.max(0, x - 1)...Swift.min(w - 1, x + 1) { d = Swift.min(d, abs(v - a[yy * w + xx])) }
                    }
                    out[i] = d
                }
                for y in 0..<h where !rows.outside[y] {
                    guard y >= 2 && y < h - 2 && w > 4 else {
                        for x in 0..<w where !columns.outside[x] { edge(x, y) }
                        continue
                    }
                    for x in [0, 1, w - 2, w - 1] where !columns.outside[x] { edge(x, y) }
                    // Away from the edge: the nine neighbours unrolled, every column, eight
                    // columns at a time (the same operations in the same order as one at a
                    // time, so the same values); the columns beyond the background are set
                    // back to zero after.
                    let row = y * w
                    var x = 2
                    typealias V = SIMD8<Float>
                    @inline(__always) func load(_ p: UnsafeBufferPointer<Float>, _ j: Int) -> V {
                        UnsafeRawPointer(p.baseAddress! + j).loadUnaligned(as: V.self)
                    }
                    @inline(__always) func absolute(_ d: V) -> V { d.replacing(with: -d, where: d .< 0) }
                    @inline(__always) func minimum(_ a: V, _ b: V) -> V { a.replacing(with: b, where: b .< a) }
                    let (weight, slack) = (V(repeating: cw), V(repeating: chromaSlack))
                    while x + 8 <= w - 2 {
                        let i = row + x
                        let (v, u, t) = (load(f, i), load(fu, i), load(fv, i))
                        @inline(__always) func term(_ j: Int) -> V {
                            let c = absolute(u - load(au, j)) + absolute(t - load(av, j)) - slack
                            return absolute(v - load(a, j)) + weight * c.replacing(with: 0, where: c .< 0)
                        }
                        let top = minimum(term(i - w - 1), minimum(term(i - w), term(i - w + 1)))
                        let middle = minimum(term(i - 1), minimum(term(i), term(i + 1)))
                        let bottom = minimum(term(i + w - 1), minimum(term(i + w), term(i + w + 1)))
                        UnsafeMutableRawPointer(out.baseAddress! + i).storeBytes(of: minimum(top, minimum(middle, bottom)), as: V.self)
                        x += 8
                    }
                    for x in x..<(w - 2) {
                        let i = row + x
                        let (v, u, t) = (f[i], fu[i], fv[i])
                        @inline(__always) func term(_ j: Int) -> Float {
                            abs(v - a[j]) + cw * Swift.max(0, abs(u - au[j]) + abs(t - av[j]) - chromaSlack)
                        }
                        let top = Swift.min(term(i - w - 1), Swift.min(term(i - w), term(i - w + 1)))
                        let middle = Swift.min(term(i - 1), Swift.min(term(i), term(i + 1)))
                        let bottom = Swift.min(term(i + w - 1), Swift.min(term(i + w), term(i + w + 1)))
                        out[i] = Swift.min(top, Swift.min(middle, bottom))
                    }
                    for x in 2..<(w - 2) where columns.outside[x] { out[row + x] = 0 }
                }
            }
        }
        var scratch = diffs
        let noise = kthSmallest(&scratch, scratch.count / 2)
        let threshold = Swift.max(18, 4 * noise)
        // Foreground, cleaned: a pixel stays when most of its 3×3 neighbourhood is foreground
        // (thin edges from camera-motion residue go, the athlete's blob stays).
        let raw = diffs.map { $0 > threshold ? Float(1) : 0 }
        let counts = boxSum(raw, width: frame.width, height: frame.height, radius: 1)
        lastMask = zip(raw, counts).map { $0 > 0 && $1 >= 6 }
        let rawMask = raw.map { $0 > 0 }
        let previous = box.map { ($0.x - $0.width / 2, $0.y - $0.height / 2, $0.x + $0.width / 2, $0.y + $0.height / 2) }
        var found = AthleteSilhouette(width: w, height: h, gate: gate).pixels(cleaned: lastMask, raw: rawMask, previous: previous)
        if found == nil, box != nil {
            found = AthleteSilhouette(width: w, height: h, gate: (0, 0, Float(w), Float(h))).pixels(cleaned: lastMask, raw: rawMask, previous: previous)
        }
        if let found {
            for i in found { lastMask[i] = true }
            let xs = found.map { $0 % w }, ys = found.map { $0 / w }
            let (x0, x1, y0, y1) = (Float(xs.min()!), Float(xs.max()!), Float(ys.min()!), Float(ys.max()!))
            // The mask lost the partly covered pixels all round (`erosion`): given back so the
            // box reaches the silhouette's edge.
            // Pixel x spans [x, x + 1); the box stays inside the frame (an athlete leaving the
            // picture is boxed to its edge).
            let (l, t) = (Swift.max(0, x0 - erosion), Swift.max(0, y0 - erosion))
            let (r, b) = (Swift.min(Float(w), x1 + 1 + erosion), Swift.min(Float(h), y1 + 1 + erosion))
            box = AthleteBox(x: (l + r) / 2, y: (t + b) / 2, width: Swift.max(4, r - l), height: Swift.max(4, b - t))
        }
        // Running approximate median, not updated under the athlete: neither on the mask nor
        // inside the box (a mask misses thin limbs and the inside of a still body, which a
        // plain running median would absorb during a hold).
        let keep: (x0: Int, y0: Int, x1: Int, y1: Int) = box.map {
            (Int($0.x - $0.width / 2) - 2, Int($0.y - $0.height / 2) - 2, Int($0.x + $0.width / 2) + 2, Int($0.y + $0.height / 2) + 2)
        } ?? (1, 1, 0, 0)
        let pairs = Self.learnable(mask: lastMask, width: w, height: h, columns: columns.nearest, rows: rows.nearest, keep: keep)
        Self.adapt(&background!.pixels, toward: frame.pixels, at: pairs, step: adaptation)
        if colour {
            for c in 0..<2 { Self.adapt(&backgroundChroma[c].pixels, toward: chroma[c].pixels, at: pairs, step: adaptation) }
        }
        return box
    }

    /// The (frame pixel, background pixel) pairs the background may learn from: off the mask,
    /// outside the kept box (the athlete's, padded), inside the background.
    static func learnable(mask: [Bool], width w: Int, height h: Int, columns: [Int], rows: [Int],
                          keep: (x0: Int, y0: Int, x1: Int, y1: Int)) -> [(frame: Int32, background: Int32)] {
        var pairs: [(frame: Int32, background: Int32)] = []
        pairs.reserveCapacity(w * h)
        mask.withUnsafeBufferPointer { mask in
            for y in 0..<h where rows[y] >= 0 {
                let inside = y >= keep.y0 && y <= keep.y1
                for x in 0..<w where !mask[y * w + x] && columns[x] >= 0 {
                    if inside, x >= keep.x0, x <= keep.x1 { continue }
                    pairs.append((Int32(y * w + x), Int32(rows[y] * w + columns[x])))
                }
            }
        }
        return pairs
    }

    /// One step of the running approximate median of `plane` toward `frame` at `pairs`.
    static func adapt(_ plane: inout [Float], toward frame: [Float], at pairs: [(frame: Int32, background: Int32)], step: Float) {
        frame.withUnsafeBufferPointer { f in
            plane.withUnsafeMutableBufferPointer { b in
                for (i, j) in pairs {
                    let v = f[Int(i)], old = b[Int(j)]
                    b[Int(j)] = old + (v > old ? step : (v < old ? -step : 0))
                }
            }
        }
    }
}
