/// Finds the athlete in each frame: a background model (per-pixel median of the first frames,
/// then a running approximate median, both in camera-motion-compensated coordinates) gives a
/// foreground mask; the box around the bulk of the foreground is smoothed over time.
public struct AthleteLocator {
    /// The working resolution is the analysis frame halved.
    public private(set) var background: GrayImage?
    public private(set) var box: AthleteBox?
    public private(set) var lastMask: [Bool] = []
    /// Accumulated camera offset (working pixels) of the current frame relative to the first.
    public private(set) var cameraOffset: (x: Float, y: Float) = (0, 0)
    /// The camera's last frame-to-frame step (predicts the next offset).
    var cameraStep: (x: Float, y: Float) = (0, 0)
    /// Step of the running median (grey levels per frame).
    public var adaptation: Float = 1.5
    /// Pixels the foreground mask loses at the silhouette's edge, added back to the box.
    public var erosion: Float = 1.5
    /// Box smoothing: weight of the new measurement.
    public var smoothing: Float = 1.0

    public init() {}

    /// Starts the background from the per-pixel median of `frames` (working resolution,
    /// already aligned to the first frame by `offsets`).
    public mutating func initialise(with frames: [GrayImage], offsets: [(Float, Float)]) {
        guard let first = frames.first else { return }
        var bg = GrayImage(width: first.width, height: first.height)
        var column = [Float](repeating: 0, count: frames.count)
        for y in 0..<first.height {
            for x in 0..<first.width {
                for (k, f) in frames.enumerated() {
                    column[k] = f.sample(Float(x) + offsets[k].0, Float(y) + offsets[k].1)
                }
                column.sort()
                bg[x, y] = column[column.count / 2]
            }
        }
        background = bg
        cameraStep = (0, 0)
        cameraOffset = (0, 0)
    }

    /// Camera shift between consecutive working frames (for alignment before initialising).
    public static func motion(_ a: GrayImage, _ b: GrayImage) -> (Float, Float) {
        let s = GlobalMotion.shift(from: a, to: b)
        return (s.dx, s.dy)
    }

    /// Processes one working frame: updates the camera offset, the foreground, the box and
    /// the background; returns the box in working pixels (nil until something was found).
    public mutating func update(_ frame: GrayImage) -> AthleteBox? {
        // The camera offset, registered against the background (in the first frame's
        // coordinates) near where the last step predicts it.
        if let bg = background {
            let guess = (cameraOffset.x + cameraStep.x, cameraOffset.y + cameraStep.y)
            let s = GlobalMotion.shift(from: bg, to: frame, near: guess, radius: 4)
            cameraStep = (s.dx - cameraOffset.x, s.dy - cameraOffset.y)
            cameraOffset = (s.dx, s.dy)
        }
        guard var bg = background else {
            background = frame
            return nil
        }
        // Compare with the background seen through the camera offset.
        let (ox, oy) = cameraOffset
        let (w, h) = (frame.width, frame.height)
        var aligned = [Float](repeating: 0, count: frame.pixels.count)
        aligned.withUnsafeMutableBufferPointer { a in
            bg.pixels.withUnsafeBufferPointer { b in
                for y in 0..<h {
                    for x in 0..<w { a[y * w + x] = GrayImage.sample(b, width: bg.width, height: bg.height, Float(x) - ox, Float(y) - oy) }
                }
            }
        }
        // Each pixel against the closest of the aligned background's 3×3 neighbourhood: a
        // sharp line (a mat boundary, a banner's edge) misregistered by a fraction of a pixel
        // is not foreground, while the athlete, unlike anything nearby, still is.
        var diffs = [Float](repeating: 0, count: frame.pixels.count)
        frame.pixels.withUnsafeBufferPointer { f in
            aligned.withUnsafeBufferPointer { a in
                diffs.withUnsafeMutableBufferPointer { out in
                    for y in 0..<h {
                        let (y0, y1) = (Swift.max(0, y - 1), Swift.min(h - 1, y + 1))
                        for x in 0..<w {
                            let v = f[y * w + x]
                            let (x0, x1) = (Swift.max(0, x - 1), Swift.min(w - 1, x + 1))
                            var d = Float.infinity
                            for yy in y0...y1 {
                                for xx in x0...x1 { d = Swift.min(d, abs(v - a[yy * w + xx])) }
                            }
                            out[y * w + x] = d
                        }
                    }
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
        // The bulk of the foreground near the previous box (the whole frame when lost).
        var gate: (Float, Float, Float, Float) = (0, 0, Float(frame.width), Float(frame.height))
        if let old = box {
            let (hw, hh) = (Swift.max(old.width, 8) * 1.2 + 6, Swift.max(old.height, 8) * 0.9 + 6)
            gate = (old.x - hw, old.y - hh, old.x + hw, old.y + hh)
        }
        var xs: [Float] = [], ys: [Float] = []
        func collect() {
            for y in Swift.max(0, Int(gate.1))..<Swift.min(frame.height, Int(gate.3) + 1) {
                for x in Swift.max(0, Int(gate.0))..<Swift.min(frame.width, Int(gate.2) + 1) where lastMask[y * frame.width + x] {
                    xs.append(Float(x))
                    ys.append(Float(y))
                }
            }
        }
        collect()
        if xs.count < 12, box != nil {
            gate = (0, 0, Float(frame.width), Float(frame.height))
            xs = []
            ys = []
            collect()
        }
        if xs.count >= 12 {
            xs.sort()
            ys.sort()
            func q(_ v: [Float], _ p: Float) -> Float { v[Swift.min(v.count - 1, Int(p * Float(v.count)))] }
            let x0 = q(xs, 0.01), x1 = q(xs, 0.99), y0 = q(ys, 0.01), y1 = q(ys, 0.99)
            // The mask lost about a pixel all round (the 3×3 background tolerance and the 3×3
            // cleanup): given back so the box reaches the silhouette's edge.
            let pad: Float = 2 * erosion
            let measured = AthleteBox(x: (x0 + x1) / 2, y: (y0 + y1) / 2, width: Swift.max(4, x1 - x0 + 1 + pad), height: Swift.max(4, y1 - y0 + 1 + pad))
            if let old = box {
                let a = smoothing
                box = AthleteBox(x: old.x + a * (measured.x - old.x), y: old.y + a * (measured.y - old.y),
                                 width: old.width + a * 0.6 * (measured.width - old.width), height: old.height + a * 0.6 * (measured.height - old.height))
            } else {
                box = measured
            }
        }
        // Running approximate median, not updated under the athlete: neither on the mask nor
        // inside the box (a mask misses thin limbs and the inside of a still body, which a
        // plain running median would absorb during a hold).
        let keep: (x0: Int, y0: Int, x1: Int, y1: Int) = box.map {
            (Int($0.x - $0.width / 2) - 2, Int($0.y - $0.height / 2) - 2, Int($0.x + $0.width / 2) + 2, Int($0.y + $0.height / 2) + 2)
        } ?? (1, 1, 0, 0)
        let step = adaptation
        lastMask.withUnsafeBufferPointer { mask in
            frame.pixels.withUnsafeBufferPointer { f in
                bg.pixels.withUnsafeMutableBufferPointer { b in
                    for y in 0..<h {
                        let by = Int((Float(y) - oy).rounded())
                        guard by >= 0, by < bg.height else { continue }
                        for x in 0..<w where !mask[y * w + x] {
                            if x >= keep.x0, x <= keep.x1, y >= keep.y0, y <= keep.y1 { continue }
                            let bx = Int((Float(x) - ox).rounded())
                            guard bx >= 0, bx < bg.width else { continue }
                            let v = f[y * w + x], old = b[by * bg.width + bx]
                            b[by * bg.width + bx] = old + (v > old ? step : (v < old ? -step : 0))
                        }
                    }
                }
            }
        }
        background = bg
        return box
    }
}
