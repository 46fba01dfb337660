import Assessment
import Commentary
import Foundation
import RoutineCore
import Testing
import TestSupport
@testable import Batch

@Suite("Commentary in train, evaluate and report")
struct CommentaryJobTests {
    @Test func evaluationScoresThreeGeneratorsAndNoReportParagraphContradictsThePenalties() throws {
        let data = Fixture.shared.data
        let model = try ModelFile.read(Fixture.shared.model)
        let job = try CommentaryJob(data: data, templatesFolder: Fixture.templates)
        let examples = try data.examples(split: "train") + data.examples(split: "test")
        let labelled = examples.filter { job.labels[$0.id] != nil }
        #expect(labelled.count == examples.count && !examples.isEmpty)
        let e = try job.evaluate(model: model, modelURL: Fixture.shared.model, train: examples, test: examples)
        let learned = try #require(e.learned, "the decoder written beside the model is found")
        #expect(learned.count == labelled.count && e.grounded.count == labelled.count && e.retrieval.count == labelled.count)
        #expect(e.reportContradictions == 0)
        // The learned paragraphs themselves, written under the consistency check, never contradict.
        #expect(e.learnedContradictions == 0)
        // Retrieval from the same routines returns each routine's own paragraph: a perfect copy.
        #expect(e.retrieval.bleu1 > 0.99)
        let json = try EvaluationOutput(evaluation: Evaluation(predictions: [], targets: [], task: model.task), commentary: e).json
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let commentary = try #require(object["commentary"] as? [String: Any])
        for row in ["learned", "grounded", "retrieval"] {
            let scores = try #require(commentary[row] as? [String: Any])
            #expect(Set(scores.keys).isSuperset(of: ["bleu1", "bleu4", "meteor", "rouge_l", "cider_d", "mention", "agreement"]))
        }
        #expect(object["spearman"] != nil && object["penalty_micro_f1"] != nil)
    }

    @Test func aDecoderOfAnotherModelIsRefusedBeforeAnyWork() throws {
        let dir = try TemporaryDirectory()
        let (videos, model) = try Fixture.copy(to: dir.url)
        let commentary = CommentaryModelFile.url(besideModel: model)
        try Data("not safetensors".utf8).write(to: commentary)
        var options = ReportJob.Options(videos: videos, out: dir.url.appendingPathComponent("out"), model: model)
        options.templates = Fixture.templates
        #expect {
            _ = try ReportJob(options: options).run()
        } throws: { error in
            guard let e = error as? BatchError else { return false }
            return e.exitStatus == 2 && e.description.contains(commentary.lastPathComponent) && !e.description.contains("\n")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("out/results.json").path))
    }
}
