import Assessment
import Features
import Foundation
import Media
import Neural
import RoutineCore

/// Pictures of the exemplar of every element, stored inside the model file so a report can show
/// an athlete's faulty moment side by side with the exemplar at the same phase of the same
/// element (DESIGN.md §Report). The exemplar of an element is LucidAction's (§4.3): a
/// fault-free execution when the dataset has them (split `exemplars`, `routine synth
/// --exemplars`), else the training routine with that element and the fewest deductions, the
/// rule ``ExemplarBank/select(from:task:perElement:)`` uses for contrastive regression.
public struct ExemplarGallery: Sendable {
    /// One element's exemplar: where the element is in the exemplar routine and its pictures.
    public struct Entry: Codable, Sendable, Equatable {
        public var event: String
        public var element: String
        /// The exemplar routine's id and athlete, and its true score.
        public var routine: String
        public var athlete: String
        public var score: Double
        /// The element's span in the exemplar routine (seconds).
        public var start: Double
        public var end: Double
        /// Phase of each picture, as a fraction of the element's span (0 = start, 1 = end).
        public var phases: [Double]
        public var width: Int
        public var height: Int
    }

    /// The phases pictured: before the element, through it, and the landing after it.
    public static let phases: [Double] = [-0.5, 0, 0.25, 0.5, 0.75, 1, 1.5]
    /// Metadata key of the entries in the model file.
    static let metadataKey = "routine.gallery"

    public var entries: [Entry]
    /// Per entry, one JPEG per phase.
    public var pictures: [[JPEGPicture]]

    public init(entries: [Entry], pictures: [[JPEGPicture]]) {
        self.entries = entries
        self.pictures = pictures
    }

    /// An exemplar picture matched to a moment of an athlete's routine.
    public struct Match: Sendable {
        public var entry: Entry
        public var picture: JPEGPicture
        /// The phase matched (of the stored ones) and the moment it shows in the exemplar routine.
        public var phase: Double
        public var exemplarTime: Double
    }

    /// The exemplar picture at the same phase as `time` of the athlete's routine, given the
    /// elements recognised in it: the element containing `time` (else the nearest one) and the
    /// stored phase nearest to where `time` falls in it. Nil when no recognised element near
    /// `time` has an exemplar.
    public func match(time: Double, event: String, elements: [(name: String, start: Double, end: Double)]) -> Match? {
        func distance(_ e: (name: String, start: Double, end: Double)) -> Double {
            time < e.start ? e.start - time : (time > e.end ? time - e.end : 0)
        }
        let candidates = elements.filter { e in entries.contains { $0.event == event && $0.element == e.name } }
        // Phases are stored up to half the element's span either side: farther moments have no match.
        guard let element = candidates.min(by: { (distance($0), $0.start) < (distance($1), $1.start) }),
              distance(element) <= 0.5 * (element.end - element.start) + 0.3,
              let index = entries.firstIndex(where: { $0.event == event && $0.element == element.name })
        else { return nil }
        let entry = entries[index]
        let phase = (time - element.start) / max(element.end - element.start, 1e-3)
        let k = entry.phases.indices.min { abs(entry.phases[$0] - phase) < abs(entry.phases[$1] - phase) }!
        return Match(entry: entry, picture: pictures[index][k], phase: entry.phases[k],
                     exemplarTime: entry.start + entry.phases[k] * (entry.end - entry.start))
    }

    // MARK: - Building

    /// The exemplar routine of each (event, element) among `annotations`: most execution points
    /// (fewest deductions), then highest score, then smallest id, so the choice is deterministic.
    public static func choose(from annotations: [Annotation]) -> [(event: String, element: String, routine: Annotation)] {
        var best: [String: (String, String, Annotation)] = [:]
        for a in annotations {
            for name in Set(a.elements.map(\.name)) {
                let key = "\(a.event)/\(name)"
                if let (_, _, b) = best[key] {
                    let better = a.execution != b.execution ? a.execution > b.execution : (a.score != b.score ? a.score > b.score : a.id < b.id)
                    if !better { continue }
                }
                best[key] = (a.event, name, a)
            }
        }
        return best.keys.sorted().map { best[$0]! }.map { (event: $0.0, element: $0.1, routine: $0.2) }
    }

    /// The square around an athlete a comparison shows: 1.5 × the box's longer side, inside
    /// the frame. `box` is (centre x, centre y, width, height) normalised to the frame; the result
    /// is (x, y, side) in pixels.
    public static func athleteSquare(box: (Double, Double, Double, Double), width: Int, height: Int) -> (x: Int, y: Int, side: Int) {
        let (w, h) = (Double(width), Double(height))
        var side = 1.5 * max(box.2 * w, box.3 * h)
        side = min(max(side, 0.25 * min(w, h)), min(w, h))
        let s = max(2, Int(side.rounded()) & ~1)
        let x = min(max(0, Int((box.0 * w - Double(s) / 2).rounded())), width - s)
        let y = min(max(0, Int((box.1 * h - Double(s) / 2).rounded())), height - s)
        return (x, y, s)
    }

    /// Side of the stored square pictures (pixels).
    public static let pictureSide = 112

    /// Decodes the pictures of every element's exemplar from the dataset's videos (first view):
    /// squares around the athlete (boxes from the feature cache, extracting features when
    /// missing). Exemplars come from the split `exemplars` when the dataset has one, else from
    /// `split`.
    public static func build(dataset: Dataset, cache: FeatureCache, split: String = "train", quality: Int = 6,
                             log: (String) -> Void = { _ in }) throws -> ExemplarGallery {
        var source = (try? dataset.routines(split: "exemplars")) ?? []
        if source.isEmpty { source = try dataset.routines(split: split) }
        var entries: [Entry] = []
        var pictures: [[JPEGPicture]] = []
        for (event, element, routine) in choose(from: source) {
            guard let view = routine.viewNames.first, let path = routine.videos[view],
                  let span = routine.elements.first(where: { $0.name == element })
            else { continue }
            let times = phases.map { max(0, min(routine.duration, span.start + $0 * (span.end - span.start))) }
            let video = dataset.folder.appendingPathComponent(path)
            let features = try cache.features(video: video).features
            let frames = try KeyframeGrabber.frames(video: video, times: times, shortSide: 360)
            guard frames.count == times.count, features.clipCount > 0 else {
                throw BatchError.input(file: video.path, reason: "could not decode the exemplar's frames")
            }
            let jpegs = try zip(times, frames).map { t, f -> JPEGPicture in
                let b = features.boxes[min(features.clipCount - 1, max(0, Int(t / features.clipDuration)))]
                let sq = athleteSquare(box: (Double(b.x), Double(b.y), Double(b.width), Double(b.height)), width: f.width, height: f.height)
                let source = f.rgb ?? [UInt8](repeating: 0, count: f.width * f.height * 3)
                var crop = [UInt8](); crop.reserveCapacity(sq.side * sq.side * 3)
                for y in sq.y..<(sq.y + sq.side) { crop += source[(3 * (y * f.width + sq.x))..<(3 * (y * f.width + sq.x + sq.side))] }
                let small = try RGBResizer.resize(crop, width: sq.side, height: sq.side, toWidth: pictureSide, toHeight: pictureSide)
                return try JPEGPicture(width: pictureSide, height: pictureSide, rgb: small, quality: quality)
            }
            entries.append(Entry(event: event, element: element, routine: routine.id, athlete: routine.athlete, score: routine.score,
                                 start: span.start, end: span.end, phases: phases, width: pictureSide, height: pictureSide))
            pictures.append(jpegs)
            log("exemplar of \(event)/\(element): \(routine.id) (score \(String(format: "%.2f", routine.score)))")
        }
        return ExemplarGallery(entries: entries, pictures: pictures)
    }

    // MARK: - The model file

    static func tensorName(_ entry: Int, _ phase: Int) -> String { "\(ModelFile.galleryTensorPrefix)\(entry).\(phase)" }

    /// The gallery stored in a model file, or nil when it has none.
    public static func read(model url: URL) throws -> ExemplarGallery? {
        let file = try Safetensors.read(contentsOf: url)
        guard let text = file.metadata[metadataKey] else { return nil }
        let entries: [Entry]
        do { entries = try JSONDecoder().decode([Entry].self, from: Data(text.utf8)) } catch {
            throw BatchError.configuration("\(url.path): the exemplar gallery's metadata is not valid (\(error))")
        }
        let pictures = try entries.enumerated().map { i, e in
            try e.phases.indices.map { k -> JPEGPicture in
                guard let t = file[tensorName(i, k)], t.dtype == .u8 else {
                    throw BatchError.configuration("\(url.path): exemplar picture '\(tensorName(i, k))' is missing")
                }
                return JPEGPicture(bytes: t.bytes, width: e.width, height: e.height)
            }
        }
        return ExemplarGallery(entries: entries, pictures: pictures)
    }

    /// Stores the gallery in the model file (replacing any earlier one), leaving the weights and
    /// the other metadata byte for byte as they were; the file is replaced atomically.
    public func attach(to url: URL) throws {
        let file = try Safetensors.read(contentsOf: url)
        var tensors: [(name: String, tensor: Tensor)] = []
        for t in file.tensors where !t.name.hasPrefix(ModelFile.galleryTensorPrefix) {
            guard t.dtype == .f32 else {
                throw BatchError.configuration("\(url.path): tensor '\(t.name)' is \(t.dtype.rawValue), only F32 models can take a gallery")
            }
            tensors.append((t.name, Tensor(shape: t.shape, data: t.values)))
        }
        var metadata = file.metadata
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        metadata[Self.metadataKey] = String(decoding: try encoder.encode(entries), as: UTF8.self)
        let bytes = entries.indices.flatMap { i in
            pictures[i].enumerated().map { k, p in Safetensors.ByteTensor(name: Self.tensorName(i, k), shape: [p.bytes.count], bytes: p.bytes) }
        }
        try Safetensors.write(tensors, byteTensors: bytes, metadata: metadata, to: url)
    }
}
