import ArgumentParser
import Assessment
import Batch
import Features
import Foundation
import RoutineCore

/// `routine train DATASET --out model.safetensors`.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the assessment model on a dataset's training split and write it as one safetensors file.",
        discussion: "Athletes of the training split are held out for validation (early stopping, interval calibration); the test split is never seen.")

    @OptionGroup var data: DatasetOptions
    @Option(help: "Model file to write.") var out: String
    @Option(help: "Training epochs (at most; early stopping on validation ρ).") var epochs: Int = 60
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Epochs without a better validation figure before stopping early (0: never stop early).") var patience: Int = 12
    @Option(help: "Epochs whose validation figures are averaged to judge the middle one, for keeping and stopping (odd; 1: each epoch alone).")
    var selectionWindow: Int = 3
    @Option(help: "Learning rate.") var learningRate: Float = 1e-3
    @Flag(help: "Curriculum training: levels enter in order (LucidAction §4.3).") var curriculum = false
    @Option(help: "Contrastive regression against K exemplars (0: direct regression).") var exemplars: Int = 0
    @Option(help: "View fusion: single, batch or concatenation.") var fusion: String = "single"
    @Option(name: .customLong("attention-kl"), help: "Direction of the attention loss's KL: paper or code.") var attentionKL: String = "paper"
    @Flag(inversion: .prefixedNo, help: "Train the commentary decoder jointly when the dataset has commentary (written beside the model as MODEL.commentary.safetensors).")
    var commentary = true
    @Flag(inversion: .prefixedNo, help: "Let the commentary losses train the assessment model's encoder too (MTL-AQA's joint training); with --no-commentary-shapes-encoder the decoder reads the memory without shaping it.")
    var commentaryShapesEncoder = true
    @Option(help: "Epochs of the commentary decoder alone on the trained model after the joint run, stopping when its validation caption loss stops falling (0: none).")
    var captionEpochs: Int = 40
    @Flag(inversion: .prefixedNo, help: "Store pictures of each element's exemplar in the model, for the reports' side-by-side comparison.")
    var exemplarPictures = true
    @Option(help: "Networks in the ensemble, each trained on the same split from its own initialisation; their penalty and deduction logits are averaged and their score heads give the interval (1: one network).")
    var members: Int = 1
    @Flag(help: "Learn to predict the pose files from the video as a training target (the encoder learns where the joints are); the model reads no pose file at inference.")
    var poseTarget = false
    @Flag(help: "Also train the baselines on the same split and seed and print the ablation table on the test split.") var ablation = false

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
        guard patience >= 0 else { throw ValidationError("--patience must be ≥ 0") }
        guard selectionWindow >= 1, selectionWindow % 2 == 1 else { throw ValidationError("--selection-window must be an odd number ≥ 1") }
        guard exemplars >= 0 else { throw ValidationError("--exemplars must be ≥ 0") }
        guard !(poseTarget && data.pose) else { throw ValidationError("--pose and --pose-target do not combine: with --pose the network reads the pose files, there is nothing left to predict") }
        guard members >= 1 else { throw ValidationError("--members must be at least 1") }
        guard members == 1 || exemplars == 0 else { throw ValidationError("--members and --exemplars do not combine: the exemplar heads compare one network's queries") }
        guard ModelConfiguration.ViewFusion(rawValue: fusion) != nil else { throw ValidationError("--fusion must be single, batch or concatenation") }
        guard ModelConfiguration.AttentionLossDirection(rawValue: attentionKL) != nil else { throw ValidationError("--attention-kl must be paper or code") }
    }

    func run() throws {
        try runConfigured {
            let training = try data.load()
            let task = try training.task
            let extractor = training.cache.extractor
            let train = try data.examples(training, split: "train", withPose: poseTarget)
            var config = ModelConfiguration(tokenWidth: extractor.tokenWidth, cellCount: extractor.cellCount)
            config.clipDuration = extractor.options.clipDuration
            config.poseWidth = data.pose ? PoseStream.width : 0
            if poseTarget { config.poseTargetWidth = PoseStream.width }
            config.exemplars = exemplars
            config.viewFusion = ModelConfiguration.ViewFusion(rawValue: fusion)!
            config.views = train.map(\.views.count).max() ?? 1
            config.attentionLossDirection = ModelConfiguration.AttentionLossDirection(rawValue: attentionKL)!
            var options = Trainer.Options()
            options.epochs = epochs
            options.seed = seed
            options.patience = patience
            options.selectionWindow = selectionWindow
            options.curriculum = curriculum
            options.learningRate = learningRate
            options.members = members
            var job = TrainingJob(configuration: config, task: task, options: options, featureVersion: FeatureExtractor.version)
            if commentary {
                job.commentary = try CommentaryJob(data: training, templatesFolder: try TemplateLocator.templatesFolder(explicit: data.templates))
                job.commentary?.shapesEncoder = commentaryShapesEncoder
                job.commentary?.refinement.epochs = captionEpochs
            }
            let log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
            _ = try job.train(train, modelURL: URL(fileURLWithPath: out), log: log)
            if exemplarPictures { try ExemplarsCommand.attach(training.dataset, cache: training.cache, model: URL(fileURLWithPath: out), log: log) }
            if ablation {
                let test = try data.examples(training, split: "test")
                let rows = try job.ablation(train: train, test: test, log: log)
                print(Ablation.table(rows))
                // Several views (and pose files): the modality rows of LucidAction Table 3.
                // --views orders them (the first is the single view); else every view all routines have.
                if let views = (data.viewList.flatMap { $0.count > 1 ? $0 : nil } ?? ModalityAblation.commonViews(training)) {
                    let modalities = ModalityAblation(data: training, views: views, configuration: config, task: task, options: options, jobs: data.jobs)
                    let withPose = ModalityAblation.hasPose(training, view: views[0])
                    log("modality ablation: views \(views.joined(separator: ", ")) (single view: \(views[0]))\(withPose ? ", with pose" : ", no pose files")")
                    print("\nModalities (LucidAction Table 3): single view = \(views[0]); views \(views.joined(separator: " + "))")
                    print(Ablation.table(try modalities.run(withPose: withPose, log: log)))
                }
            }
        }
    }
}
