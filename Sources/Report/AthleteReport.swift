import Drawing
import Foundation
import RoutineCore

/// One athlete's report: a page of A4 PDF (header with score and rank, keyframes, score
/// build-up, penalty timeline, deduction ledger, attention maps, commentary with the
/// per-dimension table) and each figure as its own SVG. Headings come from the report
/// templates so they can be renamed or translated.
public struct AthleteReport {
    public struct Keyframe {
        public var time: Double
        public var image: CairoImage
        /// Athlete box, normalised to the image (centre x, centre y, width, height).
        public var box: (Double, Double, Double, Double)?
        public var highlighted: Bool
        /// Spatial attention over the G cells of the athlete-centred crop (row-major grid), drawn
        /// over the keyframe when present.
        public var spatial: [Double]?
        /// 17 COCO joints (x, y normalised to the image; −1 when invisible) from a pose file.
        public var skeleton: [Double]?
        /// The same moment from the routine's other views, drawn below it.
        public var otherViews: [CairoImage]
        /// At a penalty moment: the exemplar at the same phase of the same element.
        public var exemplar: ExemplarComparison?
        public init(time: Double, image: CairoImage, box: (Double, Double, Double, Double)?, highlighted: Bool, spatial: [Double]? = nil,
                    skeleton: [Double]? = nil, otherViews: [CairoImage] = [], exemplar: ExemplarComparison? = nil) {
            self.time = time; self.image = image; self.box = box; self.highlighted = highlighted; self.spatial = spatial
            self.skeleton = skeleton; self.otherViews = otherViews; self.exemplar = exemplar
        }
    }

    /// An exemplar picture to set beside the athlete at a keyframe.
    public struct ExemplarComparison {
        public var image: CairoImage
        /// The square around the athlete in the keyframe (normalised x, y, width, height).
        public var crop: (Double, Double, Double, Double)
        /// What the pair shows (time, element, phase, which exemplar).
        public var caption: String
        public init(image: CairoImage, crop: (Double, Double, Double, Double), caption: String) {
            self.image = image; self.crop = crop; self.caption = caption
        }
    }

    /// The keyframes that have an exemplar beside them (at most four: the first penalties).
    var comparisons: [Keyframe] { Array(keyframes.filter { $0.exemplar != nil }.prefix(4)) }

    public var result: AssessmentResult
    public var duration: Double
    /// Seconds per clip token (the cross-attention's columns); nil: the duration spread evenly.
    public var clipDuration: Double?
    public var keyframes: [Keyframe]
    public var crossAttention: [[Float]]
    public var selfAttention: [[Float]]
    /// Routines in the same ranking group (for "rank r of n").
    public var groupSize: Int?
    public var labels: TemplateSet
    public var version: String

    public init(result: AssessmentResult, duration: Double, clipDuration: Double? = nil, keyframes: [Keyframe], crossAttention: [[Float]],
                selfAttention: [[Float]], groupSize: Int?, labels: TemplateSet, version: String) {
        self.result = result
        self.duration = duration
        self.clipDuration = clipDuration
        self.keyframes = keyframes
        self.crossAttention = crossAttention
        self.selfAttention = selfAttention
        self.groupSize = groupSize
        self.labels = labels
        self.version = version
    }

    static func points(_ x: Double) -> String { String(format: "%.2f", x) }

    /// Final score − (execution from the listed deductions + difficulty), as the ledger prints
    /// them (rounded to hundredths, so the printed rows add up exactly).
    static func ledgerAdjustment(_ r: AssessmentResult) -> Double {
        func hundredths(_ x: Double) -> Double { (x * 100).rounded() / 100 }
        return hundredths(r.score) - hundredths(r.execution) - hundredths(r.difficulty)
    }

    var scoreBuildUp: ScoreBuildUpChart {
        let clips = ClipContributions(weights: result.segments.map(\.weight), contributions: result.segments.map(\.contribution),
                                      attention: crossAttention)
        var text = ScoreBuildUpChart.Labels()
        text.runningTotal = labels.render("curves-total")
        text.perClip = labels.render("curves-per-clip")
        text.weight = labels.render("curves-weight")
        text.score = labels.render("curves-score")
        text.time = labels.render("axis-time")
        text.normalised = labels.render("curves-normalised")
        let count = max(1, clips.contribution.count)
        return ScoreBuildUpChart(clips: clips, clipDuration: clipDuration ?? duration / Double(count), duration: duration, labels: text,
                                 finalScore: result.score)
    }

    var timeline: PenaltyTimelineChart {
        PenaltyTimelineChart(marks: result.penalties.filter { $0.deduction > 0 || $0.needsReview }.map {
            .init(item: $0.item, start: $0.start, end: $0.end, deduction: $0.deduction, needsReview: $0.needsReview, name: $0.name)
        }, duration: duration, timeLabel: labels.render("axis-time"))
    }

    func section(_ canvas: Canvas, _ title: String, _ r: Rect) -> Rect {
        canvas.text(title, in: Rect(x: r.x, y: r.y, width: r.width, height: 12), size: 9, bold: true, color: .accent)
        return Rect(x: r.x, y: r.y + 13, width: r.width, height: r.height - 13)
    }

    /// Draws the page.
    public func draw(_ canvas: Canvas) {
        let page = Rect(x: 0, y: 0, width: PDFDocument.a4.width, height: PDFDocument.a4.height).inset(34)
        let r = result
        // Header.
        var (header, rest) = page.top(46, gap: 8)
        let cols = header.columns([0.62, 0.38])
        canvas.text(r.athlete, in: Rect(x: cols[0].x, y: cols[0].y, width: cols[0].width, height: 24), size: 17, bold: true)
        var subtitle: [String: Any] = ["event": r.event.capitalized]
        if let club = r.club { subtitle["club"] = club }
        if let level = r.level { subtitle["level"] = level }
        if let date = r.date { subtitle["date"] = date }
        canvas.text(labels.render("subtitle", subtitle),
                    in: Rect(x: cols[0].x, y: cols[0].y + 26, width: cols[0].width, height: 12), size: 8.5, color: .muted)
        canvas.text(Self.points(r.score), in: Rect(x: cols[1].x, y: cols[1].y - 2, width: cols[1].width, height: 22), size: 18, bold: true,
                    color: .accent, align: .right)
        canvas.text(labels.render("score", ["score": Self.points(r.score), "low": Self.points(r.scoreLow), "high": Self.points(r.scoreHigh)]),
                    in: Rect(x: cols[1].x, y: cols[1].y + 21, width: cols[1].width, height: 10), size: 7.5, color: .muted, align: .right)
        var rankContext: [String: Any] = [:]
        if let rank = r.rank { rankContext["rank"] = rank; rankContext["of"] = groupSize ?? rank }
        if let passed = r.passed, let mark = r.passMark {
            rankContext[passed ? "passed" : "failed"] = true
            rankContext["mark"] = Self.points(mark)
        }
        let rank = labels.render("rank", rankContext)
        canvas.text(rank, in: Rect(x: cols[1].x, y: cols[1].y + 32, width: cols[1].width, height: 12),
                    size: canvas.sizeFitting(rank, width: cols[1].width, size: 8, minimum: 6),
                    color: r.passed == false ? Color.severity(0.5) : .muted, align: .right)
        canvas.line([(page.x, header.maxY + 3), (page.maxX, header.maxY + 3)], .rule, width: 0.8)

        // Keyframes.
        var strip: Rect
        (strip, rest) = rest.top(86, gap: 8)
        drawKeyframes(canvas, section(canvas, labels.render("keyframes"), strip))
        // Score build-up.
        var curves: Rect
        (curves, rest) = rest.top(150, gap: 6)
        scoreBuildUp.draw(canvas, in: section(canvas, labels.render("curves"), curves))
        // Timeline.
        var line: Rect
        let rows = max(1, Set(r.penalties.filter { $0.deduction > 0 || $0.needsReview }.map(\.item)).count)
        (line, rest) = rest.top(min(120, 40 + 13 * Double(rows)), gap: 6)
        timeline.draw(canvas, in: section(canvas, labels.render("timeline"), line))
        // Ledger and attention.
        var middle: Rect
        (middle, rest) = rest.top(150, gap: 8)
        let mid = middle.columns([0.42, 0.58], gap: 16)
        drawLedger(canvas, section(canvas, labels.render("ledger"), mid[0]))
        let att = section(canvas, labels.render("attention"), mid[1]).columns([0.55, 0.45], gap: 8)
        Heatmap(rows: crossAttention, title: labels.render("cross-attention"), xLabel: "clips →", yLabel: "q").draw(canvas, in: att[0])
        Heatmap(rows: selfAttention, title: labels.render("self-attention"), xLabel: "queries →", yLabel: "q").draw(canvas, in: att[1])
        let footerY = page.maxY - 8
        var footer: [String: Any] = ["version": version, "model": r.model, "views": r.views.joined(separator: ", "), "pose": r.poseUsed,
                                     "rubric": r.rubric.split(separator: ",").map(String.init).first { $0.hasPrefix(r.event + "@") } ?? r.rubric]
        // Only when a view was left out (an empty string would still open the section).
        if !r.viewProblems.isEmpty { footer["problems"] = r.viewProblems.map { String($0.prefix { $0 != ":" }) }.joined(separator: ", ") }
        canvas.text(labels.render("footer", footer),
                    in: Rect(x: page.x, y: footerY, width: page.width, height: 9), size: 6, color: .muted)
    }

    /// The second page: the coaching commentary and the per-dimension table; returns where it ends.
    @discardableResult
    public func drawCommentaryPage(_ canvas: Canvas) -> Double {
        let page = Rect(x: 0, y: 0, width: PDFDocument.a4.width, height: PDFDocument.a4.height).inset(34)
        canvas.text(result.athlete, in: Rect(x: page.x, y: page.y, width: page.width, height: 16), size: 11, bold: true, color: .muted)
        return drawCommentary(canvas, section(canvas, labels.render("commentary"), Rect(x: page.x, y: page.y + 22, width: page.width, height: page.height - 22)))
    }

    /// Rows of comparison pairs (two pairs across).
    var exemplarRows: Int { (comparisons.count + 1) / 2 }

    /// Height of the comparison section with squares of `side` (heading, then per row labels,
    /// pictures and caption).
    func exemplarSectionHeight(side: Double) -> Double { comparisons.isEmpty ? 0 : 13 + Double(exemplarRows) * (side + 42) }

    /// The comparisons below the commentary from `y` — their pictures shrunk (down to 70 pt)
    /// to fit the page — or at the top of a new page when they still do not fit.
    func drawExemplarSection(_ doc: PDFDocument, below y: Double) {
        guard !comparisons.isEmpty else { return }
        let page = Rect(x: 0, y: 0, width: PDFDocument.a4.width, height: PDFDocument.a4.height).inset(34)
        let widest = min(100, (page.width - 16) / 4 - 6)
        var top = y + 14
        var side = min(widest, (page.maxY - top - 13) / Double(exemplarRows) - 42)
        if side < 70 {
            doc.nextPage()
            doc.canvas.text(result.athlete, in: Rect(x: page.x, y: page.y, width: page.width, height: 16), size: 11, bold: true, color: .muted)
            top = page.y + 22
            side = widest
        }
        let r = Rect(x: page.x, y: top, width: page.width, height: exemplarSectionHeight(side: side))
        drawExemplars(doc.canvas, section(doc.canvas, labels.render("exemplar"), r), side: side)
    }

    /// The penalty moments side by side with the exemplar at the same phase of the same element.
    func drawExemplars(_ canvas: Canvas, _ r: Rect, side: Double) {
        let pairs = comparisons
        let pairWidth = (r.width - 16) / 2
        for (i, k) in pairs.enumerated() {
            guard let e = k.exemplar else { continue }
            let x = r.x + Double(i % 2) * (pairWidth + 16)
            let y = r.y + Double(i / 2) * (side + 42)
            let athlete = Rect(x: x, y: y + 11, width: side, height: side)
            let model = Rect(x: x + side + 12, y: y + 11, width: side, height: side)
            canvas.text(labels.render("exemplar-athlete"), in: Rect(x: athlete.x, y: y, width: side, height: 10), size: 7, bold: true, color: Color.severity(0.5))
            canvas.text(labels.render("exemplar-model"), in: Rect(x: model.x, y: y, width: side, height: 10), size: 7, bold: true, color: .good)
            canvas.image(k.image, crop: e.crop, in: athlete)
            canvas.stroke(athlete, Color.severity(0.5), width: 1.2)
            canvas.image(e.image, in: model)
            canvas.stroke(model, .good, width: 1.2)
            canvas.text(e.caption, in: Rect(x: x, y: athlete.maxY + 3, width: pairWidth, height: 26), size: 7, color: .muted)
        }
    }

    func drawKeyframes(_ canvas: Canvas, _ r: Rect) {
        guard !keyframes.isEmpty else { return }
        let gap = 4.0
        let w = (r.width - gap * Double(keyframes.count - 1)) / Double(keyframes.count)
        // One row per view: the first view (with its overlays), then the others below.
        let rows = 1 + (keyframes.map(\.otherViews.count).max() ?? 0)
        let rowHeight = (r.height - 10 - 2 * Double(rows - 1)) / Double(rows)
        for (i, k) in keyframes.enumerated() {
            let aspect = Double(k.image.height) / Double(max(k.image.width, 1))
            let h = min(rowHeight, w * aspect)
            let x = r.x + Double(i) * (w + gap)
            for (v, other) in k.otherViews.enumerated() {
                let below = Rect(x: x, y: r.y + Double(v + 1) * (h + 2), width: w, height: h)
                canvas.image(other, in: below)
                canvas.stroke(below, .rule, width: 0.5)
            }
            let cell = Rect(x: x, y: r.y, width: w, height: h)
            canvas.image(k.image, in: cell)
            if let box = k.box, let spatial = k.spatial {
                SpatialAttentionOverlay(weights: spatial, box: box, imageAspect: Double(k.image.width) / Double(max(k.image.height, 1)))
                    .draw(canvas, in: cell)
            }
            if let skeleton = k.skeleton { SkeletonOverlay(joints: skeleton).draw(canvas, in: cell) }
            if let (bx, by, bw, bh) = k.box {
                canvas.stroke(Rect(x: cell.x + (bx - bw / 2) * cell.width, y: cell.y + (by - bh / 2) * cell.height, width: bw * cell.width,
                                   height: bh * cell.height), Color(1, 1, 1), width: 0.6)
            }
            canvas.stroke(cell, k.highlighted ? Color.severity(0.5) : .rule, width: k.highlighted ? 1.6 : 0.5)
            let bottom = cell.maxY + Double(k.otherViews.count) * (h + 2)
            canvas.text(GroundedClock.format(k.time), in: Rect(x: cell.x, y: bottom + 1, width: cell.width, height: 9), size: 6, color: .muted, align: .center)
        }
    }

    func drawLedger(_ canvas: Canvas, _ r: Rect) {
        let res = result
        var y = r.y
        func row(_ left: String, _ right: String, bold: Bool = false, color: Color = .ink) {
            canvas.text(left, in: Rect(x: r.x, y: y, width: r.width - 50, height: 10), size: 7.5, bold: bold, color: color)
            canvas.text(right, in: Rect(x: r.maxX - 50, y: y, width: 50, height: 10), size: 7.5, bold: bold, color: color, align: .right)
            y += 10.5
        }
        row(labels.render("ledger-base"), Self.points(res.baseScore))
        let shown = res.penalties.filter { $0.deduction > 0 }.sorted { $0.start < $1.start }
        if shown.isEmpty { row(labels.render("ledger-none"), "", color: .good) }
        for p in shown.prefix(9) {
            row("\(GroundedClock.format(p.start))  \(p.name)\(p.needsReview ? " ?" : "")", String(format: "−%.1f", p.deduction), color: .ink)
        }
        if shown.count > 9 { row("…", String(format: "−%.1f", shown.dropFirst(9).reduce(0) { $0 + $1.deduction })) }
        canvas.line([(r.x, y + 1), (r.maxX, y + 1)], .rule, width: 0.6)
        y += 3
        row(labels.render("ledger-execution"), Self.points(res.execution), bold: true)
        row("+ " + labels.render("ledger-difficulty"), Self.points(res.difficulty))
        // The score is the model’s whole estimate (regression or deduction density), not only
        // the faults it could pin to a moment: the difference gets its own row, so the column adds up.
        let adjustment = Self.ledgerAdjustment(res)
        if abs(adjustment) >= 0.005 {
            row(labels.render("ledger-adjustment"), (adjustment > 0 ? "+" : "−") + Self.points(abs(adjustment)), color: .muted)
        }
        row(labels.render("ledger-final"), Self.points(res.score), bold: true, color: .accent)
        if res.penalties.contains(where: \.needsReview) {
            canvas.text(labels.render("review"), in: Rect(x: r.x, y: y + 2, width: r.width, height: 18), size: 6, color: .muted)
        }
    }

    @discardableResult
    func drawCommentary(_ canvas: Canvas, _ r: Rect) -> Double {
        guard let c = result.commentary else { return r.y }
        var y = r.y
        y += canvas.text(c.paragraph, in: Rect(x: r.x, y: y, width: r.width, height: 60), size: 9.5) + 14
        let cols = Rect(x: r.x, y: y, width: r.width, height: 12).columns([0.2, 0.4, 0.4], gap: 8)
        canvas.text(labels.render("dimension"), in: cols[0], size: 8.5, bold: true, color: .muted)
        canvas.text(labels.render("strength"), in: cols[1], size: 8.5, bold: true, color: .good)
        canvas.text(labels.render("improve"), in: cols[2], size: 8.5, bold: true, color: Color.severity(0.5))
        y += 13
        for dim in BodyDimension.allCases {
            guard let k = c.keypoints[dim.rawValue], y < r.maxY - 10 else { continue }
            let row = Rect(x: r.x, y: y, width: r.width, height: 24).columns([0.2, 0.4, 0.4], gap: 8)
            let h = max(canvas.text(dim.title, in: row[0], size: 8.5, bold: true),
                        canvas.text(k.strength ?? "", in: row[1], size: 8.5),
                        canvas.text(k.weakness ?? "", in: row[2], size: 8.5))
            y += h + 5
            canvas.line([(r.x, y - 1.5), (r.maxX, y - 1.5)], .rule, width: 0.3)
        }
        return y
    }

    /// Writes `NAME.pdf` and the figures `folder/*.svg`.
    public func write(pdf: URL, figures folder: URL) throws {
        let doc = try PDFDocument(path: pdf.path)
        draw(doc.canvas)
        doc.nextPage()
        drawExemplarSection(doc, below: drawCommentaryPage(doc.canvas))
        try doc.canvas.context.check()
        try doc.finish()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let figures: [(String, Double, Double, (Canvas, Rect) -> Void)] = [
            ("curves", 540, 170, { scoreBuildUp.draw($0, in: $1) }),
            ("penalty-timeline", 520, 130, { timeline.draw($0, in: $1) }),
            ("temporal-attention", 300, 220, { Heatmap(rows: crossAttention, title: labels.render("cross-attention"), xLabel: "clips →", yLabel: "q").draw($0, in: $1) }),
            ("self-attention", 260, 220, { Heatmap(rows: selfAttention, title: labels.render("self-attention"), xLabel: "queries →", yLabel: "q").draw($0, in: $1) }),
            ("ledger", 260, 200, { drawLedger($0, $1) }),
        ] + (comparisons.isEmpty ? [] : [
            ("exemplar", 539, exemplarSectionHeight(side: 100), { drawExemplars($0, $1, side: 100) }),
        ])
        for (name, w, h, draw) in figures {
            let svg = try SVGDocument(path: folder.appendingPathComponent("\(name).svg").path, width: w, height: h)
            draw(svg.canvas, Rect(x: 6, y: 6, width: w - 12, height: h - 12))
            try svg.finish()
        }
    }
}

/// m:ss.t for times on the page.
public enum GroundedClock {
    public static func format(_ t: Double) -> String {
        let tenths = Int((max(0, t) * 10).rounded())
        return String(format: "%d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10)
    }
}
