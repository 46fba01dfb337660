/// The athlete's pixels in a frame's foreground: the largest connected blob of the cleaned
/// mask inside the gate, any blob a quarter its size that overlaps where the athlete was (a
/// body the mask cut in two), the blobs close to what was gathered (a head, an arm), and the
/// thin limbs the cleanup removed, grown back from them through the raw mask. Residue elsewhere
/// in the gate (a mat line a zooming camera leaves behind) is a separate blob and stays out of
/// the box.
struct AthleteSilhouette {
    let width: Int
    let height: Int
    /// The region searched: x0, y0, x1, y1 inclusive, clamped to the frame.
    let gate: (x0: Int, y0: Int, x1: Int, y1: Int)

    init(width: Int, height: Int, gate: (Float, Float, Float, Float)) {
        self.width = width
        self.height = height
        self.gate = (Swift.max(0, Int(gate.0)), Swift.max(0, Int(gate.1)), Swift.min(width - 1, Int(gate.2)), Swift.min(height - 1, Int(gate.3)))
    }

    /// Pixel indices of the athlete, nil when the cleaned mask has fewer than `minimum` pixels
    /// in the gate. `previous` (x0, y0, x1, y1) is where the athlete was.
    func pixels(cleaned: [Bool], raw: [Bool], previous: (Float, Float, Float, Float)?, minimum: Int = 12) -> [Int]? {
        var label = [Int32](repeating: -1, count: width * height)
        var blobs: [[Int]] = []
        for y in gate.y0...gate.y1 {
            for x in gate.x0...gate.x1 where cleaned[y * width + x] && label[y * width + x] < 0 {
                blobs.append(grow(from: [y * width + x], through: cleaned, label: &label, id: Int32(blobs.count), reach: .max))
            }
        }
        guard blobs.reduce(0, { $0 + $1.count }) >= minimum, let largest = blobs.max(by: { $0.count < $1.count }) else { return nil }
        // With it, sizeable blobs where the athlete was, then what lies close to the athlete
        // gathered so far (an arm or the head the mask cut off), until nothing more is: the
        // legs cut from the torso bring the head into reach of a small far-away athlete.
        var taken = blobs.map { $0 == largest }
        var seeds = largest
        for (k, blob) in blobs.enumerated() where !taken[k] && blob.count * 4 >= largest.count && overlaps(blob, previous) {
            taken[k] = true
            seeds += blob
        }
        var grown = true
        while grown {
            grown = false
            let near = extent(seeds, grownBy: 0.25)
            for (k, blob) in blobs.enumerated() where !taken[k] && overlaps(blob, near) {
                taken[k] = true
                seeds += blob
                grown = true
            }
        }
        // Limbs reach at most the blob's height beyond it (the legs, when only the torso and
        // head survived the cleanup).
        let ys = seeds.map { $0 / width }
        let reach = Swift.max(3, ys.max()! - ys.min()! + 1)
        var grownLabel = [Int32](repeating: -1, count: width * height)
        return grow(from: seeds, through: raw, label: &grownLabel, id: 0, reach: reach)
    }

    /// Breadth-first 8-connected growth from `seeds` through `mask` inside the gate, at most
    /// `reach` steps from the seeds; labels what it reaches and returns it (seeds included).
    func grow(from seeds: [Int], through mask: [Bool], label: inout [Int32], id: Int32, reach: Int) -> [Int] {
        var out = seeds
        for s in seeds { label[s] = id }
        var frontier = seeds, steps = 0
        while !frontier.isEmpty && steps < reach {
            var next: [Int] = []
            for i in frontier {
                let (x, y) = (i % width, i / width)
                for ny in Swift.max(gate.y0, y - 1)...Swift.min(gate.y1, y + 1) {
                    for nx in Swift.max(gate.x0, x - 1)...Swift.min(gate.x1, x + 1) where mask[ny * width + nx] && label[ny * width + nx] != id {
                        label[ny * width + nx] = id
                        next.append(ny * width + nx)
                    }
                }
            }
            out += next
            frontier = next
            steps += 1
        }
        return out
    }

    /// The blob's box widened on every side by `share` of its height.
    func extent(_ blob: [Int], grownBy share: Float) -> (Float, Float, Float, Float) {
        let xs = blob.map { $0 % width }, ys = blob.map { $0 / width }
        let m = share * Float(ys.max()! - ys.min()! + 1)
        return (Float(xs.min()!) - m, Float(ys.min()!) - m, Float(xs.max()!) + m, Float(ys.max()!) + m)
    }

    func overlaps(_ blob: [Int], _ box: (Float, Float, Float, Float)?) -> Bool {
        guard let box else { return false }
        return blob.contains { i in
            let (x, y) = (Float(i % width), Float(i / width))
            return x >= box.0 && x <= box.2 && y >= box.1 && y <= box.3
        }
    }
}
