/// Assessment is the action-quality model: from clip tokens `[T, G, D]` to a score with an
/// interval, the score's decomposition over time (weights × scores of the temporal queries),
/// the rubric's penalties with severities and times, the element, and the attention maps.
///
/// It follows ../shared/DESIGN.md §Model: spatial attention pooling of the cells, a
/// query-based temporal decoder with an attention loss (Interpretable long-term AQA §3),
/// a weight-score regression head (ibid. eq. 4), penalty heads (LucidAction §4.3, Fig. 5) and
/// a factorised element head (MTL-AQA §4, Table 2). Training, evaluation metrics and the
/// baselines of the ablation live here too; nothing here reads videos or writes files other
/// than the model file it is handed.
public enum Assessment {
    /// Version of the model file layout; stored in the safetensors metadata (2: clip-level penalty heads).
    public static let modelFormatVersion = "2"
}
