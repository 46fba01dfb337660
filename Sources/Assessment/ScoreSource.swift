/// Where a model's routine score comes from.
public enum ScoreSource: String, Codable, Sendable {
    /// The weight-score head, Σ wₖ sₖ (Interpretable-AQA eq. 4), or its contrastive variant.
    case regression
    /// The deduction ledger: predicted difficulty + base − the clip-level deduction density's
    /// total. Used when it ranked the validation athletes better than the regression.
    case ledger
}
