import Drawing
import Foundation
import RoutineCore
import Testing
import TestSupport
@testable import Report

enum Sample {
    static func result(athlete: String, penalties: [AssessmentResult.Penalty]) -> AssessmentResult {
        AssessmentResult(
            id: "r1", name: "r1", athlete: athlete, club: "TV Nord", event: "floor", level: 2, date: "2026-11-01", views: ["side"],
            videos: ["r1.mp4"], poseUsed: false, score: 9.85, scoreLow: 9.6, scoreHigh: 10.1, baseScore: 10, execution: 9.6, difficulty: 0.25,
            deductions: 0.4, rank: 1, passed: true, passMark: 9.1, ledgerDisagreement: 0.01, penalties: penalties, elements: [],
            segments: (0..<6).map { .init(weight: [0.1, 0.2, 0.3, 0.2, 0.1, 0.1][$0], score: 9 + Double($0) * 0.2, contribution: 1, start: Double($0) * 2, end: Double($0) * 2 + 2) },
            commentary: .init(source: "grounded", paragraph: "A solid routine. Good leg work.",
                              keypoints: ["legs_knees": .init(strength: "Good leg work."), "feet_heels": .init(weakness: "One step is taken on the landing.")]),
            exemplars: [], rubric: "floor@1", model: "m.safetensors", featureVersion: "features-1")
    }

    static let penalties: [AssessmentResult.Penalty] = [
        .init(item: "landing_steps", name: "Landing steps", dimension: .feetAndHeels, deduction: 0.1, probability: 0.9, start: 3.2, end: 3.8, needsReview: false),
        .init(item: "bent_knees", name: "Bent knees", dimension: .legsAndKnees, deduction: 0.3, probability: 0.55, start: 6.1, end: 6.9, needsReview: true),
    ]

    static var labels: TemplateSet { try! TemplateSet.shipped("report", templates: JSONSchemaCheck.repositoryRoot.appendingPathComponent("Templates")) }

    static func page(athlete: String) throws -> AthleteReport {
        let frame = try CairoImage(width: 64, height: 36)
        var attention: [[Float]] = []
        for i in 0..<6 {
            var row: [Float] = []
            for j in 0..<12 {
                let d = Double(2 * i - j)
                row.append(Float(exp(-d * d / 4)))
            }
            attention.append(row)
        }
        return AthleteReport(result: result(athlete: athlete, penalties: penalties), duration: 12,
                             keyframes: [.init(time: 3.3, image: frame, box: (0.5, 0.5, 0.2, 0.6), highlighted: true)],
                             crossAttention: attention, selfAttention: (0..<6).map { i in (0..<6).map { j in i == j ? 1 : 0.1 } },
                             groupSize: 4, labels: labels, version: "test")
    }
}

@Suite("Reports")
struct ReportTests {
    func pdfText(_ url: URL) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["pdftotext", "-enc", "UTF-8", url.path, "-"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: ["Zoë Müller", "李娜"])
    func namesInAnyScriptPrint(athlete: String) throws {
        let dir = try TemporaryDirectory()
        let pdf = dir.url.appendingPathComponent("r.pdf")
        try Sample.page(athlete: athlete).write(pdf: pdf, figures: dir.url.appendingPathComponent("r"))
        let text = try pdfText(pdf)
        #expect(text.contains(athlete))
        #expect(text.contains("Deduction ledger") && text.contains("9.85") && text.contains("Rank 1 of 4"))
        #expect(text.contains("Landing steps") && text.contains("One step is taken on the landing."))
        #expect(!text.contains("not used"), "the footer names no left-out view when none was")
        let svgs = try FileManager.default.contentsOfDirectory(atPath: dir.url.appendingPathComponent("r").path).sorted()
        #expect(svgs == ["curves.svg", "ledger.svg", "penalty-timeline.svg", "self-attention.svg", "temporal-attention.svg"])
    }

    @Test func ledgerAddsUpWhenTheScoreIsMoreThanTheListedFaults() throws {
        #expect(AthleteReport.ledgerAdjustment(Sample.result(athlete: "A", penalties: Sample.penalties)) == 0)
        var page = try Sample.page(athlete: "A")
        page.result.score = 10.15  // execution 9.60 + difficulty 0.25 = 9.85
        #expect(abs(AthleteReport.ledgerAdjustment(page.result) - 0.3) < 1e-9)
        let dir = try TemporaryDirectory()
        let pdf = dir.url.appendingPathComponent("r.pdf")
        try page.write(pdf: pdf, figures: dir.url.appendingPathComponent("r"))
        let text = try pdfText(pdf)
        #expect(text.contains("Not tied to a listed fault") && text.contains("+0.30") && text.contains("10.15"))
        let plain = dir.url.appendingPathComponent("plain.pdf")
        try Sample.page(athlete: "A").write(pdf: plain, figures: dir.url.appendingPathComponent("plain"))
        #expect(!(try pdfText(plain)).contains("Not tied to"))
    }

    @Test func sameInputSameBytes() throws {
        let dir = try TemporaryDirectory()
        let a = dir.url.appendingPathComponent("a.pdf"), b = dir.url.appendingPathComponent("b.pdf")
        try Sample.page(athlete: "Anna").write(pdf: a, figures: dir.url.appendingPathComponent("fa"))
        try Sample.page(athlete: "Anna").write(pdf: b, figures: dir.url.appendingPathComponent("fb"))
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        #expect(try Data(contentsOf: dir.url.appendingPathComponent("fa/curves.svg")) == Data(contentsOf: dir.url.appendingPathComponent("fb/curves.svg")))
    }

    @Test func chartMappingAndTicks() {
        let frame = ChartFrame(plot: Rect(x: 10, y: 20, width: 100, height: 50), x: 0...10, y: 0...5)
        #expect(frame.px(0) == 10 && frame.px(10) == 110 && frame.px(5) == 60)
        #expect(frame.py(0) == 70 && frame.py(5) == 20)  // y up
        #expect(ChartFrame.ticks(0...10) == [0, 2, 4, 6, 8, 10])
        #expect(ChartFrame.ticks(0...1, count: 4) == [0, 0.5, 1])
    }

    @Test func emptyAndNaNDataDrawWithoutCrashing() throws {
        let dir = try TemporaryDirectory()
        let svg = try SVGDocument(path: dir.url.appendingPathComponent("x.svg").path, width: 200, height: 100)
        Heatmap(rows: [], title: "empty", xLabel: "x", yLabel: "y").draw(svg.canvas, in: Rect(x: 0, y: 0, width: 200, height: 100))
        Heatmap(rows: [[.nan, 1], [0, .infinity]], title: "nan", xLabel: "x", yLabel: "y").draw(svg.canvas, in: Rect(x: 0, y: 0, width: 200, height: 100))
        PenaltyTimelineChart(marks: [], duration: 0).draw(svg.canvas, in: Rect(x: 0, y: 0, width: 200, height: 100))
        ScoreBuildUpChart(clips: ClipContributions(weights: [], contributions: [], attention: []), clipDuration: 0.5, duration: 5)
            .draw(svg.canvas, in: Rect(x: 0, y: 0, width: 200, height: 100))
        ScoreBuildUpChart(clips: ClipContributions(weights: [1], contributions: [9], attention: [[.nan, 0]]), clipDuration: 0.5, duration: 1)
            .draw(svg.canvas, in: Rect(x: 0, y: 0, width: 200, height: 100))
        try svg.finish()
    }

    /// A heatmap is one image with a pixel per cell, marked for nearest-neighbour rendering in
    /// the SVG (a minute's routine has thousands of cells: a rectangle each made the figures
    /// slow and the PDF large); a photograph painted in the same figure stays smooth. The
    /// largest cell is the colour map's top and the smallest its bottom.
    @Test func heatmapIsOneSharpImageAndPhotosStaySmooth() throws {
        let dir = try TemporaryDirectory()
        let path = dir.url.appendingPathComponent("x.svg").path
        let svg = try SVGDocument(path: path, width: 300, height: 200)
        let photo = try CairoImage(width: 8, height: 6)
        photo.withPixels { p, stride in for y in 0..<6 { for x in 0..<8 { (0..<4).forEach { p[y * stride + 4 * x + $0] = $0 == 3 ? 255 : UInt8(20 * x) } } } }
        svg.canvas.image(photo, in: Rect(x: 0, y: 0, width: 40, height: 30))
        let rows: [[Float]] = (0..<5).map { i in (0..<40).map { j in Float(i * 40 + j) } }
        Heatmap(rows: rows, title: "attention", xLabel: "x", yLabel: "y").draw(svg.canvas, in: Rect(x: 0, y: 40, width: 300, height: 150))
        #expect(svg.canvas.sharpImageSizes == [[40, 5]] && svg.canvas.smoothImageSizes == [[8, 6]])
        let heatmap = Heatmap(rows: rows, title: "", xLabel: "", yLabel: "")
        let cells = try heatmap.cells(lo: heatmap.range.lo, hi: heatmap.range.hi)
        #expect(cells.width == 40 && cells.height == 5)
        let rgb = cells.rgb()
        func colour(_ x: Int, _ y: Int) -> [UInt8] { Array(rgb[(3 * (y * 40 + x))..<(3 * (y * 40 + x) + 3)]) }
        func expected(_ t: Double) -> [UInt8] { let c = Color.heat(t); return [c.r, c.g, c.b].map { UInt8(($0 * 255).rounded()) } }
        #expect(colour(0, 0) == expected(0) && colour(39, 4) == expected(1))
        try svg.finish()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let images = text.components(separatedBy: "<image ").dropFirst()
        #expect(images.map { $0.hasPrefix("image-rendering=\"optimizeSpeed\" style=\"image-rendering:pixelated\"") } == [false, true],
                "the photo smooth, the heatmap (the only image of its size painted sharp) marked")
    }

    /// Bar labels share one size at which their longest word fits a bar's slot: "Hesitation"
    /// under one of six bars ran into its neighbours at the default size.
    /// The header's rank line of an athlete who has not passed is the longest; it shrinks to
    /// stay on one line instead of wrapping onto the rule under the header.
    @Test func rankLineOfAnAthleteNotYetPassedStaysOnOneLine() throws {
        let dir = try TemporaryDirectory()
        var result = Sample.result(athlete: "Emma Müller", penalties: Sample.penalties)
        (result.rank, result.passed, result.passMark) = (118, false, 10.25)
        let page = AthleteReport(result: result, duration: 12, keyframes: [], crossAttention: [], selfAttention: [],
                                 groupSize: 120, labels: Sample.labels, version: "test")
        let pdf = dir.url.appendingPathComponent("r.pdf")
        try page.write(pdf: pdf, figures: dir.url.appendingPathComponent("r"))
        let lines = try pdfText(pdf).split(separator: "\n")
        #expect(lines.contains { $0.contains("Rank 118 of 120 · not yet passed (mark 10.25)") }, "\(lines.prefix(6))")
    }

    @Test func barLabelsShrinkUntilEveryWordFitsItsBar() throws {
        let dir = try TemporaryDirectory()
        let svg = try SVGDocument(path: dir.url.appendingPathComponent("x.svg").path, width: 200, height: 100)
        let slot = 28.0
        let size = BarChart.labelSize(["Bent knees", "Hesitation", "Legs apart"], slot: slot, canvas: svg.canvas)
        #expect(size < BarChart.labelSizeLimit)
        #expect(svg.canvas.measureWidth("Hesitation", size: size) <= slot - 2)
        #expect(BarChart.labelSize(["9.0", "9.5"], slot: slot, canvas: svg.canvas) == BarChart.labelSizeLimit, "short labels keep the default size")
        #expect(BarChart.labelSize(["Supercalifragilistic"], slot: 10, canvas: svg.canvas) == BarChart.smallestLabelSize)
        try svg.finish()
    }

    /// Two queries over three clips, worked by hand: rows renormalised to (½, ½, 0) and
    /// (0, ¼, ¾); clip weight Σₖ wₖ aₖc, contribution Σₖ wₖsₖ aₖc, score their ratio.
    @Test func clipContributionsSpreadTheQueriesOverTheClips() {
        let c = ClipContributions(weights: [0.25, 0.75], contributions: [2.5, 6.75], attention: [[1, 1, 0, 0], [0, 1, 3, 0]])
        func close(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-9 } }
        #expect(close(c.weight, [0.125, 0.3125, 0.5625, 0]))
        #expect(close(c.contribution, [1.25, 2.9375, 5.0625, 0]))
        #expect(close(c.score.map { $0 ?? -1 }, [10, 9.4, 9, -1]), "a clip no query looks at has no score")
        #expect(close(c.runningTotal, [1.25, 4.1875, 9.25, 9.25]), "the running total ends at Σₖ wₖsₖ")
    }

    /// Cairo's ids renumbered by first appearance; a suffix is kept, a name inside a longer
    /// word is left alone, a suffix not ending at a word boundary is not part of the id.
    @Test func svgIDsAreRenumberedByFirstAppearance() {
        let svg = ##"<g id="glyph12-3"><use href="#glyph12-3"/><clipPath id="clip7"/><use href="#surface40"/><path id="glyph9-1"/> aglyph5 glyph5x glyph8-2x linear-pattern3 source-4 glyph12"##
        let want = ##"<g id="glyph0-3"><use href="#glyph0-3"/><clipPath id="clip0"/><use href="#surface0"/><path id="glyph1-1"/> aglyph5 glyph5x glyph2-2x linear-pattern0 source-0 glyph0"##
        #expect(SVGDocument.canonicalIDs(svg) == want)
    }

    @Test func translatedLabels() throws {
        let de = try TemplateSet.shipped("report", language: "de", templates: JSONSchemaCheck.repositoryRoot.appendingPathComponent("Templates"))
        let en = Sample.labels
        #expect(Set(de.names) == Set(en.names), "every English label is translated")
        #expect(de.render("ledger") == "Abzüge")
        #expect(de.render("rank", ["rank": 2, "of": 5]) == "Platz 2 von 5")
        #expect(en.render("subtitle", ["club": "A & B", "event": "Floor"]) == "A & B · Floor")  // no HTML escaping
    }

    @Test func penaltyMomentsBesideTheExemplar() throws {
        let dir = try TemporaryDirectory()
        var page = try Sample.page(athlete: "Zoë Müller")
        let exemplar = try CairoImage(width: 112, height: 112)
        page.keyframes[0].exemplar = .init(image: exemplar, crop: (0.3, 0.1, 0.4, 0.7), caption: "0:03.3 · Tuck jump, just after it · exemplar: Ann")
        let pdf = dir.url.appendingPathComponent("r.pdf")
        try page.write(pdf: pdf, figures: dir.url.appendingPathComponent("r"))
        let text = try pdfText(pdf)
        #expect(text.contains("Side by side with the exemplar") && text.contains("This routine") && text.contains("Tuck jump, just after it"))
        #expect(FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("r/exemplar.svg").path))
        // Without exemplars the section is absent.
        let plain = dir.url.appendingPathComponent("p.pdf")
        try Sample.page(athlete: "Zoë Müller").write(pdf: plain, figures: dir.url.appendingPathComponent("p"))
        #expect(!(try pdfText(plain)).contains("Side by side"))
    }
}
