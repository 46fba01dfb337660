import Foundation

/// One labelled routine of a dataset (a line of `annotations.jsonl`, DESIGN.md §Files; JSON
/// Schema in docs/dataset.schema.json). Times are seconds from the start of the video, scores
/// points. `synth` writes these; users label their own videos the same way.
public struct Annotation: Codable, Equatable, Sendable {
    public struct Element: Codable, Equatable, Sendable {
        public var name: String
        public var start: Double
        public var end: Double
        public var shape: String
        public var rotation: String
        public var halfRotations: Int

        public init(name: String, start: Double, end: Double, shape: String, rotation: String, halfRotations: Int) {
            self.name = name
            self.start = start
            self.end = end
            self.shape = shape
            self.rotation = rotation
            self.halfRotations = halfRotations
        }
    }

    public struct Penalty: Codable, Equatable, Sendable {
        public var item: String
        public var deduction: Double
        public var start: Double
        public var end: Double
        /// For counted faults (landing steps): how many.
        public var count: Int?

        public init(item: String, deduction: Double, start: Double, end: Double, count: Int? = nil) {
            self.item = item
            self.deduction = deduction
            self.start = start
            self.end = end
            self.count = count
        }
    }

    public typealias Keypoint = KeypointComment

    public struct Commentary: Codable, Equatable, Sendable {
        public var paragraph: String
        /// Keyed by dimension id (`legs_knees`, …).
        public var keypoints: [String: Keypoint]

        public init(paragraph: String, keypoints: [String: Keypoint]) {
            self.paragraph = paragraph
            self.keypoints = keypoints
        }
    }

    public var id: String
    /// Video path per view, relative to the dataset folder.
    public var videos: [String: String]
    public var athlete: String
    public var club: String?
    public var event: String
    public var level: Int
    public var elements: [Element]
    public var difficulty: Double
    public var execution: Double
    public var score: Double
    public var penalties: [Penalty]
    public var commentary: Commentary?
    /// Pose file per view, relative to the dataset folder.
    public var pose: [String: String]?
    public var duration: Double
    public var fps: Double

    public init(id: String, videos: [String: String], athlete: String, club: String?, event: String, level: Int, elements: [Element],
                difficulty: Double, execution: Double, score: Double, penalties: [Penalty], commentary: Commentary?,
                pose: [String: String]?, duration: Double, fps: Double) {
        self.id = id
        self.videos = videos
        self.athlete = athlete
        self.club = club
        self.event = event
        self.level = level
        self.elements = elements
        self.difficulty = difficulty
        self.execution = execution
        self.score = score
        self.penalties = penalties
        self.commentary = commentary
        self.pose = pose
        self.duration = duration
        self.fps = fps
    }

    /// Views in a fixed order (alphabetical), so multi-view tokens line up across routines.
    public var viewNames: [String] { videos.keys.sorted() }

    /// Checks times and labels; `rubric` (when given) must know the items and elements.
    /// `place` names the file and line in the error.
    public func validate(rubric: Rubric?, place: String) throws {
        func fail(_ reason: String) -> RoutineCoreError { RoutineCoreError(file: place, reason: "routine '\(id)': \(reason)") }
        guard !videos.isEmpty else { throw fail("no video") }
        guard duration > 0 else { throw fail("duration must be positive") }
        guard (1...4).contains(level) else { throw fail("level \(level) is not 1–4") }
        let slack = 1e-6
        for e in elements {
            guard e.start >= -slack, e.end <= duration + slack, e.start <= e.end else {
                throw fail("element '\(e.name)' span \(e.start)–\(e.end) s is not inside the video (0–\(duration) s)")
            }
        }
        for p in penalties {
            guard p.start >= -slack, p.end <= duration + slack, p.start <= p.end else {
                throw fail("penalty '\(p.item)' span \(p.start)–\(p.end) s is not inside the video (0–\(duration) s)")
            }
            guard Rubric.allowedDeductions.contains(where: { abs($0 - p.deduction) < 1e-9 }) else {
                throw fail("penalty '\(p.item)': deduction \(p.deduction) is not one of 0.1, 0.3, 0.5, 1.0")
            }
        }
        if let rubric {
            for p in penalties {
                guard let item = rubric.penalty(p.item) else { throw fail("penalty item '\(p.item)' is not in rubric '\(rubric.id)'") }
                guard item.deductions.contains(where: { abs($0 - p.deduction) < 1e-9 }) else {
                    throw fail("penalty '\(p.item)': deduction \(p.deduction) is not allowed by rubric '\(rubric.id)'")
                }
            }
            for e in elements where rubric.element(e.name) == nil {
                throw fail("element '\(e.name)' is not in rubric '\(rubric.id)'")
            }
        }
        if let c = commentary {
            for key in c.keypoints.keys where BodyDimension(rawValue: key) == nil { throw fail("commentary: unknown dimension '\(key)'") }
        }
    }
}
