import ArgumentParser
import Assessment
import Batch
import Foundation
import RoutineCore

/// `routine evaluate DATASET --model M`.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a dataset split with a model and print ρ, R-ℓ2, MAE, penalty F1, localisation, element accuracy and interval coverage.")

    @OptionGroup var data: DatasetOptions
    @Option(help: "Model file.") var model: String
    @Option(help: "Split to evaluate; 'validation' is the training split's athletes the model's trainer held out (for comparing settings without the test split).")
    var split: String = "test"
    @Flag(help: "Print one JSON object instead of tables.") var json = false
    @Option(help: "Also write each routine's truth and prediction (score, difficulty, execution, penalties, commentary paragraphs) to this JSON Lines file.")
    var predictions: String?
    @Flag(inversion: .prefixedNo, help: "Also score the commentary (learned, grounded, retrieval) when the dataset has it.") var commentary = true

    func run() throws {
        try runConfigured {
            let trained = try ModelFile.read(URL(fileURLWithPath: model))
            let training = try data.load()
            try trained.requireTask(try training.task, modelFile: model)
            // The retrieval baseline draws from the routines the model was fitted on.
            var examples: [TrainingExample], train: [TrainingExample]?
            if split == ValidationAthletes.splitName {
                (train, examples) = ValidationAthletes.split(try data.examples(training, split: "train"), model: trained)
            } else {
                examples = try data.examples(training, split: split)
            }
            let predicted = try examples.map { try trained.predict($0.views) }
            let evaluation = Evaluation(predictions: predicted, targets: examples.map(\.targets), task: trained.task)
            var output = EvaluationOutput(evaluation: evaluation, commentary: nil)
            if commentary {
                let job = try CommentaryJob(data: training, templatesFolder: try TemplateLocator.templatesFolder(explicit: data.templates))
                let labels = job.labels
                if examples.contains(where: { labels[$0.id] != nil }) {
                    let fitted = try train ?? data.examples(training, split: "train")
                    output.commentary = try job.evaluate(model: trained, modelURL: URL(fileURLWithPath: model), train: fitted, test: examples)
                }
            }
            if let predictions {
                var routines = zip(examples, predicted).map { EvaluatedRoutine(example: $0, prediction: $1, task: trained.task) }
                for i in routines.indices { routines[i].commentary = output.commentary?.paragraphs[routines[i].id] }
                try AtomicFile.write(try EvaluatedRoutine.jsonLines(routines), to: URL(fileURLWithPath: predictions))
            }
            print(json ? try output.json : output.summary)
        }
    }
}
