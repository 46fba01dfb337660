/// Recording of the autodiff graph (see the module documentation in `Neural.swift`).
public enum Graph {
    @TaskLocal static var isRecording = true

    /// Runs `body` without recording the graph: results never require gradients (inference,
    /// evaluation, optimiser arithmetic).
    public static func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
        try $isRecording.withValue(false, operation: body)
    }

    /// Whether ops currently record their backward closures.
    public static var isEnabled: Bool { isRecording }
}

extension Tensor {
    /// Wraps an op's result: records `parents` and `backward` when gradients are being recorded
    /// and some parent requires them. `backward` receives the result (to read its `grad` and
    /// `data`) and must accumulate into the parents that require gradients.
    static func result(
        shape: [Int], data: [Float], parents: [Tensor], backward: @escaping (Tensor) -> Void
    ) -> Tensor {
        let out = Tensor(shape: shape, data: data)
        if parents.contains(where: { $0.requiresGrad }) && Graph.isRecording {
            out.requiresGrad = true
            out.parents = parents
            out.backwardFn = backward
        }
        return out
    }

    /// Runs `body` on this tensor's gradient buffer, allocating zeros on first use.
    @inline(__always)
    func withGrad<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        if grad == nil { grad = [Float](repeating: 0, count: count) }
        return try grad!.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// Adds `g` (same layout as `data`) to the gradient.
    @inline(__always)
    func addToGrad(_ g: UnsafeBufferPointer<Float>) {
        withGrad { dst in
            for i in 0..<dst.count { dst[i] += g[i] }
        }
    }

    /// The incoming gradient of an op result (zeros if nothing flowed into it).
    @inline(__always)
    func withIncomingGrad<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        if grad == nil { grad = [Float](repeating: 0, count: count) }
        return try grad!.withUnsafeBufferPointer { try body($0) }
    }

    /// Reverse-mode sweep from this tensor: seeds its gradient with ones (a scalar loss) or
    /// `seed`, then calls every backward closure in reverse topological order. Gradients
    /// accumulate into the leaves' buffers (call an optimiser's `zeroGrad()` between steps);
    /// op results do not keep theirs.
    public func backward(seed: [Float]? = nil) {
        precondition(seed != nil || count == 1, "backward() without a seed needs a scalar, got shape \(shape)")
        precondition(seed == nil || seed!.count == count, "backward seed has \(seed!.count) values for shape \(shape)")
        let order = topologicalOrder()
        withGrad { g in
            if let seed {
                for i in 0..<g.count { g[i] += seed[i] }
            } else {
                g[0] += 1
            }
        }
        for node in order.reversed() {
            guard let propagate = node.backwardFn else { continue }
            propagate(node)
            // An op result's gradient is spent once passed on; dropping it frees memory and lets
            // a second backward() through a shared subgraph count only its own contribution.
            node.grad = nil
        }
    }

    /// Nodes reachable from `self` through graph edges, each after all of its parents.
    func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        // Iterative post-order DFS: (node, index of the next parent to visit).
        var stack: [(Tensor, Int)] = [(self, 0)]
        visited.insert(ObjectIdentifier(self))
        while !stack.isEmpty {
            let (node, next) = stack[stack.count - 1]
            if next < node.parents.count {
                stack[stack.count - 1].1 = next + 1
                let parent = node.parents[next]
                if parent.requiresGrad && visited.insert(ObjectIdentifier(parent)).inserted {
                    stack.append((parent, 0))
                }
            } else {
                order.append(node)
                stack.removeLast()
            }
        }
        return order
    }
}
