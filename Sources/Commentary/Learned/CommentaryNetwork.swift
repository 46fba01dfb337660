import Neural

/// The learned generator's parameters: the keypoint reasoner and the caption decoder
/// (names `reasoner.…`, `decoder.…`).
public final class CommentaryNetwork: Module {
    public let reasoner: KeypointReasoner
    public let decoder: CaptionDecoder

    public init(configuration: CommentaryConfiguration, vocabularySize: Int, keypointText: [[Float]]) {
        let rng = RandomSource(seed: configuration.seed)
        reasoner = KeypointReasoner(configuration: configuration, keypointText: keypointText, rng: rng)
        decoder = CaptionDecoder(configuration: configuration, vocabularySize: vocabularySize, rng: rng)
    }

    public func parameters() -> [NamedParameter] {
        reasoner.parameters(prefixedBy: "reasoner") + decoder.parameters(prefixedBy: "decoder")
    }
}
