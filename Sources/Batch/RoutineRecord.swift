import Foundation
import RoutineCore

/// What the batch keeps per routine (`OUT/.results/NAME.json`): the result that goes into
/// results.json, and what the PDF needs besides it (attention maps, keyframe moments), so
/// pages can be drawn again with the final ranks without re-running the model.
public struct RoutineRecord: Codable, Sendable {
    public struct KeyframeInfo: Codable, Sendable {
        public var time: Double
        public var file: String
        public var box: [Double]?
        public var highlighted: Bool
        /// The model's spatial attention over the clip's G cells (row-major over the grid on
        /// the athlete-centred crop), kept for the keyframes at penalty moments.
        public var spatial: [Double]?
        /// The athlete's 17 COCO joints from the pose file (x, y normalised to the frame; −1 when
        /// invisible), when the routine has one.
        public var skeleton: [Double]?
        /// The same moment from the routine's other views (PNG files beside `file`).
        public var otherViews: [String]?
        /// At a penalty moment, when the model has an exemplar gallery: the exemplar at the same
        /// phase of the same element.
        public var exemplar: ExemplarInfo?
    }

    /// The exemplar picture shown beside a keyframe, and what it shows.
    public struct ExemplarInfo: Codable, Sendable {
        /// PNG beside the keyframe.
        public var file: String
        /// The square around the athlete in the keyframe, normalised (x, y, width, height).
        public var crop: [Double]
        public var element: String
        /// Where in the element the moment falls (fraction of its span; < 0 before, > 1 after).
        public var phase: Double
        public var routine: String
        public var athlete: String
        public var score: Double
        public var time: Double
    }

    public var result: AssessmentResult
    public var duration: Double
    /// Seconds per clip (the cross-attention's columns); absent in records of report 0.5.
    public var clipDuration: Double?
    public var crossAttention: [[Float]]
    public var selfAttention: [[Float]]
    public var keyframes: [KeyframeInfo]
}
