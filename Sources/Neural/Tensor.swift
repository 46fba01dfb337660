/// An n-dimensional array of Float32 in contiguous row-major storage, and a node of the autodiff
/// graph (see the module documentation in `Neural.swift`).
public final class Tensor {
    /// The extent of each axis; `[]` is a scalar.
    public let shape: [Int]
    /// The values, row-major. Reshaped tensors share this storage (copy-on-write).
    public internal(set) var data: [Float]
    /// ∂loss/∂self after ``backward()``, same layout as ``data``; `nil` until a gradient arrives.
    public internal(set) var grad: [Float]?
    /// Whether gradients flow to this tensor. Parameters and gradient-checked inputs set it;
    /// op results inherit it from their inputs.
    public var requiresGrad: Bool

    /// Inputs of the op that produced this tensor (empty for leaves).
    var parents: [Tensor] = []
    /// Accumulates this tensor's `grad` into its parents' gradients; `nil` for leaves.
    var backwardFn: ((Tensor) -> Void)?

    /// A tensor holding `data` in the given shape.
    public init(shape: [Int], data: [Float], requiresGrad: Bool = false) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
        precondition(
            Tensor.count(of: shape) == data.count,
            "shape \(shape) needs \(Tensor.count(of: shape)) values, got \(data.count)")
        self.shape = shape
        self.data = data
        self.requiresGrad = requiresGrad
    }

    /// A scalar (shape `[]`).
    public convenience init(_ scalar: Float, requiresGrad: Bool = false) {
        self.init(shape: [], data: [scalar], requiresGrad: requiresGrad)
    }

    /// A tensor of the given shape filled with `value`.
    public convenience init(repeating value: Float, shape: [Int], requiresGrad: Bool = false) {
        self.init(shape: shape, data: [Float](repeating: value, count: Tensor.count(of: shape)), requiresGrad: requiresGrad)
    }

    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        Tensor(repeating: 0, shape: shape, requiresGrad: requiresGrad)
    }

    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        Tensor(repeating: 1, shape: shape, requiresGrad: requiresGrad)
    }

    /// Normal(mean, std²) entries drawn from `rng`.
    public static func randomNormal(
        _ shape: [Int], mean: Float = 0, std: Float = 1, rng: RandomSource, requiresGrad: Bool = false
    ) -> Tensor {
        let n = count(of: shape)
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = rng.normal(mean: mean, std: std) }
        return Tensor(shape: shape, data: values, requiresGrad: requiresGrad)
    }

    /// Uniform[low, high) entries drawn from `rng`.
    public static func randomUniform(
        _ shape: [Int], low: Float, high: Float, rng: RandomSource, requiresGrad: Bool = false
    ) -> Tensor {
        let n = count(of: shape)
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = rng.uniform(low, high) }
        return Tensor(shape: shape, data: values, requiresGrad: requiresGrad)
    }

    // MARK: - Shape helpers

    /// Number of elements of a shape.
    @inline(__always)
    public static func count(of shape: [Int]) -> Int { shape.reduce(1, *) }

    /// Number of elements.
    public var count: Int { data.count }
    /// Number of axes.
    public var rank: Int { shape.count }

    /// `axis` in 0..<rank, accepting negative axes counted from the end.
    func normalizedAxis(_ axis: Int) -> Int {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < rank, "axis \(axis) out of range for shape \(shape)")
        return a
    }

    /// (product of extents before `axis`, extent of `axis`, product of extents after `axis`).
    func split(at axis: Int) -> (outer: Int, n: Int, inner: Int) {
        (Tensor.count(of: Array(shape[..<axis])), shape[axis], Tensor.count(of: Array(shape[(axis + 1)...])))
    }

    // MARK: - Plain values

    /// The only value of a one-element tensor.
    public var scalar: Float {
        precondition(count == 1, "scalar of a tensor with shape \(shape)")
        return data[0]
    }

    /// Rows of a 2-D tensor.
    public var rows: [[Float]] {
        precondition(rank == 2, "rows of a tensor with shape \(shape) (needs 2 axes)")
        let columns = shape[1]
        return (0..<shape[0]).map { Array(data[($0 * columns)..<(($0 + 1) * columns)]) }
    }

    /// The gradient as a tensor of the same shape (zeros when none has arrived).
    public var gradient: Tensor {
        Tensor(shape: shape, data: grad ?? [Float](repeating: 0, count: count))
    }

    /// Replaces the values of a leaf (loading weights, custom initialisation).
    public func assign(_ values: [Float]) {
        precondition(values.count == count, "assigning \(values.count) values to a tensor with shape \(shape)")
        data = values
    }

    /// Sets the gradient buffer to zeros in place (keeps the allocation).
    public func zeroGrad() {
        guard grad != nil else { return }
        grad!.withUnsafeMutableBufferPointer { g in
            g.update(repeating: 0)
        }
    }

    /// A leaf sharing this tensor's values, cut from the graph.
    public func detached() -> Tensor { Tensor(shape: shape, data: data) }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = data.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(count > 8 ? ", …" : "")])"
    }
}
