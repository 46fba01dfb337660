import Foundation

/// How the score builds up clip by clip (DESIGN.md §Report; Interpretable long-term AQA
/// Fig. 4): above, each clip's part of the score as a bar and the running total reaching the
/// final score; below, the clip weight and clip score curves (normalised, as the paper plots
/// them) that the contribution is the product of.
public struct ScoreBuildUpChart {
    /// The legend and axis texts (from the report templates, so they can be translated).
    public struct Labels: Sendable {
        public var runningTotal = "running total", perClip = "per clip", weight = "weight", score = "score"
        public var time = "time (s)", normalised = "normalised"
        public init() {}
    }

    public var clips: ClipContributions
    public var clipDuration: Double
    public var duration: Double
    public var labels: Labels
    /// The score printed at the end of the running total (the report's, rounded as everywhere
    /// else on the page; the sum of the rounded contributions can differ in the last digit).
    public var finalScore: Double?

    public init(clips: ClipContributions, clipDuration: Double, duration: Double, labels: Labels = .init(), finalScore: Double? = nil) {
        self.clips = clips
        self.finalScore = finalScore
        self.clipDuration = clipDuration
        self.duration = duration
        self.labels = labels
    }

    public func draw(_ canvas: Canvas, in r: Rect) {
        let n = clips.contribution.count
        let margins = ChartFrame.timeAxisMargins
        let width = r.width - margins.left - margins.right
        let upper = Rect(x: r.x + margins.left, y: r.y + 24, width: width, height: (r.height - 26 - 24) * 0.62)
        let lower = Rect(x: upper.x, y: upper.maxY + 8, width: width, height: r.height - 26 - 24 - upper.height - 8)
        guard n > 0, clipDuration > 0 else {
            canvas.text("No clips.", in: upper, color: .muted)
            return
        }
        // The routine's duration, as the penalty timeline's axis (the last clip may run a
        // fraction of a second past it and is cut at the edge).
        let end = max(duration, 0.1)
        func at(_ clipBoundary: Double) -> Double { min(clipBoundary * clipDuration, end) }
        let total = clips.runningTotal.last ?? 0
        let low = min(0, clips.runningTotal.min() ?? 0)
        let totalFrame = ChartFrame(plot: upper, x: 0...end, y: low...max(total, clips.runningTotal.max() ?? 0, 1e-6))
        let barLow = min(0, clips.contribution.min() ?? 0), barHigh = max(clips.contribution.max() ?? 0, 1e-6)
        let barFrame = ChartFrame(plot: upper, x: 0...end, y: barLow...barHigh)
        totalFrame.drawAxes(canvas, xLabel: nil, yLabel: nil, yFormat: "%.0f")
        barFrame.drawRightAxis(canvas, format: barHigh < 0.1 ? "%.3f" : "%.2f")
        for c in 0..<n {
            let x0 = barFrame.px(at(Double(c))), x1 = barFrame.px(at(Double(c + 1)))
            let y0 = barFrame.py(0), y1 = barFrame.py(clips.contribution[c])
            canvas.fill(Rect(x: x0 + 0.3, y: min(y0, y1), width: max(0.3, x1 - x0 - 0.6), height: abs(y1 - y0)), .contributionBar)
        }
        var running = [(totalFrame.px(0), totalFrame.py(0))]
        for c in 0..<n { running.append((totalFrame.px(at(Double(c + 1))), totalFrame.py(clips.runningTotal[c]))) }
        canvas.line(running, .contribution, width: 1.6)
        if let last = running.last {
            canvas.dot(last, .contribution, radius: 1.8)
            canvas.text(String(format: "%.2f", finalScore ?? total), in: Rect(x: last.0 - 42, y: max(upper.y - 10, last.1 - 11), width: 40, height: 9), size: 6.5, bold: true,
                        color: .contribution, align: .right)
        }

        // Weight and score per clip, each scaled to [0, 1].
        let shape = ChartFrame(plot: lower, x: 0...end, y: 0...1)
        shape.drawAxes(canvas, xLabel: labels.time, yLabel: nil, yFormat: nil)
        func normalised(_ v: [Double?]) -> [Double?] {
            let known = v.compactMap { $0 }
            guard let lo = known.min(), let hi = known.max() else { return v }
            return v.map { $0.map { hi > lo ? ($0 - lo) / (hi - lo) : 0.5 } }
        }
        let series: [([Double?], Color, Bool)] = [(normalised(clips.weight.map { $0 }), .weight, false), (normalised(clips.score), .score, true)]
        for (values, color, dashed) in series {
            // A break where no query looks at a clip (its score is undefined).
            var run: [(Double, Double)] = []
            for (c, v) in values.enumerated() {
                guard let v else { canvas.line(run, color, width: 1.1, dashed: dashed); run = []; continue }
                run.append((shape.px(at(Double(c) + 0.5)), shape.py(v)))
            }
            canvas.line(run, color, width: 1.1, dashed: dashed)
        }
        canvas.text(labels.normalised, in: Rect(x: lower.x - 32, y: lower.midY - 4, width: 29, height: 9), size: 5.5, color: .muted, align: .right)

        // Legend.
        let entries: [(String, Color, Double, Bool)] = [(labels.runningTotal, .contribution, 1.6, false), (labels.perClip, .contributionBar, 5, false),
                                                        (labels.weight, .weight, 1.3, false), (labels.score, .score, 1.3, true)]
        var lx = upper.x
        for (name, color, lineWidth, dashed) in entries {
            canvas.line([(lx, r.y + 5), (lx + 12, r.y + 5)], color, width: lineWidth, dashed: dashed)
            canvas.text(name, in: Rect(x: lx + 15, y: r.y + 1, width: 90, height: 9), size: 6.5, color: .ink)
            lx += 20 + canvas.measureWidth(name, size: 6.5)
        }
    }
}
