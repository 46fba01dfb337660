import Neural

/// The attention loss of Interpretable long-term AQA §3, eqs. 1–3:
///
///     L_S = softmax(A_S A_Sᵀ),  L_C = softmax(A_C A_Cᵀ),  Loss_att = Σₙ D_KL(L_Sⁿ ‖ L_Cⁿ)
///
/// where A_S and A_C are the *outputs* of layer n's self- and cross-attention ([K, d]). The
/// paper's text puts L_S first; the authors' code computes KL(L_C ‖ L_S) — ``ModelConfiguration/AttentionLossDirection``.
public enum AttentionLoss {
    public static func total(_ layers: [TransformerDecoderLayer.Result],
                                      direction: ModelConfiguration.AttentionLossDirection) -> Tensor? {
        var total: Tensor?
        for layer in layers {
            let s = layer.selfAttention.output, c = layer.crossAttention.output
            let ls = s.matmul(s, transposeB: true)  // [K, K] logits of L_S
            let lc = c.matmul(c, transposeB: true)  // [K, K] logits of L_C
            let kl = direction == .paper ? Loss.klDivergence(pLogits: ls, qLogits: lc) : Loss.klDivergence(pLogits: lc, qLogits: ls)
            total = total.map { $0 + kl } ?? kl
        }
        return total
    }

    /// How diagonal a [K, K] attention map is: the mean over rows of the weight within ±1 of the
    /// diagonal (1 for a perfectly diagonal band, ≈ 3/K for a uniform map). The report's measure
    /// of the "temporal skipping" of Fig. 2.
    public static func diagonality(_ rows: [[Float]]) -> Double {
        guard !rows.isEmpty else { return 0 }
        var total = 0.0
        for (i, row) in rows.enumerated() {
            let mass = row.reduce(0, +)
            var band: Float = 0
            for j in Swift.max(0, i - 1)...Swift.min(row.count - 1, i + 1) { band += row[j] }
            total += mass > 0 ? Double(band / mass) : 0
        }
        return total / Double(rows.count)
    }
}
