import Assessment
import Foundation
import Neural
import RoutineCore
import Testing
import TestSupport
@testable import Commentary

/// The learned generator on toy inputs: fixed random memories stand in for routines.
struct LearnedGeneratorTests {
    static func configuration() -> CommentaryConfiguration {
        var c = CommentaryConfiguration(width: 16)
        c.reasonerLayers = 1
        c.heads = 2
        c.sentenceWidth = 16
        c.wordWidth = 16
        c.hiddenSize = 32
        c.dropout = 0
        c.maximumLength = 40
        c.minimumWordCount = 1
        c.captionWeight = 1
        c.alignmentWeight = 1
        return c
    }

    static let captions: [String: CommentaryLabel] = [
        "r0": CommentaryLabel(paragraph: "Good legs. The knees bend at 0:04.2.",
                              keypoints: [.legsAndKnees: .init(strength: nil, weakness: "The knees bend.")]),
        "r1": CommentaryLabel(paragraph: "A clean routine. The feet are pointed.",
                              keypoints: [.feetAndHeels: .init(strength: "The feet are pointed.", weakness: nil)]),
        "r2": CommentaryLabel(paragraph: "The head drops at 0:01.5. The feet are pointed and the legs are straight.",
                              keypoints: [.headAndEyes: .init(strength: nil, weakness: "The head drops."),
                                          .feetAndHeels: .init(strength: "The feet are pointed.", weakness: nil)]),
    ]

    /// Per routine: memory [T, 16] and query features [4, 16], fixed random.
    static func inputs() -> [String: (memory: Tensor, queries: Tensor)] {
        let rng = RandomSource(seed: 3)
        var out: [String: (Tensor, Tensor)] = [:]
        for id in captions.keys.sorted() {
            out[id] = (Tensor.randomNormal([6 + id.count, 16], rng: rng), Tensor.randomNormal([4, 16], rng: rng))
        }
        return out
    }

    static func train(_ generator: CommentaryGenerator, steps: Int) {
        let data = inputs()
        let optimizer = AdamW(generator.module.parameterTensors, learningRate: 1e-2, weightDecay: 0)
        for _ in 0..<steps {
            optimizer.zeroGrad()
            for id in data.keys.sorted() {
                generator.loss(memory: data[id]!.memory, queryFeatures: data[id]!.queries, label: generator.labels[id]!, rng: nil).backward()
            }
            optimizer.step()
        }
    }

    @Test func overfitsToyCaptionsExactlyWithGreedyDecoding() throws {
        let generator = try CommentaryGenerator(configuration: Self.configuration(), training: Self.captions, rubric: nil)
        Self.train(generator, steps: 120)
        for (id, input) in Self.inputs() {
            let draft = generator.write(memory: input.memory, queryFeatures: input.queries, beamWidth: 1)
            #expect(draft.tokens == Vocabulary.tokens(Self.captions[id]!.paragraph), "\(id): \(draft.tokens)")
        }
        // Numbers are slots in the vocabulary, never words.
        #expect(generator.vocabulary.id("0:04.2") == nil && generator.vocabulary.id(Vocabulary.time) != nil)
    }

    @Test func beamSearchIsAtLeastAsLikelyAsGreedy() throws {
        let generator = try CommentaryGenerator(configuration: Self.configuration(), training: Self.captions, rubric: nil)
        Self.train(generator, steps: 12)  // undertrained: the next token is often uncertain
        let search = CaptionSearch(decoder: generator.network.decoder, vocabulary: generator.vocabulary, maximumLength: 40)
        let rng = RandomSource(seed: 9)
        var compared = 0, strictlyBetter = 0
        for _ in 0..<12 {
            let context = Graph.withoutGradients {
                generator.network.decoder.context(keypoints: generator.network.reasoner(Tensor.randomNormal([8, 16], rng: rng)),
                                                  queryFeatures: Tensor.randomNormal([4, 16], rng: rng))
            }
            let greedy = search.greedy(context)
            let beam = search.beam(context, width: 4, lengthPenaltyAlpha: 0)
            let perToken = search.beam(context, width: 4, lengthPenaltyAlpha: 1)
            if greedy.finished, perToken.finished {
                #expect(CaptionSearch.rankingScore(perToken, alpha: 1) >= CaptionSearch.rankingScore(greedy, alpha: 1) - 1e-6)
            }
            if greedy.finished {
                #expect(abs(greedy.logProbability - search.logProbability(context, of: greedy.ids)) < 1e-3)
            }
            if beam.finished { #expect(abs(beam.logProbability - search.logProbability(context, of: beam.ids)) < 1e-3) }
            guard greedy.finished, beam.finished else { continue }
            compared += 1
            #expect(beam.logProbability >= greedy.logProbability - 1e-6)
            if beam.logProbability > greedy.logProbability + 1e-6 { strictlyBetter += 1 }
        }
        #expect(compared >= 6)
        print("beam vs greedy: \(compared) compared, beam strictly more likely in \(strictlyBetter)")
    }

    @Test func alignmentLossUsesOnlyTheLabelledKeypoints() throws {
        let generator = try CommentaryGenerator(configuration: Self.configuration(), training: Self.captions, rubric: nil)
        let label = Self.captions["r2"]!  // head weakness, feet strength
        let keypoints = Tensor.randomNormal([14, 16], rng: RandomSource(seed: 1), requiresGrad: true)
        let loss = try #require(generator.alignmentLoss(keypoints: keypoints, label: label))
        // By hand: mean over the two labelled (dimension, aspect) rows of ‖ψ(f_kq) − f_kc‖₂.
        let psi = Graph.withoutGradients { generator.network.reasoner.psi(keypoints).rows }
        var expected = 0.0
        for (d, p, sentence) in [(BodyDimension.headAndEyes, Polarity.weakness, "The head drops."),
                                 (BodyDimension.feetAndHeels, Polarity.strength, "The feet are pointed.")] {
            let target = generator.sentenceEmbedding(sentence)
            let row = psi[KeypointReasoner.row(d, p)]
            expected += zip(row, target).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }.squareRoot() / 2
        }
        #expect(abs(Double(loss.scalar) - expected) < 1e-4)
        loss.backward()
        let grad = keypoints.gradient.rows
        let labelled: Set = [KeypointReasoner.row(.headAndEyes, .weakness), KeypointReasoner.row(.feetAndHeels, .strength)]
        for (r, g) in grad.enumerated() {
            #expect(labelled.contains(r) == g.contains { $0 != 0 }, "row \(r)")
        }
        #expect(generator.alignmentLoss(keypoints: keypoints, label: CommentaryLabel(paragraph: "x", keypoints: [:])) == nil)
    }

    @Test func savedGeneratorReadsBackIdentically() throws {
        let generator = try CommentaryGenerator(configuration: Self.configuration(), training: Self.captions, rubric: nil)
        Self.train(generator, steps: 3)
        generator.gate = CommentaryGate(learned: CommentaryScores(bleu1: 0.5, bleu4: 0.2, meteor: 0.3, rougeL: 0.4, ciderD: 1.2,
                                                                  mention: 0.9, agreement: 0.85, count: 3),
                                        minimumCiderD: 1.0, routines: "toy")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("commentary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = CommentaryModelFile.url(besideModel: dir.appendingPathComponent("model.safetensors"))
        #expect(url.lastPathComponent == "model.commentary.safetensors")
        try CommentaryModelFile.write(generator, featureVersion: "f1", to: url)
        let copy = try CommentaryModelFile.read(url, width: 16, featureVersion: "f1")
        #expect(copy.vocabulary == generator.vocabulary && copy.gate == generator.gate && copy.gate?.passed == true)
        for (a, b) in zip(copy.network.parameters(), generator.network.parameters()) { #expect(a.name == b.name && a.tensor.data == b.tensor.data) }
        let input = Self.inputs()["r0"]!
        #expect(copy.write(memory: input.memory, queryFeatures: input.queries).tokens
                == generator.write(memory: input.memory, queryFeatures: input.queries).tokens)
        let again = dir.appendingPathComponent("again.safetensors")
        try CommentaryModelFile.write(copy, featureVersion: "f1", to: again)
        #expect(try Data(contentsOf: again) == Data(contentsOf: url))
        #expect { try CommentaryModelFile.read(url, width: 32, featureVersion: "f1") } throws: { "\($0)".contains(url.path) && "\($0)".contains("width 16") }
        #expect { try CommentaryModelFile.read(url, width: 16, featureVersion: "f2") } throws: { "\($0)".contains("features 'f1'") }
    }

    /// "180 degrees" in the rubric's wording is a constant, not a count: it stays a word, where
    /// the filler used to put the number of predicted deductions in its place ("a little short
    /// of 2 degrees" in a demo report).
    @Test func aNumberOfTheRubricsWordingStaysAWord() throws {
        let rubric = try Fixtures.rubric("floor")
        let literals = Vocabulary.literalNumbers(in: rubric.wording)
        #expect(literals.contains("180"))
        let paragraph = "At 0:01.6, the split is a little short of 180 degrees."
        let vocabulary = Vocabulary(texts: [paragraph], literals: literals)
        let tokens = vocabulary.tokens(paragraph)
        #expect(tokens.contains("180") && tokens.contains(Vocabulary.time) && !tokens.contains(Vocabulary.count), "\(tokens)")
        #expect(Vocabulary.tokens(paragraph).contains(Vocabulary.count), "without the rubric's numbers a whole number is a count")
        let prediction = try Fixtures.prediction(rubric: rubric, penalties: [("short_split", 0.1, 1.6, 2.0), ("bent_knees", 0.3, 6.0, 6.4)])
        let filling = SlotFilling(rubric: rubric, lexicon: DimensionLexicon(rubric: rubric))
        #expect(filling.text(tokens, prediction: prediction) == paragraph)
        // Saved and read back, the vocabulary still reads the number as a word.
        let copy = try JSONDecoder().decode(Vocabulary.self, from: JSONEncoder().encode(vocabulary))
        #expect(copy.tokens(paragraph) == tokens && copy.literals == ["180"])
    }

    @Test func slotsAreFilledFromThePrediction() throws {
        let rubric = try Fixtures.rubric("floor")
        let prediction = try Fixtures.prediction(rubric: rubric, score: 8.7, penalties: [("head_down", 0.1, 1.0, 1.4), ("bent_knees", 0.3, 6.0, 6.4)])
        let filling = SlotFilling(rubric: rubric, lexicon: DimensionLexicon(rubric: rubric))
        let knees = rubric.penalty("bent_knees")!.weaknesses[0.3]![0]
        let tokens = Vocabulary.tokens("A score of 9.00 with 3 deductions. At 0:09.9, \(KeypointTable.lowerClause(knees)). The feet are pointed at 0:01.0.")
        #expect(tokens.contains(Vocabulary.time) && tokens.contains(Vocabulary.score) && tokens.contains(Vocabulary.count))
        let text = filling.text(tokens, prediction: prediction)
        #expect(text == "A score of 8.70 with 2 deductions. At 0:06.0, \(KeypointTable.lowerClause(knees)). The feet are pointed.", "\(text)")
        // A sentence worded as one item's fault takes that item's moment, not the dimension's first.
        let legs = try Fixtures.prediction(rubric: rubric, penalties: [("bent_knees", 0.3, 2.0, 2.4), ("legs_apart", 0.1, 5.0, 5.4)])
        let apart = rubric.penalty("legs_apart")!.weaknesses[0.1]![0]
        #expect(DimensionLexicon(rubric: rubric).mentions(in: apart).first?.item == "legs_apart")
        #expect(filling.text(Vocabulary.tokens("At 0:09.9, \(KeypointTable.lowerClause(apart))."), prediction: legs)
                == "At 0:05.0, \(KeypointTable.lowerClause(apart)).")
        // Cited moments are told in time order, whatever order the decoder wrote them in.
        let knees2 = rubric.penalty("bent_knees")!.weaknesses[0.3]![0]
        #expect(filling.text(Vocabulary.tokens("Good. At 0:09.9, \(KeypointTable.lowerClause(apart)). At 0:09.9, \(KeypointTable.lowerClause(knees2)). Advice: work."),
                             prediction: legs)
                == "Good. At 0:02.0, \(KeypointTable.lowerClause(knees2)). At 0:05.0, \(KeypointTable.lowerClause(apart)). Advice: work.")
        // A deduction flagged for review is cited as to be confirmed.
        let unsure = try Fixtures.prediction(rubric: rubric, score: 8.7, penalties: [("bent_knees", 0.3, 6.0, 6.4)], review: ["bent_knees"])
        #expect(filling.text(Vocabulary.tokens("At 0:09.9, \(KeypointTable.lowerClause(knees))."), prediction: unsure)
                == "At 0:06.0, \(KeypointTable.lowerClause(knees)) (to be confirmed).")
    }
}

/// Writing sentence by sentence under a check: refused sentences give way to the decoder's next
/// most likely ones.
struct CheckedSentenceSearchTests {
    @Test func refusedSentencesAreReplacedAndRepeatsAreNeverWritten() throws {
        let generator = try CommentaryGenerator(configuration: LearnedGeneratorTests.configuration(), training: LearnedGeneratorTests.captions, rubric: nil)
        LearnedGeneratorTests.train(generator, steps: 120)
        let input = LearnedGeneratorTests.inputs()["r2"]!
        let truth = Vocabulary.tokens(LearnedGeneratorTests.captions["r2"]!.paragraph)
        // Accepting everything writes what greedy decoding writes (the toy is learnt exactly).
        let free = generator.writeChecked(memory: input.memory, queryFeatures: input.queries, accept: { _, _ in true }, focus: { _ in nil })
        #expect(free.tokens == truth)
        // Refusing the head's sentence: the decoder writes another sentence in its place.
        var refused: [[String]] = []
        let noHead = generator.writeChecked(memory: input.memory, queryFeatures: input.queries, accept: { sentence, _ in
            if sentence.contains("head") { refused.append(sentence); return false }
            return true
        }, focus: { $0.firstIndex(of: "head") })
        #expect(!refused.isEmpty && !noHead.tokens.contains("head") && !noHead.tokens.isEmpty, "\(noHead.tokens)")
        // The paragraph so far reaches the check, and no sentence is written twice.
        var paragraphs: [[String]] = []
        let once = generator.writeChecked(memory: input.memory, queryFeatures: input.queries, accept: { _, paragraph in
            paragraphs.append(paragraph)
            return true
        }, focus: { _ in nil })
        #expect(paragraphs.contains([]) && paragraphs.contains { !$0.isEmpty })
        let sentences = CommentaryComposer.sentences(once.tokens)
        #expect(Set(sentences).count == sentences.count)
        // Refusing everything leaves nothing to say (the report then uses the grounded paragraph).
        #expect(generator.writeChecked(memory: input.memory, queryFeatures: input.queries, accept: { _, _ in false }, focus: { _ in nil }).tokens.isEmpty)
    }

    @Test func writingKeepsToTheTrainingSentences() throws {
        let generator = try CommentaryGenerator(configuration: LearnedGeneratorTests.configuration(), training: LearnedGeneratorTests.captions, rubric: nil)
        let bank = try #require(generator.sentenceBank)
        #expect(bank.sentences.contains(Vocabulary.tokens("The feet are pointed.")) && bank.sentences.count == 6)
        LearnedGeneratorTests.train(generator, steps: 40)  // undertrained: free decoding strays
        let rng = RandomSource(seed: 4)
        for _ in 0..<6 {
            let draft = generator.writeChecked(memory: Tensor.randomNormal([8, 16], rng: rng), queryFeatures: Tensor.randomNormal([4, 16], rng: rng),
                                               accept: { _, _ in true }, focus: { _ in nil })
            for sentence in CommentaryComposer.sentences(draft.tokens) { #expect(bank.sentences.contains(sentence), "\(sentence)") }
        }
        // Saved and read back with the generator.
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("m.commentary.safetensors")
        try CommentaryModelFile.write(generator, featureVersion: "f", to: url)
        #expect(try CommentaryModelFile.read(url, width: 16, featureVersion: "f").sentenceBank == bank)
    }

    @Test func aSentenceRepeatingItsOwnTrigramLoops() {
        #expect(CheckedSentenceSearch.loops([1, 2, 3, 4, 1, 2, 3, 5]))
        #expect(!CheckedSentenceSearch.loops([1, 2, 3, 4, 1, 2, 5, 3]))
        #expect(!CheckedSentenceSearch.loops([1, 2, 3, 1, 2]))
    }

    @Test func focusIsTheCitedBodyPartOrTheFirstContentWord() throws {
        let lexicon = DimensionLexicon(rubric: try Fixtures.rubric("floor"))
        #expect(CommentaryComposer.focus(of: Vocabulary.tokens("The gaze is steady."), lexicon: lexicon) == 1)
        #expect(CommentaryComposer.focus(of: Vocabulary.tokens("Good body tension."), lexicon: lexicon) == 0)
        let fault = Vocabulary.tokens("At 0:02.0, the knees bend a little.")
        #expect(CommentaryComposer.focus(of: fault, lexicon: lexicon) == fault.firstIndex(of: "knees"))
    }
}
