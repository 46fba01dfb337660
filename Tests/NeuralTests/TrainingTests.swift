import Testing
@testable import Neural

@Suite("Training sanity")
struct TrainingTests {
    @Test func mlpFitsXOR() {
        let rng = RandomSource(seed: 11)
        let mlp = MLP([2, 8, 1], activation: .tanh, rng: rng)
        let x = Tensor(shape: [4, 2], data: [0, 0, 0, 1, 1, 0, 1, 1])
        let y = Tensor(shape: [4, 1], data: [0, 1, 1, 0])
        let optimizer = AdamW(mlp.parameterTensors, learningRate: 0.05, weightDecay: 0)
        var loss: Float = .infinity
        for _ in 0..<400 {
            optimizer.zeroGrad()
            let l = Loss.binaryCrossEntropyWithLogits(mlp(x), targets: y)
            l.backward()
            optimizer.step()
            loss = l.scalar
        }
        let predictions = Graph.withoutGradients { mlp(x).data.map { $0 > 0 ? Float(1) : 0 } }
        #expect(predictions == y.data, "XOR predictions \(predictions), final loss \(loss)")
        #expect(loss < 0.05, "final loss \(loss)")
    }

    /// A batch of sequences of T distinct levels; the label is the position of the largest.
    /// Tokens are [B, T, 1 + T]: the value and a one-hot position.
    static func argmaxBatch(_ batch: Int, length: Int, rng: RandomSource) -> (tokens: Tensor, labels: [Int]) {
        var tokens = [Float](), labels = [Int]()
        for _ in 0..<batch {
            let levels = rng.permutation(length)
            labels.append(levels.firstIndex(of: length - 1)!)
            for (position, level) in levels.enumerated() {
                tokens.append(Float(level) / Float(length - 1))
                tokens += (0..<length).map { $0 == position ? 1 : 0 }
            }
        }
        return (Tensor(shape: [batch, length, 1 + length], data: tokens), labels)
    }

    /// One learnable query cross-attends over the tokens and a linear head names a position.
    final class ArgmaxModel: Module {
        let embed: Linear, decoder: TransformerDecoderLayer, head: Linear, query: Tensor
        init(length: Int, width: Int, activation: Activation = .relu, rng: RandomSource) {
            embed = Linear(1 + length, width, rng: rng)
            decoder = TransformerDecoderLayer(width: width, heads: 2, feedForwardWidth: 2 * width, activation: activation, rng: rng)
            head = Linear(width, length, rng: rng)
            query = .randomNormal([1, width], rng: rng, requiresGrad: true)
        }
        // tokens [B, T, 1 + T] → logits [B, T]
        func callAsFunction(_ tokens: Tensor) -> Tensor {
            let batch = tokens.shape[0]
            let memory = embed(tokens)  // [B, T, d]
            let queries = Tensor.zeros([batch, 1, query.shape[1]]) + query  // [B, 1, d]
            let out = decoder(queries, memory: memory).output  // [B, 1, d]
            return head(out.reshaped([batch, -1]))  // [B, T]
        }
        func parameters() -> [NamedParameter] {
            embed.parameters(prefixedBy: "embed") + decoder.parameters(prefixedBy: "decoder")
                + head.parameters(prefixedBy: "head") + [("query", query)]
        }
    }

    @Test func decoderLearnsToCopyTheArgmaxPosition() {
        let length = 6
        let rng = RandomSource(seed: 21)
        let model = ArgmaxModel(length: length, width: 16, rng: rng)
        let optimizer = AdamW(model.parameterTensors, learningRate: 2e-2, weightDecay: 0)
        let schedule = LearningRateSchedule(peak: 2e-2, warmupSteps: 20, totalSteps: 800, decay: .cosine)
        for step in 0..<800 {
            let (tokens, labels) = Self.argmaxBatch(32, length: length, rng: rng)
            schedule.apply(to: optimizer, step: step)
            optimizer.zeroGrad()
            Loss.crossEntropy(model(tokens), targets: labels).backward()
            clipGradientNorm(optimizer.parameters, maxNorm: 1)
            optimizer.step()
        }
        let (tokens, labels) = Self.argmaxBatch(200, length: length, rng: RandomSource(seed: 99))
        let logits = Graph.withoutGradients { model(tokens) }
        let predicted = logits.rows.map { row in row.indices.max { row[$0] < row[$1] }! }
        let accuracy = Float(zip(predicted, labels).filter { $0 == $1 }.count) / Float(labels.count)
        #expect(accuracy >= 0.9, "held-out accuracy \(accuracy) (chance \(1 / Float(length)))")
    }

    @Test func lossDecreasesMonotonicallyOnAFixedBatch() {
        // Plain gradient descent with a small step on smooth models must lower the loss every step.
        let rng = RandomSource(seed: 31)
        let mlp = MLP([3, 16, 2], activation: .gelu, rng: rng)
        let x = Tensor.randomNormal([8, 3], rng: rng), y = Tensor.randomNormal([8, 2], rng: rng)
        let sgd = SGD(mlp.parameterTensors, learningRate: 0.05)
        var losses: [Float] = []
        for _ in 0..<40 {
            sgd.zeroGrad()
            let l = Loss.mse(mlp(x), y)
            l.backward()
            sgd.step()
            losses.append(l.scalar)
        }
        #expect(zip(losses, losses.dropFirst()).allSatisfy { $1 < $0 }, "MLP losses \(losses)")

        let model = ArgmaxModel(length: 5, width: 8, activation: .gelu, rng: rng)
        let (tokens, labels) = Self.argmaxBatch(16, length: 5, rng: rng)
        let descent = SGD(model.parameterTensors, learningRate: 0.05)
        var decoderLosses: [Float] = []
        for _ in 0..<30 {
            descent.zeroGrad()
            let l = Loss.crossEntropy(model(tokens), targets: labels)
            l.backward()
            descent.step()
            decoderLosses.append(l.scalar)
        }
        #expect(zip(decoderLosses, decoderLosses.dropFirst()).allSatisfy { $1 < $0 }, "decoder losses \(decoderLosses)")
        #expect(decoderLosses.last! < decoderLosses.first!)
    }

    @Test func trainingIsDeterministic() {
        func train() -> [[Float]] {
            let rng = RandomSource(seed: 41)
            let model = ArgmaxModel(length: 4, width: 8, rng: rng)
            let optimizer = AdamW(model.parameterTensors, learningRate: 1e-2)
            for _ in 0..<5 {
                let (tokens, labels) = Self.argmaxBatch(8, length: 4, rng: rng)
                optimizer.zeroGrad()
                Loss.crossEntropy(model(tokens), targets: labels).backward()
                optimizer.step()
            }
            return model.parameterTensors.map(\.data)
        }
        #expect(train() == train())
    }
}
