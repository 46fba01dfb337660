import Drawing
import Foundation

/// Penalties on a timeline: one row per rubric item, a bar for each penalty's time span,
/// coloured by severity and labelled with its deduction; dashed for those needing review.
public struct PenaltyTimelineChart {
    public struct Mark: Sendable {
        public var item: String, start: Double, end: Double, deduction: Double, needsReview: Bool
        /// The row's label (the rubric's name of the item); the item id when nil.
        public var name: String?
        public init(item: String, start: Double, end: Double, deduction: Double, needsReview: Bool, name: String? = nil) {
            self.item = item; self.start = start; self.end = end; self.deduction = deduction; self.needsReview = needsReview; self.name = name
        }
    }
    public var marks: [Mark]
    public var duration: Double
    /// The time axis's label (translated with the report templates).
    public var timeLabel: String

    public init(marks: [Mark], duration: Double, timeLabel: String = "time (s)") {
        self.marks = marks
        self.duration = duration
        self.timeLabel = timeLabel
    }

    public func draw(_ canvas: Canvas, in r: Rect) {
        func label(_ item: String) -> String { marks.first { $0.item == item }?.name ?? item.replacingOccurrences(of: "_", with: " ") }
        let rows = Array(Set(marks.map(\.item))).sorted { (label($0), $0) < (label($1), $1) }
        // The page's time charts share their horizontal layout, so one moment is at one x.
        let plot = Rect(x: r.x + ChartFrame.timeAxisMargins.left, y: r.y + 4,
                        width: r.width - ChartFrame.timeAxisMargins.left - ChartFrame.timeAxisMargins.right, height: r.height - 24)
        let frame = ChartFrame(plot: plot, x: 0...max(duration, 0.1), y: 0...Double(max(rows.count, 1)))
        canvas.line([(plot.x, plot.maxY), (plot.maxX, plot.maxY)], .muted, width: 0.6)
        for t in ChartFrame.ticks(frame.xRange) {
            canvas.line([(frame.px(t), plot.y), (frame.px(t), plot.maxY)], .rule, width: 0.3)
            canvas.text(String(format: "%.0f", t), in: Rect(x: frame.px(t) - 15, y: plot.maxY + 3, width: 30, height: 9), size: 6, color: .muted, align: .center)
        }
        canvas.text(timeLabel, in: Rect(x: plot.x, y: plot.maxY + 11, width: plot.width, height: 9), size: 6.5, color: .muted, align: .center)
        guard !rows.isEmpty else {
            canvas.text("No deductions.", in: Rect(x: plot.x + 6, y: plot.y + plot.height / 2 - 5, width: plot.width, height: 12), color: .good)
            return
        }
        let rowHeight = plot.height / Double(rows.count)
        for (i, item) in rows.enumerated() {
            let y = plot.y + Double(i) * rowHeight
            canvas.text(label(item), in: Rect(x: r.x, y: y + rowHeight / 2 - 4.5, width: ChartFrame.timeAxisMargins.left - 4, height: 10), size: 6.5, align: .right)
            for m in marks where m.item == item {
                let bar = Rect(x: frame.px(m.start), y: y + rowHeight * 0.18, width: max(2, frame.px(m.end) - frame.px(m.start)), height: rowHeight * 0.64)
                canvas.fill(bar, m.deduction > 0 ? .severity(m.deduction) : Color(0.9, 0.9, 0.9))
                if m.needsReview { canvas.stroke(bar, .ink, width: 0.8) }
                canvas.text(m.deduction > 0 ? String(format: "−%.1f%@", m.deduction, m.needsReview ? "?" : "") : "?", in: Rect(x: bar.maxX + 2, y: bar.y + bar.height / 2 - 4, width: 30, height: 9), size: 6)
            }
        }
    }
}

/// A matrix as a heatmap with row/column axes and a colour bar (attention maps).
public struct Heatmap {
    public var rows: [[Float]]
    public var title: String
    public var xLabel: String
    public var yLabel: String

    public init(rows: [[Float]], title: String, xLabel: String, yLabel: String) {
        self.rows = rows
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// The smallest and largest finite values (the colour map's ends).
    var range: (lo: Double, hi: Double) {
        let finite = rows.flatMap { $0 }.filter(\.isFinite)
        return (Double(finite.min() ?? 0), Double(finite.max() ?? 1))
    }

    /// The matrix as an image, one pixel per cell, `lo`…`hi` spread over the colour map (rows
    /// must be equally long).
    func cells(lo: Double, hi: Double) throws -> CairoImage {
        let image = try CairoImage(width: rows.first?.count ?? 0, height: rows.count)
        image.withPixels { p, stride in
            for (i, row) in rows.enumerated() {
                for (j, v) in row.enumerated() {
                    let c = Color.heat(hi > lo && v.isFinite ? (Double(v) - lo) / (hi - lo) : 0)
                    let d = p + i * stride + 4 * j
                    (d[0], d[1], d[2], d[3]) = (UInt8((c.b * 255).rounded()), UInt8((c.g * 255).rounded()), UInt8((c.r * 255).rounded()), 255)
                }
            }
        }
        return image
    }

    public func draw(_ canvas: Canvas, in r: Rect) {
        let titleHeight = canvas.text(title, in: Rect(x: r.x, y: r.y, width: r.width, height: 20), size: 6.5, bold: true)
        let plot = Rect(x: r.x + 18, y: r.y + titleHeight + 4, width: r.width - 40, height: r.height - titleHeight - 24)
        guard let cols = rows.first?.count, cols > 0, !rows.isEmpty, rows.allSatisfy({ $0.count == cols }) else {
            canvas.text("No data.", in: plot, color: .muted)
            return
        }
        let (lo, hi) = range
        // One pixel per cell, scaled up as crisp blocks: a single image in the PDF and the SVG
        // rather than a rectangle per cell (a minute's routine has thousands).
        if let cells = try? cells(lo: lo, hi: hi) { canvas.image(cells, in: plot, sharp: true) }
        canvas.stroke(plot, .muted, width: 0.5)
        canvas.text(xLabel, in: Rect(x: plot.x, y: plot.maxY + 3, width: plot.width, height: 9), size: 6, color: .muted, align: .center)
        canvas.text("\(cols)", in: Rect(x: plot.maxX - 20, y: plot.maxY + 3, width: 20, height: 9), size: 6, color: .muted, align: .right)
        canvas.text(yLabel, in: Rect(x: r.x, y: plot.y, width: 16, height: 30), size: 6, color: .muted)
        // Colour bar.
        let bar = Rect(x: plot.maxX + 6, y: plot.y, width: 6, height: plot.height)
        let steps = 24
        for s in 0..<steps {
            let t = 1 - Double(s) / Double(steps - 1)
            canvas.fill(Rect(x: bar.x, y: bar.y + Double(s) * bar.height / Double(steps), width: bar.width, height: bar.height / Double(steps) + 0.3), .heat(t))
        }
        canvas.text(String(format: "%.2f", hi), in: Rect(x: bar.maxX + 1, y: bar.y - 2, width: 20, height: 8), size: 5)
        canvas.text(String(format: "%.2f", lo), in: Rect(x: bar.maxX + 1, y: bar.maxY - 7, width: 20, height: 8), size: 5)
    }
}

/// Bars with labels (score histogram, most frequent penalties).
public struct BarChart {
    public var bars: [(label: String, value: Double)]
    public var title: String
    public var color: Color

    public init(bars: [(label: String, value: Double)], title: String, color: Color = .accent) {
        self.bars = bars
        self.title = title
        self.color = color
    }

    public func draw(_ canvas: Canvas, in r: Rect) {
        // A title that wraps pushes the plot down instead of running into its axis labels.
        let titleHeight = canvas.text(title, in: Rect(x: r.x, y: r.y, width: r.width, height: 10), size: 8, bold: true)
        let top = max(16, titleHeight + 6)
        let plot = Rect(x: r.x + 30, y: r.y + top, width: r.width - 36, height: r.height - 24 - top)
        guard !bars.isEmpty else { canvas.text("No data.", in: plot, color: .muted); return }
        let frame = ChartFrame(plot: plot, x: 0...Double(bars.count), y: 0...max(bars.map(\.value).max() ?? 1, 1e-9))
        // Value axis only: the bars carry their own labels.
        canvas.line([(plot.x, plot.y), (plot.x, plot.maxY), (plot.maxX, plot.maxY)], .muted, width: 0.6)
        for t in ChartFrame.ticks(frame.yRange, count: 4) {
            canvas.line([(plot.x, frame.py(t)), (plot.maxX, frame.py(t))], .rule, width: 0.3)
            canvas.text(String(format: t == t.rounded() ? "%.0f" : "%.1f", t), in: Rect(x: plot.x - 30, y: frame.py(t) - 4, width: 27, height: 9),
                        size: 6, color: .muted, align: .right)
        }
        let w = plot.width / Double(bars.count)
        let labelSize = Self.labelSize(bars.map(\.label), slot: w, canvas: canvas)
        for (i, b) in bars.enumerated() {
            let top = frame.py(b.value)
            canvas.fill(Rect(x: plot.x + Double(i) * w + w * 0.12, y: top, width: w * 0.76, height: plot.maxY - top), color)
            canvas.text(b.label, in: Rect(x: plot.x + Double(i) * w, y: plot.maxY + 3, width: w, height: 18), size: labelSize, color: .muted, align: .center,
                        wholeWords: labelSize > Self.smallestLabelSize)
        }
    }

    static let labelSizeLimit = 5.5, smallestLabelSize = 4.0

    /// One size for all the bars' labels at which every word fits its bar's slot (labels wrap
    /// between words only; a word wider than its slot ran into the next label), no smaller
    /// than ``smallestLabelSize`` — below that, words break where they must.
    static func labelSize(_ labels: [String], slot: Double, canvas: Canvas) -> Double {
        let words = Set(labels.flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) })
        return words.map { canvas.sizeFitting($0, width: slot - 2, size: labelSizeLimit, minimum: smallestLabelSize) }.min() ?? labelSizeLimit
    }
}
