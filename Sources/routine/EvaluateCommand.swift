import ArgumentParser
import Assessment
import Batch
import Foundation

/// `routine evaluate DATASET --model M`.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a dataset split with a model and print ρ, R-ℓ2, MAE, penalty F1, localisation, element accuracy and interval coverage.")

    @OptionGroup var data: DatasetOptions
    @Option(help: "Model file.") var model: String
    @Option(help: "Split to evaluate.") var split: String = "test"
    @Flag(help: "Print one JSON object instead of tables.") var json = false

    func run() throws {
        try runConfigured {
            let trained = try ModelFile.read(URL(fileURLWithPath: model))
            let training = try data.load()
            try trained.requireTask(try training.task, modelFile: model)
            let examples = try data.examples(training, split: split)
            let predictions = try examples.map { try trained.predict($0.views) }
            let evaluation = Evaluation(predictions: predictions, targets: examples.map(\.targets), task: trained.task)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                print(String(decoding: try encoder.encode(evaluation), as: UTF8.self))
            } else {
                print(evaluation.summary)
            }
        }
    }
}
