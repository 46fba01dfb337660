// NeuralBench: the engine's matmul against raw cblas_sgemm on the model's shapes, and the time of
// one forward + backward pass of the temporal decoder. Run with
// `swift run -c release NeuralBench` (part of `make bench`).
import COpenBLAS
import Foundation
import Neural

/// Seconds per call of each body: every round times each body in turn (so that noise from a
/// shared machine hits both alike), over enough calls to fill ~`seconds`; the best round counts.
func secondsPerCall(rounds: Int = 7, seconds: Double = 0.1, _ bodies: [() -> Void]) -> [Double] {
    let clock = ContinuousClock()
    func time(_ calls: Int, _ body: () -> Void) -> Double {
        let d = clock.measure { for _ in 0..<calls { body() } }
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    let calls = bodies.map { body -> Int in
        body()  // warm-up
        var n = 1
        while time(n, body) < 0.01 && n < 1 << 20 { n *= 2 }
        return max(1, Int(seconds / (time(n, body) / Double(n))))
    }
    var best = [Double](repeating: .infinity, count: bodies.count)
    for _ in 0..<rounds {
        for (i, body) in bodies.enumerated() { best[i] = min(best[i], time(calls[i], body) / Double(calls[i])) }
    }
    return best
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

let coreType = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"]
print("Neural engine benchmark")
print("  OpenBLAS kernel: \(BLAS.coreName)  (threads: \(BLAS.threadCount); OPENBLAS_CORETYPE=\(coreType ?? "unset"))")
print("  OpenBLAS build:  \(BLAS.configuration)")
/// Whether the CPU advertises AVX-512 (Linux: the `avx512f` flag in /proc/cpuinfo).
let cpuHasAVX512: Bool = {
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
    return info.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").contains("avx512f") ?? false
}()
print("  CPU AVX-512:     \(cpuHasAVX512 ? "yes" : "no")")
print("""
  Note: OpenBLAS 0.3.21 does not recognise some newer CPUs and falls back to its Haswell (AVX2)
        kernel. On a CPU with AVX-512, `OPENBLAS_CORETYPE=SkylakeX` selects the AVX-512 kernel
        (about 2x the sgemm throughput of Haswell). Set it only on AVX-512 machines: elsewhere it
        crashes with an illegal instruction. The engine never sets it itself.
""")
let avx512Kernels: Set<String> = ["SkylakeX", "Cooperlake", "SapphireRapids"]
if cpuHasAVX512 && !avx512Kernels.contains(BLAS.coreName) {
    print("  → This CPU has AVX-512 but OpenBLAS chose \(BLAS.coreName): try OPENBLAS_CORETYPE=SkylakeX.")
}

// MARK: - Matmul: engine vs raw sgemm

print("\nmatmul [m×k]·[k×n]            raw sgemm     engine     ratio")
let rng = RandomSource(seed: 1)
let shapes: [(m: Int, k: Int, n: Int, large: Bool)] = [
    (320, 128, 128, true),  // token projection (K, V of cross-attention)
    (320, 128, 512, true),  // feed-forward width on tokens
    (320, 512, 128, true),
    (20, 128, 320, false),  // queries × tokensᵀ (cross-attention scores)
    (20, 320, 128, false),  // attention weights × values
    (20, 128, 128, false),  // query projections
]
var largeRatios: [Double] = []
for shape in shapes {
    let a = Tensor.randomNormal([shape.m, shape.k], rng: rng)
    let b = Tensor.randomNormal([shape.k, shape.n], rng: rng)
    var c = [Float](repeating: 0, count: shape.m * shape.n)
    let (av, bv) = (a.data, b.data)
    let rawCall = {
        av.withUnsafeBufferPointer { pa in
            bv.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(shape.m), blasint(shape.n),
                                blasint(shape.k), 1, pa.baseAddress, blasint(shape.k), pb.baseAddress,
                                blasint(shape.n), 0, pc.baseAddress, blasint(shape.n))
                }
            }
        }
    }
    var sink: Float = 0
    let engineCall = {
        let product = Graph.withoutGradients { a.matmul(b) }
        sink += product.data[0]
    }
    let times = secondsPerCall([rawCall, engineCall])
    let (raw, engine) = (times[0], times[1])
    let flops = 2.0 * Double(shape.m * shape.n * shape.k)
    let ratio = raw / engine
    if shape.large { largeRatios.append(ratio) }
    let label = "[\(shape.m)×\(shape.k)]·[\(shape.k)×\(shape.n)]".padding(toLength: 28, withPad: " ", startingAt: 0)
    print("  \(label) \(format(flops / raw / 1e9).leftPad(7)) GF/s \(format(flops / engine / 1e9).leftPad(7)) GF/s  \(format(ratio, 2))"
          + (sink.isNaN ? " (NaN)" : ""))
}
print("  engine/raw on the large shapes: min \(format(largeRatios.min() ?? 0, 2)) (target ≥ 0.80)")

// MARK: - Decoder forward + backward

let width = 128, heads = 4, queryCount = 20, tokenCount = 320
let decoder = TransformerDecoder(layerCount: 2, width: width, heads: heads, feedForwardWidth: 4 * width, rng: rng)
let queries = Tensor.randomNormal([queryCount, width], std: 1, rng: rng, requiresGrad: true)
let position = Tensor.sinusoidalPositions(length: queryCount, width: width)
let memory = Tensor.randomNormal([tokenCount, width], rng: rng, requiresGrad: true)
let trained = decoder.parameterTensors + [queries, memory]
let step = secondsPerCall(rounds: 5, seconds: 0.5, [{
    for p in trained { p.zeroGrad() }
    let result = decoder(queries, memory: memory, queryPosition: position)
    var loss = result.output.squared().mean()
    for layer in result.layers {
        let s = layer.selfAttention.output, c = layer.crossAttention.output
        loss = loss + Loss.klDivergence(pLogits: s.matmul(s, transposeB: true), qLogits: c.matmul(c, transposeB: true))
    }
    loss.backward()
}])[0]
let inference = secondsPerCall(rounds: 5, seconds: 0.3, [{
    _ = Graph.withoutGradients { decoder(queries, memory: memory, queryPosition: position).output }
}])[0]
print("\ndecoder: 2 layers, d=\(width), \(heads) heads, \(queryCount) queries, \(tokenCount) tokens, FFN \(4 * width)")
print("  forward + backward (with attention loss): \(format(step * 1000, 2)) ms (target < 20 ms)")
print("  forward only (inference):                 \(format(inference * 1000, 2)) ms")
print("  ≈ \(format(step * 400, 2)) s of decoder work for a 400-routine epoch at batch size 1")

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
