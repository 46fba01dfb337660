import Assessment
import Features
import Foundation

/// The modality rows of `routine train --ablation` on a dataset with several views and pose
/// files, like LucidAction Table 3: single view; several views as extra samples (batch) or
/// concatenated after the decoder; the concatenation model tested on one view (duplicated);
/// pose only (the RGB tokens blanked); RGB + pose (dual stream). Every row trains on the same
/// training routines with the same seed and is scored on the same test routines.
public struct ModalityAblation {
    public enum Variant: String, CaseIterable, Sendable {
        case singleView = "single view (RGB)"
        case batch = "multi-view, views as extra samples (batch)"
        case concatenation = "multi-view, concatenation after the decoder"
        case singleViewTest = "multi-view concat model, single-view test"
        case poseOnly = "pose only"
        case rgbPose = "RGB + pose (dual stream)"
    }

    public var data: TrainingData
    public var views: [String]
    public var configuration: ModelConfiguration
    public var task: ScoringTask
    public var options: Trainer.Options
    public var jobs: Int

    /// `views`: the views every routine has, the first being the single view.
    public init(data: TrainingData, views: [String], configuration: ModelConfiguration, task: ScoringTask, options: Trainer.Options, jobs: Int) {
        self.data = data
        self.views = views
        self.configuration = configuration
        self.task = task
        // One network per row, as in the component ablation.
        self.options = options
        self.options.members = 1
        self.jobs = jobs
    }

    /// The views every routine of the dataset has (nil when some routine has only one).
    public static func commonViews(_ data: TrainingData) -> [String]? {
        var common: [String]?
        for a in data.dataset.annotations {
            let names = a.viewNames
            common = common.map { c in c.filter(names.contains) } ?? names
        }
        guard let c = common, c.count > 1 else { return nil }
        return c
    }

    /// Whether every routine has a pose file for `view`.
    public static func hasPose(_ data: TrainingData, view: String) -> Bool {
        data.dataset.annotations.allSatisfy { $0.pose?[view] != nil }
    }

    /// Trains and scores every variant (pose rows only when `withPose`).
    public func run(withPose: Bool, log: (String) -> Void) throws -> [Ablation.Row] {
        let single = [views[0]]
        func examples(_ split: String, _ v: [String], pose: Bool) throws -> [TrainingExample] {
            try data.examples(split: split, views: v, usePose: pose, jobs: jobs)
        }
        func blankRGB(_ e: [TrainingExample]) -> [TrainingExample] {
            e.map { ex in
                var ex = ex
                ex.views = ex.views.map { v in
                    ClipTokens(clipCount: v.clipCount, cellCount: v.cellCount, width: v.width,
                               values: [Float](repeating: 0, count: v.values.count), pose: v.pose, poseWidth: v.poseWidth)
                }
                return ex
            }
        }
        var rows: [Ablation.Row] = []
        func row(_ variant: Variant, _ c: ModelConfiguration, train: [TrainingExample], test: [TrainingExample]) throws -> TrainedModel {
            let started = Date()
            let model = try Trainer(configuration: c, task: task, options: options, featureVersion: FeatureExtractor.version).train(train) { r in
                if r.isBest || r.epoch % 10 == 0 { log("[\(variant.rawValue)] " + TrainingJob.describe(r, epochs: options.epochs)) }
            }
            try score(variant, model, test: test, started: started)
            return model
        }
        func score(_ variant: Variant, _ model: TrainedModel, test: [TrainingExample], started: Date) throws {
            let predictions = try test.map { try model.predict($0.views) }
            rows.append(Ablation.Row(variant: variant.rawValue, evaluation: Evaluation(predictions: predictions, targets: test.map(\.targets), task: task),
                                     seconds: Date().timeIntervalSince(started)))
        }
        var c = configuration
        c.poseWidth = 0
        c.views = 1
        c.viewFusion = .single
        _ = try row(.singleView, c, train: try examples("train", single, pose: false), test: try examples("test", single, pose: false))
        let trainAll = try examples("train", views, pose: false), testAll = try examples("test", views, pose: false)
        c.views = views.count
        c.viewFusion = .batch
        _ = try row(.batch, c, train: trainAll, test: testAll)
        c.viewFusion = .concatenation
        let concat = try row(.concatenation, c, train: trainAll, test: testAll)
        try score(.singleViewTest, concat, test: try examples("test", single, pose: false), started: Date())
        if withPose {
            var p = configuration
            p.views = 1
            p.viewFusion = .single
            p.poseWidth = PoseStream.width
            let trainPose = try examples("train", single, pose: true), testPose = try examples("test", single, pose: true)
            _ = try row(.poseOnly, p, train: blankRGB(trainPose), test: blankRGB(testPose))
            _ = try row(.rgbPose, p, train: trainPose, test: testPose)
        }
        return rows
    }
}
