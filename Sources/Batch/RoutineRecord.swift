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
    }

    public var result: AssessmentResult
    public var duration: Double
    public var crossAttention: [[Float]]
    public var selfAttention: [[Float]]
    public var keyframes: [KeyframeInfo]
}
