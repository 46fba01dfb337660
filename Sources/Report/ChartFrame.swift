import Foundation

/// The one data→page transform of a chart: x and y ranges mapped into a plot rectangle
/// (y up), with axes, ticks and labels drawn around it.
public struct ChartFrame {
    public var plot: Rect
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>

    /// Left and right margins of the charts over the routine's time on a page (penalty
    /// timeline, score build-up): room for row labels and a right axis, the same for all so
    /// their time axes line up.
    public static let timeAxisMargins = (left: 80.0, right: 34.0)

    public init(plot: Rect, x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.plot = plot
        xRange = x.lowerBound == x.upperBound ? x.lowerBound...(x.lowerBound + 1) : x
        yRange = y.lowerBound == y.upperBound ? (y.lowerBound - 0.5)...(y.upperBound + 0.5) : y
    }

    public func px(_ x: Double) -> Double { plot.x + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * plot.width }
    public func py(_ y: Double) -> Double { plot.maxY - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * plot.height }

    /// "Nice" tick values covering a range (1, 2, 5 × 10ⁿ steps).
    public static func ticks(_ r: ClosedRange<Double>, count: Int = 5) -> [Double] {
        let span = r.upperBound - r.lowerBound
        guard span > 0 else { return [r.lowerBound] }
        let raw = span / Double(count)
        let mag = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? raw
        var t = (r.lowerBound / step).rounded(.up) * step
        var out: [Double] = []
        while t <= r.upperBound + 1e-9 { out.append(abs(t) < 1e-12 ? 0 : t); t += step }
        return out
    }

    /// Axes with ticks and labels; without `xLabel` the time axis carries no tick labels (a
    /// panel stacked above another that has them), without `yFormat` the y axis has none.
    public func drawAxes(_ canvas: Canvas, xLabel: String?, yLabel: String?, yFormat: String? = "%.1f", xFormat: String = "%.0f") {
        canvas.line([(plot.x, plot.y), (plot.x, plot.maxY), (plot.maxX, plot.maxY)], .muted, width: 0.6)
        for t in Self.ticks(xRange) {
            canvas.line([(px(t), plot.maxY), (px(t), plot.maxY + 2.5)], .muted, width: 0.5)
            if xLabel != nil {
                canvas.text(String(format: xFormat, t), in: Rect(x: px(t) - 15, y: plot.maxY + 3, width: 30, height: 9), size: 6, color: .muted, align: .center)
            }
        }
        for t in Self.ticks(yRange, count: 4) {
            canvas.line([(plot.x - 2.5, py(t)), (plot.x, py(t))], .muted, width: 0.5)
            canvas.line([(plot.x, py(t)), (plot.maxX, py(t))], .rule, width: 0.3)
            guard let yFormat else { continue }
            canvas.text(String(format: yFormat, t), in: Rect(x: plot.x - 30, y: py(t) - 4, width: 27, height: 9), size: 6, color: .muted, align: .right)
        }
        if let xLabel {
            canvas.text(xLabel, in: Rect(x: plot.x, y: plot.maxY + 11, width: plot.width, height: 9), size: 6.5, color: .muted, align: .center)
        }
        if let yLabel { canvas.text(yLabel, in: Rect(x: plot.x - 30, y: plot.y - 12, width: 120, height: 9), size: 6.5, color: .muted) }
    }

    /// A second y axis on the right for a series with its own unit (ticks and their values, no
    /// grid; the legend names the series).
    public func drawRightAxis(_ canvas: Canvas, format: String = "%.2f") {
        canvas.line([(plot.maxX, plot.y), (plot.maxX, plot.maxY)], .muted, width: 0.6)
        for t in Self.ticks(yRange, count: 3) {
            canvas.line([(plot.maxX, py(t)), (plot.maxX + 2.5, py(t))], .muted, width: 0.5)
            canvas.text(String(format: format, t), in: Rect(x: plot.maxX + 3, y: py(t) - 4, width: 27, height: 9), size: 6, color: .muted)
        }
    }
}
