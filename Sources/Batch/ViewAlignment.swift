import Foundation
import Media

/// Time alignment of the views of one routine (issue: multi-view). Views normally share
/// timestamps; when their durations differ by more than `tolerance`, the later-starting view is
/// shifted by the lag that maximises the normalised cross-correlation of the changes in their
/// motion energy (mean absolute frame difference per analysis frame, log, smoothed). A weak correlation peak means the videos
/// do not show the same routine, which is an error rather than a silent misalignment.
public enum ViewAlignment {
    /// Seconds two views' durations may differ without searching for an offset.
    public static let tolerance = 0.25
    /// Smallest normalised correlation (of the energy curves' changes) accepted as "the same
    /// motion". On 30 two-view synthetic routines whose side view was cut 0.5–3 s late and
    /// re-encoded, as a camera's own file is (scripts/view_alignment_check.py, seed 9), every
    /// routine aligned within 0.2 s; the matching views correlated 0.42–0.91 (median 0.76) at
    /// 480×270 and 0.46–0.86 (median 0.73) at 192×108, a view against another routine's 0.26–0.59
    /// (median 0.37) and 0.24–0.63 (median 0.39). The ranges overlap: the threshold sits below
    /// every matching pair and refuses about half of the unrelated ones, so it catches clear
    /// mismatches only; the correlation is recorded with the offset for a reviewer.
    public static let minimumCorrelation = 0.4

    public struct Offset: Equatable, Sendable {
        /// Seconds to skip at the start of the second view so it lines up with the first
        /// (negative: skip that much of the first view instead).
        public var seconds: Double
        public var correlation: Double
    }

    /// Motion energy per analysis frame: mean |Δ gray| between consecutive frames at `fps`,
    /// on a 64-pixel short side (enough for the coarse motion curve, cheap to decode).
    public static func motionEnergy(video: URL, fps: Double = 15) throws -> [Float] {
        let decoder = try VideoDecoder(path: video.path, options: DecodeOptions(rate: .fps(fps), shortSide: 64, output: .gray))
        var previous: [UInt8]?
        var energy: [Float] = []
        while let frame = try decoder.nextFrame() {
            guard let gray = frame.gray else { continue }
            if let previous {
                var sum = 0
                for i in 0..<Swift.min(gray.count, previous.count) { sum += abs(Int(gray[i]) - Int(previous[i])) }
                energy.append(Float(sum) / Float(Swift.max(gray.count, 1)))
            } else {
                energy.append(0)
            }
            previous = gray
        }
        return energy
    }

    /// The lag (in frames, |lag| ≤ maxLag) maximising the normalised cross-correlation of `a`
    /// and `b` over their overlap: b[i + lag] ≈ a[i]. nil when the series are too short.
    public static func bestLag(_ a: [Float], _ b: [Float], maxLag: Int) -> (lag: Int, correlation: Double)? {
        var best: (Int, Double)?
        for lag in -maxLag...maxLag {
            var xs: [Double] = [], ys: [Double] = []
            for i in 0..<a.count where i + lag >= 0 && i + lag < b.count {
                xs.append(Double(a[i]))
                ys.append(Double(b[i + lag]))
            }
            // A short overlap correlates by chance: at least half of the shorter series.
            guard xs.count >= Swift.max(8, Swift.min(a.count, b.count) / 2) else { continue }
            let r = correlation(xs, ys)
            if best == nil || r > best!.1 { best = (lag, r) }
        }
        return best
    }

    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            sxy += (x[i] - mx) * (y[i] - my)
            sxx += (x[i] - mx) * (x[i] - mx)
            syy += (y[i] - my) * (y[i] - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }

    /// Offset of `second` relative to `first` from their motion energy at `fps`; throws when the
    /// correlation is too weak to trust.
    public static func offset(first: [Float], second: [Float], fps: Double, maxShift: Double = 5, names: (String, String)) throws -> Offset {
        let maxLag = Int((maxShift * fps).rounded())
        // Log energy, smoothed over a third of a second: two cameras see the same take-offs and
        // landings at different strengths, so the shape of the curve matters, not its scale.
        func shape(_ e: [Float]) -> [Float] {
            let logs = e.map { log(1 + $0) }
            let r = Swift.max(1, Int((fps / 6).rounded()))
            return logs.indices.map { i in
                let lo = Swift.max(0, i - r), hi = Swift.min(logs.count - 1, i + r)
                return logs[lo...hi].reduce(0, +) / Float(hi - lo + 1)
            }
        }
        // Correlate the curves' changes, not their levels: a take-off or landing is a sharp rise
        // or fall in both views, while the level between them depends on the angle (on the 30
        // re-encoded two-view routines above, levels aligned 28 (480×270) and 29 (192×108)
        // within 0.2 s, changes all 30).
        func change(_ e: [Float]) -> [Float] { zip(e.dropFirst(), e).map { $0 - $1 } }
        let best = bestLag(change(shape(first)), change(shape(second)), maxLag: maxLag)
        guard let (lag, r) = best, r >= minimumCorrelation else {
            let found = best.map { String(format: "; best correlation %.2f", $0.correlation) } ?? ""
            throw BatchError.input(file: names.1, reason: "cannot be time-aligned with \(names.0) (their motion does not match within ±\(Int(maxShift)) s\(found))")
        }
        return Offset(seconds: Double(lag) / fps, correlation: r)
    }
}
