import Foundation
import RoutineCore

/// The batch summary (`summary.pdf`): ranking table, score histogram, the most frequent
/// penalties and the pass rate per curriculum level.
public struct SummaryReport {
    public var results: [AssessmentResult]
    public var labels: TemplateSet
    public var rubrics: [String: Rubric]

    public init(results: [AssessmentResult], labels: TemplateSet, rubrics: [String: Rubric]) {
        self.results = results
        self.labels = labels
        self.rubrics = rubrics
    }

    public func write(pdf url: URL) throws {
        let doc = try PDFDocument(path: url.path)
        draw(doc.canvas)
        try doc.canvas.context.check()
        try doc.finish()
    }

    public func draw(_ canvas: Canvas) {
        let page = Rect(x: 0, y: 0, width: PDFDocument.a4.width, height: PDFDocument.a4.height).inset(34)
        canvas.text(labels.render("summary-title"), in: Rect(x: page.x, y: page.y, width: page.width, height: 24), size: 17, bold: true)
        canvas.text("\(results.count) routines", in: Rect(x: page.x, y: page.y + 24, width: page.width, height: 12), size: 8.5, color: .muted)
        let (_, rest) = page.top(44)
        let (charts, table) = rest.top(170, gap: 12)
        let cols = charts.columns([0.36, 0.38, 0.26], gap: 14)
        // Histogram of final scores (0.5-point bins).
        let scores = results.map(\.score)
        var bars: [(String, Double)] = []
        if let lo = scores.min(), let hi = scores.max() {
            var b = (lo * 2).rounded(.down) / 2
            while b <= hi {
                let n = scores.filter { $0 >= b && $0 < b + 0.5 }.count
                bars.append((String(format: "%.1f", b), Double(n)))
                b += 0.5
            }
        }
        BarChart(bars: bars.map { (label: $0.0, value: $0.1) }, title: labels.render("summary-histogram")).draw(canvas, in: cols[0])
        // Most frequent penalties.
        var counts: [String: Int] = [:]
        for r in results { for p in r.penalties where p.deduction > 0 { counts[p.name, default: 0] += 1 } }
        let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(6)
        BarChart(bars: top.map { (label: $0.key, value: Double($0.value)) }, title: labels.render("summary-penalties"), color: Color.severity(0.5))
            .draw(canvas, in: cols[1])
        // Pass rates per level.
        var pass: [(String, Double)] = []
        for level in 1...4 {
            let group = results.filter { $0.level == level && $0.passed != nil }
            if !group.isEmpty { pass.append(("L\(level) (\(group.count))", 100 * Double(group.filter { $0.passed == true }.count) / Double(group.count))) }
        }
        BarChart(bars: pass.map { (label: $0.0, value: $0.1) }, title: labels.render("summary-pass") + " (%)", color: .good).draw(canvas, in: cols[2])
        // Ranking table.
        var y = table.y
        canvas.text(labels.render("summary-ranking"), in: Rect(x: table.x, y: y, width: table.width, height: 12), size: 9, bold: true, color: .accent)
        y += 16
        let widths = [0.07, 0.33, 0.2, 0.12, 0.1, 0.1, 0.08]
        func row(_ cells: [String], bold: Bool = false, color: Color = .ink) {
            let r = Rect(x: table.x, y: y, width: table.width, height: 10).columns(widths, gap: 4)
            for (i, c) in cells.enumerated() { canvas.text(c, in: r[i], size: 7, bold: bold, color: color, align: i >= 4 ? .right : .left) }
            y += 10.5
        }
        row(["#", "athlete", "club", "event", "level", "score", "pass"], bold: true, color: .muted)
        for r in results where y < table.maxY - 12 {
            row([r.rank.map(String.init) ?? "", r.athlete, r.club ?? "", r.event, r.level.map(String.init) ?? "",
                 String(format: "%.2f", r.score), r.passed.map { $0 ? "✓" : "–" } ?? ""])
        }
    }
}
