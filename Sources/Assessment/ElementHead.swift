import Neural

/// MTL-AQA §4 and Table 2: action recognition factorised into attributes. Per query: the
/// element's name, its body shape, rotation direction and number of half rotations; trained
/// on the queries whose cross-attention falls inside a labelled element span.
public final class ElementHead: Module {
    public let hidden: Linear
    public let name: Linear, shape: Linear, rotation: Linear, halfRotations: Linear

    public init(width: Int, task: ScoringTask, rng: RandomSource) {
        hidden = Linear(width, width, rng: rng)
        name = Linear(width, Swift.max(task.elementNames.count, 1), rng: rng)
        shape = Linear(width, task.shapes.count, rng: rng)
        rotation = Linear(width, task.rotations.count, rng: rng)
        halfRotations = Linear(width, task.maxHalfRotations + 1, rng: rng)
    }

    public struct Result {
        /// Logits per query: [K, classes] each.
        public let name: Tensor, shape: Tensor, rotation: Tensor, halfRotations: Tensor
    }

    // [K, d] → logits per attribute
    public func callAsFunction(_ x: Tensor) -> Result {
        let h = hidden(x).gelu()
        return Result(name: name(h), shape: shape(h), rotation: rotation(h), halfRotations: halfRotations(h))
    }

    public func parameters() -> [NamedParameter] {
        hidden.parameters(prefixedBy: "hidden") + name.parameters(prefixedBy: "name") + shape.parameters(prefixedBy: "shape")
            + rotation.parameters(prefixedBy: "rotation") + halfRotations.parameters(prefixedBy: "half_rotations")
    }
}
