import Assessment
import Commentary
import Drawing
import Features
import Foundation
import Media
import Neural
import Report
import RoutineCore

/// `routine report`: discovers the videos, joins the manifest, checks rubric and model before
/// any long work, then assesses every routine (features, model, commentary, keyframes) with N
/// workers — resumable, failures isolated — and finally writes the ranked results
/// (results.json, results.csv), a PDF and SVG figures per athlete, and summary.pdf.
public struct ReportJob {
    public struct Options: Sendable {
        public var videos: URL
        public var out: URL
        public var manifest: URL?
        public var model: URL
        public var rubric: URL?
        public var templates: URL?
        public var jobs = 2
        public var shard = Shard.all
        public var force = false
        public var formats: Set<String> = ["pdf", "svg", "json", "csv"]
        public var language = "en"
        public init(videos: URL, out: URL, model: URL) {
            self.videos = videos
            self.out = out
            self.model = model
        }
    }

    public var options: Options
    public static let version = "0.6.0"

    public init(options: Options) { self.options = options }

    /// Everything checked before the work starts (configuration errors: exit 2).
    struct Setup {
        var items: [BatchRunner.Item]
        var rubrics: [String: Rubric]
        var modelFile: URL
        var task: ScoringTask
        var templates: URL
        /// The learned commentary decoder trained with the model, when it has one.
        var commentaryFile: URL?
        /// Pictures of the elements' exemplars stored in the model, when it has them.
        var gallery: ExemplarGallery?
        /// The model and commentary decoder read while checking them: the first worker's, so
        /// the files are not read and parsed a second time.
        var checkedModel: TrainedModel?
        var checkedGenerator: CommentaryGenerator?
    }

    func prepare() throws -> Setup {
        let templates = try TemplateLocator.templatesFolder(explicit: options.templates?.path)
        var rubrics: [String: Rubric] = [:]
        if let r = options.rubric {
            let rubric = try Rubric.load(r)
            rubrics[rubric.event] = rubric
        } else {
            for f in (try? FileManager.default.contentsOfDirectory(atPath: templates.appendingPathComponent("rubrics").path))?.sorted() ?? []
            where f.hasSuffix(".yaml") {
                let rubric = try Rubric.load(templates.appendingPathComponent("rubrics/\(f)"))
                rubrics[rubric.event] = rubric
            }
        }
        let model = try ModelFile.read(options.model)
        // The model's rubrics must be the ones in use, item for item.
        let modelRubrics = Set(model.task.rubricID.split(separator: ",").map(String.init))
        for r in rubrics.values where !modelRubrics.contains("\(r.id)@\(r.digest)") {
            if options.rubric != nil || modelRubrics.contains(where: { $0.hasPrefix(r.id + "@") }) {
                throw BatchError.configuration("\(options.model.path): the model was trained on rubric(s) \(modelRubrics.sorted().joined(separator: ", ")), not on '\(r.id)@\(r.digest)'; use the matching rubric or retrain")
            }
        }
        var manifest: Manifest?
        if let m = options.manifest { manifest = try Manifest.load(m) }
        let files = try VideoDiscovery.videoFiles(in: options.videos, excluding: [options.out])
        guard !files.isEmpty else { throw BatchError.usage("\(options.videos.path): no videos (mp4, mov, mkv, avi, webm, m4v)") }
        var routines = VideoDiscovery.routines(in: options.videos, files: files)
        if let manifest {
            let base = options.videos.standardizedFileURL.path
            for row in manifest.rows {
                let path = options.videos.appendingPathComponent(row.file).standardizedFileURL.path
                guard FileManager.default.fileExists(atPath: path) else {
                    throw BatchError.configuration("\(options.manifest!.path):\(row.line): '\(row.file)' does not exist under \(base)")
                }
            }
            for i in routines.indices {
                let rel = routines[i].views.map { VideoDiscovery.relative($0.video, to: base) }
                if let row = rel.lazy.compactMap({ manifest.row(for: $0) }).first {
                    routines[i].athlete = row.athlete ?? routines[i].athlete
                    routines[i].club = row.club
                    routines[i].event = row.event
                    routines[i].level = row.level
                    routines[i].element = row.element
                    routines[i].date = row.date
                }
            }
        }
        routines = routines.filter { options.shard.contains($0.id) }
        // Unique, safe output names.
        var used = Set<String>()
        let items = routines.map { r -> BatchRunner.Item in
            var name = safeFileName(r.athlete == (r.id as NSString).lastPathComponent ? r.id.replacingOccurrences(of: "/", with: "_") : "\(r.athlete)")
            if used.contains(name) { name = safeFileName("\(r.athlete) \(r.id.replacingOccurrences(of: "/", with: "_"))") }
            var n = 2
            let stem = name
            while used.contains(name) { name = "\(stem)-\(n)"; n += 1 }
            used.insert(name)
            return BatchRunner.Item(routine: r, name: name)
        }
        // A commentary decoder beside the model must belong to it: checked now, not per routine.
        var commentaryFile: URL? = CommentaryModelFile.url(besideModel: options.model)
        if !FileManager.default.fileExists(atPath: commentaryFile!.path) { commentaryFile = nil }
        var generator: CommentaryGenerator?
        if let file = commentaryFile {
            do {
                generator = try CommentaryModelFile.read(file, width: model.configuration.width, featureVersion: model.featureVersion)
            } catch {
                throw BatchError.configuration("\(error)")
            }
        }
        _ = try CommentaryTemplates(templates: templates, language: options.language)
        let gallery = try ExemplarGallery.read(model: options.model)
        if let g = gallery, let p = g.pictures.first?.first {
            do { _ = try p.decodedRGB() } catch { throw BatchError.configuration("\(options.model.path): exemplar pictures are not readable (\(error))") }
        }
        return Setup(items: items, rubrics: rubrics, modelFile: options.model, task: model.task, templates: templates, commentaryFile: commentaryFile,
                     gallery: gallery, checkedModel: model, checkedGenerator: generator)
    }

    /// Runs the job; returns the number of failed routines.
    public func run(progress: ProgressReporter? = nil, log: RunLog? = nil) throws -> (done: Int, failed: Int) {
        // The workers are the parallelism: each routine's small products stay on its worker.
        try BLAS.onCallingThreadOnly { try runWorkers(progress: progress, log: log) }
    }

    private func runWorkers(progress: ProgressReporter?, log: RunLog?) throws -> (done: Int, failed: Int) {
        let setup = try prepare()
        try FileManager.default.createDirectory(at: options.out, withIntermediateDirectories: true)
        let runLog = try log ?? RunLog(url: options.out.appendingPathComponent("run.log"))
        runLog.write("report of \(setup.items.count) routines (shard \(options.shard)) with \(options.model.path), \(options.jobs) workers")
        let reporter = progress ?? ProgressReporter(total: setup.items.count, label: "report")
        let processor = try RoutineReportProcessor(setup: setup, options: options)
        let outcomes = BatchRunner(out: options.out, jobs: options.jobs, force: options.force)
            .run(setup.items, processor: processor, progress: reporter, log: runLog)
        reporter.finish()
        try finish(setup: setup, log: runLog)
        let failed = outcomes.filter { if case .failed = $0 { return true } else { return false } }.count
        runLog.write("finished: \(outcomes.count - failed) done, \(failed) failed")
        return (outcomes.count - failed, failed)
    }

    /// Ranks every stored result, writes results.json/csv, the PDFs with ranks, summary.pdf.
    /// The exemplar picture and its caption for a keyframe's comparison.
    func comparison(_ e: RoutineRecord.ExemplarInfo, at time: Double, event: String, folder: URL, labels: TemplateSet,
                    rubrics: [String: Rubric]) -> AthleteReport.ExemplarComparison? {
        guard e.crop.count == 4, let image = try? CairoImage(png: folder.appendingPathComponent(e.file).path) else { return nil }
        var context: [String: Any] = [
            "time": GroundedClock.format(time), "element": rubrics[event]?.element(e.element)?.name ?? e.element,
            "athlete": e.athlete, "score": String(format: "%.2f", e.score), "exemplarTime": GroundedClock.format(e.time),
        ]
        if e.phase < 0 { context["before"] = true } else if e.phase > 1 { context["after"] = true } else {
            context["during"] = true
            context["percent"] = Int((e.phase * 100).rounded())
        }
        return .init(image: image, crop: (e.crop[0], e.crop[1], e.crop[2], e.crop[3]), caption: labels.render("exemplar-caption", context))
    }

    func finish(setup: Setup, log: RunLog? = nil) throws {
        let decoder = ResultsWriter.jsonDecoder()
        var records: [String: RoutineRecord] = [:]
        for (id, data) in try BatchRunner.storedResults(in: options.out) {
            records[id] = try decoder.decode(RoutineRecord.self, from: data)
        }
        var results = records.values.map(\.result)
        for i in results.indices {
            if let level = results[i].level, let mark = setup.rubrics[results[i].event]?.passMarks[level] {
                results[i].passMark = mark
                results[i].passed = results[i].score >= mark
            }
        }
        let ranked = AssessmentResult.ranked(results)
        if options.formats.contains("json") || options.formats.contains("csv") { try ResultsWriter.write(ranked, to: options.out) }
        let labels = try TemplateSet.shipped("report", language: options.language, templates: setup.templates)
        let groups = Dictionary(grouping: ranked) { "\($0.event)|\($0.level ?? 0)" }.mapValues(\.count)
        // Every athlete's pages and the summary are independent documents: rendered on the
        // workers at once (each thread has its own Pango font map), errors reported in order.
        let pages = options.formats.contains("pdf") || options.formats.contains("svg") ? ranked.filter { records[$0.id] != nil } : []
        let summary = options.formats.contains("pdf")
        var errors = [Error?](repeating: nil, count: pages.count + 1)
        let lock = NSLock()
        forEachInParallel(pages.count + (summary ? 1 : 0), jobs: options.jobs) { i in
            do {
                if i == pages.count {
                    let temp = options.out.appendingPathComponent(".summary.pdf.partial-\(getpid())")
                    try SummaryReport(results: ranked, labels: labels, rubrics: setup.rubrics).write(pdf: temp)
                    _ = rename(temp.path, options.out.appendingPathComponent("summary.pdf").path)
                } else {
                    try render(pages[i], record: records[pages[i].id]!, groupSize: groups["\(pages[i].event)|\(pages[i].level ?? 0)"], labels: labels,
                               setup: setup, log: log)
                }
            } catch {
                lock.withLock { errors[i] = error }
            }
        }
        if let error = errors.compactMap({ $0 }).first { throw error }
    }

    /// One athlete's PDF (renamed into place when complete) and figure SVGs.
    func render(_ r: AssessmentResult, record: RoutineRecord, groupSize: Int?, labels: TemplateSet, setup: Setup, log: RunLog?) throws {
        let folder = options.out.appendingPathComponent(r.name)
        let keyframes = record.keyframes.compactMap { k -> AthleteReport.Keyframe? in
            guard let img = try? CairoImage(png: folder.appendingPathComponent(k.file).path) else { return nil }
            return .init(time: k.time, image: img, box: k.box.map { ($0[0], $0[1], $0[2], $0[3]) }, highlighted: k.highlighted,
                         spatial: k.spatial, skeleton: k.skeleton,
                         otherViews: (k.otherViews ?? []).compactMap { try? CairoImage(png: folder.appendingPathComponent($0).path) },
                         exemplar: k.exemplar.flatMap { comparison($0, at: k.time, event: r.event, folder: folder, labels: labels, rubrics: setup.rubrics) })
        }
        let page = AthleteReport(result: r, duration: record.duration, clipDuration: record.clipDuration, keyframes: keyframes, crossAttention: record.crossAttention,
                                 selfAttention: record.selfAttention, groupSize: groupSize, labels: labels, version: Self.version)
        let started = Date()
        let temp = options.out.appendingPathComponent(".\(r.name).pdf.partial-\(getpid())")
        try page.write(pdf: temp, figures: folder)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: temp.path)[.size] as? Int) ?? 0
        guard rename(temp.path, options.out.appendingPathComponent("\(r.name).pdf").path) == 0 else {
            throw BatchError.input(file: "\(r.name).pdf", reason: "cannot move into place")
        }
        log?.write(String(format: "rendered %@.pdf and its figures in %.3f s (%d KB)", r.name, Date().timeIntervalSince(started), bytes / 1024))
    }
}

/// Assesses one routine: features of each view, the model, commentary, keyframes.
final class RoutineReportProcessor: RoutineProcessor, @unchecked Sendable {
    let setup: ReportJob.Setup
    let options: ReportJob.Options
    let cache: FeatureCache
    let modelDigest: String
    let commentaryTemplates: CommentaryTemplates
    /// One model (and commentary decoder) per worker: modules are not thread-safe.
    private var pool: [Assessor] = []
    private let lock = NSLock()

    /// What one worker assesses with: the model and, per event, the commentary composer
    /// (sharing the model's learned decoder when it has one).
    struct Assessor {
        var model: TrainedModel
        var composers: [String: CommentaryComposer]
    }

    init(setup: ReportJob.Setup, options: ReportJob.Options) throws {
        self.setup = setup
        self.options = options
        cache = FeatureCache(folder: options.out.appendingPathComponent(".cache"))
        modelDigest = try [setup.modelFile, setup.commentaryFile].compactMap { $0 }.map { try ContentHash.of(file: $0) }.joined(separator: "+")
        commentaryTemplates = try CommentaryTemplates(templates: setup.templates, language: options.language)
        if let model = setup.checkedModel { pool.append(assessor(model: model, generator: setup.checkedGenerator)) }
    }

    func key(for routine: RoutineInput) throws -> String {
        var parts = [ReportJob.version, FeatureExtractor.version, modelDigest, options.language]
        parts += setup.rubrics.values.map(\.digest).sorted()
        for v in routine.views {
            parts.append(try ContentHash.of(file: v.video))
            if let p = v.pose { parts.append(try ContentHash.of(file: p)) }
        }
        parts.append("\(routine.athlete)|\(routine.club ?? "")|\(routine.event ?? "")|\(routine.level ?? 0)|\(routine.date ?? "")")
        return ContentHash.of(parts.joined(separator: "|"))
    }

    /// Without a manifest, the event whose rubric lists the recognised elements best
    /// (confidence-weighted); the only rubric when there is one.
    static func inferEvent(_ p: RoutinePrediction, rubrics: [String: Rubric]) -> String {
        if rubrics.count == 1 { return rubrics.keys.first! }
        var votes: [String: Double] = [:]
        for e in p.elements {
            let owners = rubrics.values.filter { $0.element(e.name) != nil }
            for r in owners { votes[r.event, default: 0] += e.confidence / Double(owners.count) }
        }
        return votes.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? rubrics.keys.sorted().first!
    }

    func checkout() throws -> Assessor {
        if let a = lock.withLock({ pool.popLast() }) { return a }
        let model = try ModelFile.read(setup.modelFile)
        let generator = try setup.commentaryFile.map {
            try CommentaryModelFile.read($0, width: model.configuration.width, featureVersion: model.featureVersion)
        }
        return assessor(model: model, generator: generator)
    }

    func assessor(model: TrainedModel, generator: CommentaryGenerator?) -> Assessor {
        Assessor(model: model, composers: setup.rubrics.mapValues { CommentaryComposer(rubric: $0, templates: commentaryTemplates, generator: generator) })
    }

    func checkin(_ a: Assessor) { lock.withLock { pool.append(a) } }

    func process(_ routine: RoutineInput, name: String, out: URL) throws -> Data {
        let assessor = try checkout()
        defer { checkin(assessor) }
        let model = assessor.model
        let usePose = model.configuration.poseWidth > 0
        var tokens: [ClipTokens] = []
        var features: [ClipFeatures] = []
        var used: [String] = [], problems: [String] = []
        // Each view's keyframes come from the same decode as its features (nil on a cache hit).
        var viewPictures: [[ClipPicture]?] = []
        for view in routine.views {
            do {
                let r = try cache.featuresWithPictures(video: view.video, pose: usePose ? view.pose : nil)
                let f = r.features
                viewPictures.append(r.pictures)
                features.append(f)
                tokens.append(ClipTokens(clipCount: f.clipCount, cellCount: f.cellCount, width: f.width, values: f.values, pose: f.pose,
                                         poseWidth: f.poseWidth))
                used.append(view.name)
            } catch {
                // Another view can still carry the routine; the reason is recorded.
                if routine.views.count == 1 { throw error }
                problems.append("\(view.name): \(error)")
            }
        }
        guard !tokens.isEmpty else { throw BatchError.input(file: routine.views[0].video.path, reason: problems.joined(separator: "; ")) }
        let offsets = try align(&tokens, features: &features, viewPictures: &viewPictures, used: &used, problems: &problems, routine: routine)
        let prediction = try model.predict(tokens)
        let event = routine.event ?? Self.inferEvent(prediction, rubrics: setup.rubrics)
        guard let rubric = setup.rubrics[event] else { throw BatchError.input(file: routine.id, reason: "no rubric for event '\(event)'") }
        let penalties = prediction.penalties.filter { rubric.penalty($0.item) != nil && ($0.deduction > 0 || $0.needsReview) }.map { p in
            AssessmentResult.Penalty(item: p.item, name: rubric.penalty(p.item)!.name, dimension: rubric.penalty(p.item)!.dimension,
                                     deduction: p.deduction, probability: r3(p.probability), start: r3(p.start), end: r3(p.end), needsReview: p.needsReview)
        }
        let deductions = penalties.reduce(0) { $0 + $1.deduction }
        let base = setup.task.baseScore
        var elements: [AssessmentResult.Element] = []
        for e in prediction.elements.sorted(by: { $0.start < $1.start }) where e.confidence >= 0.5 && rubric.element(e.name) != nil {
            if let last = elements.last, last.name == e.name, e.start <= last.end { elements[elements.count - 1].end = max(last.end, r3(e.end)); continue }
            elements.append(.init(name: e.name, shape: e.shape, rotation: e.rotation, halfRotations: e.halfRotations, start: r3(e.start), end: r3(e.end),
                                  confidence: r3(e.confidence)))
        }
        let base0 = options.videos.standardizedFileURL.path
        var result = AssessmentResult(
            id: routine.id, name: name, athlete: routine.athlete, club: routine.club, event: event, level: routine.level, date: routine.date,
            views: used, videos: routine.views.map { VideoDiscovery.relative($0.video, to: base0) }, poseUsed: usePose && features.contains { $0.pose != nil },
            viewProblems: problems, score: r3(prediction.score), scoreLow: r3(prediction.scoreLow), scoreHigh: r3(prediction.scoreHigh), baseScore: base,
            execution: r3(max(0, base - deductions)), difficulty: r3(prediction.difficulty), deductions: r3(deductions),
            ledgerDisagreement: r3(prediction.ledgerDisagreement), penalties: penalties, elements: elements,
            segments: prediction.queries.map { .init(weight: r3($0.weight), score: r3($0.score), contribution: r3($0.contribution), start: r3($0.start), end: r3($0.end)) },
            commentary: nil, exemplars: prediction.exemplars, rubric: setup.task.rubricID, model: setup.modelFile.lastPathComponent,
            featureVersion: FeatureExtractor.version)
        result.viewOffsets = offsets.isEmpty ? nil : offsets
        let commentary = try assessor.composers[event]!.compose(routineID: routine.id, prediction: prediction, model: model, views: tokens)
        result.commentary = commentary.result

        // Keyframes: evenly spaced, plus the moments of the deductions.
        let f = features[0]
        var moments = Set((0..<6).map { i in f.clipCount > 0 ? min(f.clipCount - 1, i * f.clipCount / 6 + f.clipCount / 12) : 0 })
        var highlighted = Set<Int>()
        for p in penalties where p.deduction > 0 {
            let c = min(max(0, Int(p.start / f.clipDuration)), max(0, f.clipCount - 1))
            moments.insert(c)
            highlighted.insert(c)
        }
        var chosen = moments.sorted()
        while chosen.count > 8 {
            if let drop = chosen.first(where: { !highlighted.contains($0) }) { chosen.removeAll { $0 == drop } } else { chosen.removeLast() }
        }
        let times = chosen.map { f.keyframeTime($0) }
        let usedViews = used.compactMap { name in routine.views.first { $0.name == name } }
        let source = usedViews[0]
        /// A view's pictures at the chosen moments (the same clip index; views are time-aligned).
        func pictures(_ v: Int) -> [CairoImage] {
            // A view aligned by an offset shows the moment its own clip index has for it.
            let shift = offsets.first { $0.view == usedViews[v].name }.map { Int(($0.seconds / features[v].clipDuration).rounded()) } ?? 0
            let clips = chosen.map { max(0, min($0 + shift, features[v].clipCount - 1)) }
            if let p = viewPictures[v], p.count == features[v].clipCount, let made = try? clips.map({ try KeyframeGrabber.image(p[$0]) }) {
                return made
            }
            return (try? KeyframeGrabber.grab(video: usedViews[v].video, times: clips.map { features[v].keyframeTime($0) })) ?? []
        }
        let images = pictures(0)
        let others = (1..<usedViews.count).map { pictures($0) }
        // The skeleton over the keyframes when the first view has a pose file (its pixels
        // refer to the file's frame size, else the video's).
        var skeletons = [[Double]?](repeating: nil, count: times.count)
        if let poseURL = source.pose, let points = try? PoseImagePoints.read(poseURL) {
            let size = points.width.flatMap { w in points.height.map { (w, $0) } }
                ?? (try? VideoInfo.probe(path: source.video.path)).map { ($0.width, $0.height) }
            if let (w, h) = size { skeletons = times.map { t in points.normalised(at: t, width: w, height: h)?.map(r3) } }
        }
        let folder = out.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var keyframes: [RoutineRecord.KeyframeInfo] = []
        for (i, (clip, image)) in zip(chosen, images).enumerated() {
            let file = "keyframe-\(i + 1).png"
            let temp = folder.appendingPathComponent(".\(file).partial-\(getpid())")
            try image.writePNG(to: temp.path)
            _ = rename(temp.path, folder.appendingPathComponent(file).path)
            let b = f.boxes[clip]
            let spatial = highlighted.contains(clip) && clip < prediction.spatialAttention.count
                ? prediction.spatialAttention[clip].map { r3(Double($0)) } : nil
            // The same moment seen from the other views.
            var otherFiles: [String] = []
            for (v, images) in others.enumerated() where i < images.count {
                let other = "keyframe-\(i + 1)-\(safeFileName(usedViews[v + 1].name)).png"
                let temp = folder.appendingPathComponent(".\(other).partial-\(getpid())")
                try images[i].writePNG(to: temp.path)
                _ = rename(temp.path, folder.appendingPathComponent(other).path)
                otherFiles.append(other)
            }
            var info = RoutineRecord.KeyframeInfo(time: r3(times[i]), file: file, box: [Double(b.x), Double(b.y), Double(b.width), Double(b.height)].map(r3),
                                                  highlighted: highlighted.contains(clip), spatial: spatial, skeleton: skeletons[i],
                                                  otherViews: otherFiles.isEmpty ? nil : otherFiles)
            if highlighted.contains(clip), let gallery = setup.gallery {
                info.exemplar = try exemplar(gallery, time: times[i], event: event, elements: result.elements, keyframe: image, box: b,
                                             file: "exemplar-\(i + 1).png", folder: folder)
            }
            keyframes.append(info)
        }
        let record = RoutineRecord(result: result, duration: r3(f.duration), clipDuration: f.clipDuration, crossAttention: prediction.crossAttention.last ?? [],
                                   selfAttention: prediction.selfAttention.last ?? [], keyframes: keyframes)
        return try ResultsWriter.jsonEncoder().encode(record)
    }
}

extension RoutineReportProcessor {
    /// The exemplar at the same phase of the same element as a penalty moment (LucidAction
    /// §4.3's perfect exemplars, shown as DESIGN.md §Report asks), written as a PNG beside the
    /// keyframe; nil when no recognised element has an exemplar.
    func exemplar(_ gallery: ExemplarGallery, time: Double, event: String, elements: [AssessmentResult.Element], keyframe: CairoImage,
                  box b: AthleteBox, file: String, folder: URL) throws -> RoutineRecord.ExemplarInfo? {
        guard let m = gallery.match(time: time, event: event, elements: elements.map { ($0.name, $0.start, $0.end) }) else { return nil }
        let rgb = try m.picture.decodedRGB()
        let image = try KeyframeGrabber.image(width: m.picture.width, height: m.picture.height, rgb: rgb)
        let temp = folder.appendingPathComponent(".\(file).partial-\(getpid())")
        try image.writePNG(to: temp.path)
        _ = rename(temp.path, folder.appendingPathComponent(file).path)
        let (w, h) = (keyframe.width, keyframe.height)
        let sq = ExemplarGallery.athleteSquare(box: (Double(b.x), Double(b.y), Double(b.width), Double(b.height)), width: w, height: h)
        return .init(file: file, crop: [Double(sq.x) / Double(w), Double(sq.y) / Double(h), Double(sq.side) / Double(w), Double(sq.side) / Double(h)].map(r3),
                     element: m.entry.element, phase: r3(m.phase), routine: m.entry.routine, athlete: m.entry.athlete, score: m.entry.score,
                     time: r3(m.exemplarTime))
    }

    /// Lines the views up in time when their durations differ by more than
    /// ``ViewAlignment/tolerance``: a view that started earlier than the first loses its extra
    /// clips, one that started later is padded (the shift found by cross-correlating motion
    /// energy); a view that cannot be aligned is left out with its reason. Returns the offsets.
    func align(_ tokens: inout [ClipTokens], features: inout [ClipFeatures], viewPictures: inout [[ClipPicture]?], used: inout [String],
               problems: inout [String], routine: RoutineInput) throws -> [AssessmentResult.ViewOffset] {
        guard tokens.count > 1 else { return [] }
        let views = used.compactMap { name in routine.views.first { $0.name == name } }
        var offsets: [AssessmentResult.ViewOffset] = [], dropped: [Int] = []
        for v in 1..<tokens.count where abs(features[v].duration - features[0].duration) > ViewAlignment.tolerance {
            do {
                let fps = 15.0
                let o = try ViewAlignment.offset(first: ViewAlignment.motionEnergy(video: views[0].video, fps: fps),
                                                 second: ViewAlignment.motionEnergy(video: views[v].video, fps: fps), fps: fps,
                                                 names: (views[0].video.path, views[v].video.path))
                let clips = Int((abs(o.seconds) / features[v].clipDuration).rounded())
                if o.seconds > 0 {
                    tokens[v] = tokens[v].dropping(firstClips: clips)
                } else {
                    // This view started later: its first clip stands in for the moments it
                    // missed, so the first view's timeline (every reported time) stays put.
                    tokens[v] = tokens[v].padded(atStartBy: clips)
                }
                offsets.append(.init(view: views[v].name, seconds: r3(o.seconds), correlation: r3(o.correlation)))
            } catch {
                problems.append("\(views[v].name): \(error)")
                dropped.append(v)
            }
        }
        for v in dropped.reversed() {
            tokens.remove(at: v); features.remove(at: v); viewPictures.remove(at: v); used.remove(at: v)
        }
        return offsets
    }
}

func r3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
