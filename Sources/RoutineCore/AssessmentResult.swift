/// One routine's assessment as the batch writes it (`results.json`, one object per routine;
/// schema in docs/results.schema.json). No timestamps or timings: the same inputs and model
/// give the same bytes. Times are seconds from the start of the video; scores are points.
public struct AssessmentResult: Codable, Equatable, Sendable {
    public struct Penalty: Codable, Equatable, Sendable {
        public var item: String
        public var name: String
        public var dimension: BodyDimension
        public var deduction: Double
        public var probability: Double
        public var start: Double
        public var end: Double
        /// The model is unsure (probability near its threshold): a judge should confirm by eye.
        public var needsReview: Bool

        public init(item: String, name: String, dimension: BodyDimension, deduction: Double, probability: Double,
                    start: Double, end: Double, needsReview: Bool) {
            self.item = item
            self.name = name
            self.dimension = dimension
            self.deduction = deduction
            self.probability = probability
            self.start = start
            self.end = end
            self.needsReview = needsReview
        }
    }

    /// A recognised element and when it happened.
    public struct Element: Codable, Equatable, Sendable {
        public var name: String
        public var shape: String
        public var rotation: String
        public var halfRotations: Int
        public var start: Double
        public var end: Double
        public var confidence: Double

        public init(name: String, shape: String, rotation: String, halfRotations: Int, start: Double, end: Double, confidence: Double) {
            self.name = name
            self.shape = shape
            self.rotation = rotation
            self.halfRotations = halfRotations
            self.start = start
            self.end = end
            self.confidence = confidence
        }
    }

    /// One temporal query of the weight-score head: its share of the score and where it looked.
    public struct Segment: Codable, Equatable, Sendable {
        public var weight: Double
        public var score: Double
        public var contribution: Double
        public var start: Double
        public var end: Double

        public init(weight: Double, score: Double, contribution: Double, start: Double, end: Double) {
            self.weight = weight
            self.score = score
            self.contribution = contribution
            self.start = start
            self.end = end
        }
    }

    public typealias Keypoint = KeypointComment

    public struct CommentaryText: Codable, Equatable, Sendable {
        /// "learned" or "grounded".
        public var source: String
        public var paragraph: String
        public var keypoints: [String: Keypoint]

        public init(source: String, paragraph: String, keypoints: [String: Keypoint]) {
            self.source = source
            self.paragraph = paragraph
            self.keypoints = keypoints
        }
    }

    public var id: String
    /// The output name (files `NAME.pdf`, `NAME/`).
    public var name: String
    public var athlete: String
    public var club: String?
    public var event: String
    public var level: Int?
    public var date: String?
    /// Views used, and the videos (paths relative to the videos folder).
    public var views: [String]
    public var videos: [String]
    public var poseUsed: Bool
    /// Views that were expected but could not be used, with the reason.
    public var viewProblems: [String]
    /// Views whose duration differed from the first view's: the shift found by
    /// cross-correlating their motion and applied before fusing (absent when none was needed).
    public var viewOffsets: [ViewOffset]?

    /// How far a view was shifted to line up with the first view.
    public struct ViewOffset: Codable, Equatable, Sendable {
        public var view: String
        /// Seconds skipped at the start of this view (negative: at the start of the first view).
        public var seconds: Double
        /// Normalised correlation of the two views' motion energy at that shift.
        public var correlation: Double
        public init(view: String, seconds: Double, correlation: Double) {
            self.view = view
            self.seconds = seconds
            self.correlation = correlation
        }
    }

    public var score: Double
    public var scoreLow: Double
    public var scoreHigh: Double
    public var baseScore: Double
    public var execution: Double
    public var difficulty: Double
    public var deductions: Double
    /// Rank within the routines of the same event and level in this run (1 = best).
    public var rank: Int?
    /// Curriculum levels: whether the score reaches the rubric's pass mark.
    public var passed: Bool?
    public var passMark: Double?
    public var ledgerDisagreement: Double

    public var penalties: [Penalty]
    public var elements: [Element]
    public var segments: [Segment]
    public var commentary: CommentaryText?
    public var exemplars: [String]
    public var rubric: String
    public var model: String
    public var featureVersion: String

    public init(
        id: String, name: String, athlete: String, club: String?, event: String, level: Int?, date: String?, views: [String],
        videos: [String], poseUsed: Bool, viewProblems: [String] = [], score: Double, scoreLow: Double, scoreHigh: Double,
        baseScore: Double, execution: Double, difficulty: Double, deductions: Double, rank: Int? = nil, passed: Bool? = nil,
        passMark: Double? = nil, ledgerDisagreement: Double, penalties: [Penalty], elements: [Element], segments: [Segment],
        commentary: CommentaryText?, exemplars: [String], rubric: String, model: String, featureVersion: String
    ) {
        self.id = id
        self.name = name
        self.athlete = athlete
        self.club = club
        self.event = event
        self.level = level
        self.date = date
        self.views = views
        self.videos = videos
        self.poseUsed = poseUsed
        self.viewProblems = viewProblems
        self.score = score
        self.scoreLow = scoreLow
        self.scoreHigh = scoreHigh
        self.baseScore = baseScore
        self.execution = execution
        self.difficulty = difficulty
        self.deductions = deductions
        self.rank = rank
        self.passed = passed
        self.passMark = passMark
        self.ledgerDisagreement = ledgerDisagreement
        self.penalties = penalties
        self.elements = elements
        self.segments = segments
        self.commentary = commentary
        self.exemplars = exemplars
        self.rubric = rubric
        self.model = model
        self.featureVersion = featureVersion
    }

    /// Ranks routines within each (event, level) group by score, ties sharing a rank
    /// (competition ranking "1, 2, 2, 4"); returns them sorted by event, level, rank, athlete, id.
    public static func ranked(_ results: [AssessmentResult]) -> [AssessmentResult] {
        var out: [AssessmentResult] = []
        let groups = Dictionary(grouping: results) { "\($0.event)\u{0}\($0.level ?? 0)" }
        for key in groups.keys.sorted() {
            let sorted = groups[key]!.sorted {
                $0.score != $1.score ? $0.score > $1.score : ($0.athlete, $0.id) < ($1.athlete, $1.id)
            }
            for (i, var r) in sorted.enumerated() {
                r.rank = i > 0 && sorted[i - 1].score == r.score ? out.last!.rank : i + 1
                out.append(r)
            }
        }
        return out
    }
}
