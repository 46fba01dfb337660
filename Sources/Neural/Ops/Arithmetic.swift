/// Elementwise arithmetic with broadcasting: add, sub, mul, div, scale, negation.
extension Tensor {
    /// Runs `forward(aᵢ, bᵢ)` over the broadcast of `a` and `b`.
    @inline(__always)
    static func broadcastMap(
        _ a: Tensor, _ b: Tensor, _ plan: BroadcastPlan, _ forward: (Float, Float) -> Float
    ) -> [Float] {
        [Float](unsafeUninitializedCapacity: plan.count) { out, initialized in
            a.data.withUnsafeBufferPointer { pa in
                b.data.withUnsafeBufferPointer { pb in
                    plan.forEach { i, ia, ib in out[i] = forward(pa[ia], pb[ib]) }
                }
            }
            initialized = plan.count
        }
    }

    /// `a + b`.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let plan = BroadcastPlan(a.shape, b.shape)
        let out = broadcastMap(a, b, plan) { $0 + $1 }
        return result(shape: plan.outShape, data: out, parents: [a, b]) { y in
            y.withIncomingGrad { g in
                if a.requiresGrad { a.accumulateGrad(g, broadcastFrom: y.shape) }
                if b.requiresGrad { b.accumulateGrad(g, broadcastFrom: y.shape) }
            }
        }
    }

    /// `a − b`.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let plan = BroadcastPlan(a.shape, b.shape)
        let out = broadcastMap(a, b, plan) { $0 - $1 }
        return result(shape: plan.outShape, data: out, parents: [a, b]) { y in
            y.withIncomingGrad { g in
                if a.requiresGrad { a.accumulateGrad(g, broadcastFrom: y.shape) }
                if b.requiresGrad {
                    let negated = g.map { -$0 }
                    negated.withUnsafeBufferPointer { b.accumulateGrad($0, broadcastFrom: y.shape) }
                }
            }
        }
    }

    /// An array in the broadcast output's layout with element i = `body(i, indexInA, indexInB)`.
    @inline(__always)
    static func broadcastBuild(_ plan: BroadcastPlan, _ body: (Int, Int, Int) -> Float) -> [Float] {
        [Float](unsafeUninitializedCapacity: plan.count) { out, initialized in
            plan.forEach { i, ia, ib in out[i] = body(i, ia, ib) }
            initialized = plan.count
        }
    }

    /// Elementwise `a ⊙ b`.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let plan = BroadcastPlan(a.shape, b.shape)
        let out = broadcastMap(a, b, plan) { $0 * $1 }
        return result(shape: plan.outShape, data: out, parents: [a, b]) { y in
            y.withIncomingGrad { g in
                a.data.withUnsafeBufferPointer { pa in
                    b.data.withUnsafeBufferPointer { pb in
                        // ∂/∂a = g·b, ∂/∂b = g·a, in the output's layout, then reduced.
                        if a.requiresGrad {
                            let ga = broadcastBuild(plan) { i, _, ib in g[i] * pb[ib] }
                            ga.withUnsafeBufferPointer { a.accumulateGrad($0, broadcastFrom: y.shape) }
                        }
                        if b.requiresGrad {
                            let gb = broadcastBuild(plan) { i, ia, _ in g[i] * pa[ia] }
                            gb.withUnsafeBufferPointer { b.accumulateGrad($0, broadcastFrom: y.shape) }
                        }
                    }
                }
            }
        }
    }

    /// Elementwise `a / b`.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let plan = BroadcastPlan(a.shape, b.shape)
        let out = broadcastMap(a, b, plan) { $0 / $1 }
        return result(shape: plan.outShape, data: out, parents: [a, b]) { y in
            y.withIncomingGrad { g in
                y.data.withUnsafeBufferPointer { py in
                    b.data.withUnsafeBufferPointer { pb in
                        // ∂/∂a = g / b, ∂/∂b = −g·a/b² = −g·y/b.
                        if a.requiresGrad {
                            let ga = broadcastBuild(plan) { i, _, ib in g[i] / pb[ib] }
                            ga.withUnsafeBufferPointer { a.accumulateGrad($0, broadcastFrom: y.shape) }
                        }
                        if b.requiresGrad {
                            let gb = broadcastBuild(plan) { i, _, ib in -g[i] * py[i] / pb[ib] }
                            gb.withUnsafeBufferPointer { b.accumulateGrad($0, broadcastFrom: y.shape) }
                        }
                    }
                }
            }
        }
    }

    /// `α·x` for a constant α.
    public func scaled(by alpha: Float) -> Tensor {
        let x = self
        let out = x.data.map { $0 * alpha }
        return Tensor.result(shape: shape, data: out, parents: [x]) { y in
            y.withIncomingGrad { g in
                x.withGrad { dx in
                    for i in 0..<dx.count { dx[i] += alpha * g[i] }
                }
            }
        }
    }

    /// `x + c` for a constant c.
    public func adding(_ c: Float) -> Tensor {
        let x = self
        let out = x.data.map { $0 + c }
        return Tensor.result(shape: shape, data: out, parents: [x]) { y in
            y.withIncomingGrad { x.addToGrad($0) }
        }
    }

    public static func * (x: Tensor, alpha: Float) -> Tensor { x.scaled(by: alpha) }
    public static func * (alpha: Float, x: Tensor) -> Tensor { x.scaled(by: alpha) }
    public static func / (x: Tensor, alpha: Float) -> Tensor { x.scaled(by: 1 / alpha) }
    public static func + (x: Tensor, c: Float) -> Tensor { x.adding(c) }
    public static func + (c: Float, x: Tensor) -> Tensor { x.adding(c) }
    public static func - (x: Tensor, c: Float) -> Tensor { x.adding(-c) }
    /// `c − x`.
    public static func - (c: Float, x: Tensor) -> Tensor { x.scaled(by: -1).adding(c) }
    public static prefix func - (x: Tensor) -> Tensor { x.scaled(by: -1) }
}
