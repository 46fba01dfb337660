/// Matrix products through `cblas_sgemm`: (batched) matmul and the fused affine map of `Linear`.
extension Tensor {
    /// Matrix product `op(self) · op(other)` over the last two axes, `op(X) = Xᵀ` when the flag
    /// is set (no transposed copy is made). Leading axes are batch axes: equal on both sides,
    /// or absent on one side, which is then shared by every batch item.
    /// `[…, m, k] · […, k, n] → […, m, n]`.
    public func matmul(_ other: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        let a = self, b = other
        precondition(a.rank >= 2 && b.rank >= 2, "matmul needs matrices, got \(a.shape) and \(b.shape)")
        let (ra, ca) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (rb, cb) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        var m = transposeA ? ca : ra
        let k = transposeA ? ra : ca
        let n = transposeB ? rb : cb
        precondition(k == (transposeB ? cb : rb),
                     "matmul shapes \(a.shape)\(transposeA ? "ᵀ" : "") and \(b.shape)\(transposeB ? "ᵀ" : "") do not fit")
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        precondition(batchA == batchB || batchA.isEmpty || batchB.isEmpty,
                     "matmul batch axes \(batchA) and \(batchB) differ")
        let batchShape = batchA.isEmpty ? batchB : batchA
        var batch = Tensor.count(of: batchShape)
        var strideA = batchA.isEmpty ? 0 : ra * ca
        let strideB = batchB.isEmpty ? 0 : rb * cb
        // A batch of row blocks times one shared matrix is a single tall product.
        if batchB.isEmpty && !transposeA && batch > 1 {
            m *= batch
            batch = 1
            strideA = 0
        }
        let (lda, ldb) = (ca, cb)
        let strideC = m * n
        let outShape = batchShape + [transposeA ? ca : ra, n]
        let out = [Float](unsafeUninitializedCapacity: batch * strideC) { c, initialized in
            initialized = batch * strideC
            guard batch * strideC > 0 else { return }
            guard k > 0 else { c.update(repeating: 0); return }
            a.data.withUnsafeBufferPointer { pa in
                b.data.withUnsafeBufferPointer { pb in
                    for i in 0..<batch {
                        BLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                  a: pa.baseAddress! + i * strideA, lda: lda,
                                  b: pb.baseAddress! + i * strideB, ldb: ldb,
                                  beta: 0, c: c.baseAddress! + i * strideC, ldc: n)
                    }
                }
            }
        }
        return Tensor.result(shape: outShape, data: out, parents: [a, b]) { y in
            guard k > 0 && batch * strideC > 0 else { return }
            y.withIncomingGrad { g in
                a.data.withUnsafeBufferPointer { pa in
                    b.data.withUnsafeBufferPointer { pb in
                        if a.requiresGrad {
                            a.withGrad { da in
                                for i in 0..<batch {
                                    let dc = g.baseAddress! + i * strideC
                                    let bi = pb.baseAddress! + i * strideB
                                    let dai = da.baseAddress! + i * strideA
                                    if !transposeA {
                                        // dA += dC · op(B)ᵀ
                                        BLAS.gemm(transposeA: false, transposeB: !transposeB, m: m, n: k, k: n,
                                                  a: dc, lda: n, b: bi, ldb: ldb, beta: 1, c: dai, ldc: lda)
                                    } else {
                                        // dA (stored [k, m]) += op(B) · dCᵀ
                                        BLAS.gemm(transposeA: transposeB, transposeB: true, m: k, n: m, k: n,
                                                  a: bi, lda: ldb, b: dc, ldb: n, beta: 1, c: dai, ldc: lda)
                                    }
                                }
                            }
                        }
                        if b.requiresGrad {
                            b.withGrad { db in
                                for i in 0..<batch {
                                    let dc = g.baseAddress! + i * strideC
                                    let ai = pa.baseAddress! + i * strideA
                                    let dbi = db.baseAddress! + i * strideB
                                    if !transposeB {
                                        // dB += op(A)ᵀ · dC
                                        BLAS.gemm(transposeA: !transposeA, transposeB: false, m: k, n: n, k: m,
                                                  a: ai, lda: lda, b: dc, ldb: n, beta: 1, c: dbi, ldc: ldb)
                                    } else {
                                        // dB (stored [n, k]) += dCᵀ · op(A)
                                        BLAS.gemm(transposeA: true, transposeB: transposeA, m: n, n: k, k: m,
                                                  a: dc, lda: n, b: ai, ldb: lda, beta: 1, c: dbi, ldc: ldb)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Affine map `x·Wᵀ + b` over the last axis, as PyTorch's `nn.Linear` (W is [out, in]).
    /// `[…, in] → […, out]`: every leading axis is folded into the rows of one sgemm.
    public static func affine(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        precondition(weight.rank == 2, "weight must be [out, in], got \(weight.shape)")
        let (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1])
        precondition(x.rank >= 1 && x.shape[x.rank - 1] == inFeatures,
                     "input \(x.shape) does not end in \(inFeatures) features")
        if let bias { precondition(bias.shape == [outFeatures], "bias \(bias.shape) must be [\(outFeatures)]") }
        let rows = Tensor.count(of: Array(x.shape.dropLast()))
        let outShape = Array(x.shape.dropLast()) + [outFeatures]
        let out = [Float](unsafeUninitializedCapacity: rows * outFeatures) { y, initialized in
            initialized = rows * outFeatures
            guard rows * outFeatures > 0 else { return }
            guard inFeatures > 0 else {
                y.update(repeating: 0)
                if let bias { for r in 0..<rows { for j in 0..<outFeatures { y[r * outFeatures + j] = bias.data[j] } } }
                return
            }
            var beta: Float = 0
            if let bias {
                bias.data.withUnsafeBufferPointer { pb in
                    for r in 0..<rows {
                        for j in 0..<outFeatures { y[r * outFeatures + j] = pb[j] }
                    }
                }
                beta = 1
            }
            x.data.withUnsafeBufferPointer { px in
                weight.data.withUnsafeBufferPointer { pw in
                    // Y ← X·Wᵀ + β·Y
                    BLAS.gemm(transposeA: false, transposeB: true, m: rows, n: outFeatures, k: inFeatures,
                              a: px.baseAddress!, lda: inFeatures, b: pw.baseAddress!, ldb: inFeatures,
                              beta: beta, c: y.baseAddress!, ldc: outFeatures)
                }
            }
        }
        let parents = bias.map { [x, weight, $0] } ?? [x, weight]
        return result(shape: outShape, data: out, parents: parents) { y in
            guard rows * outFeatures * inFeatures > 0 else { return }
            y.withIncomingGrad { g in
                if x.requiresGrad {
                    weight.data.withUnsafeBufferPointer { pw in
                        x.withGrad { dx in
                            // dX += dY · W
                            BLAS.gemm(transposeA: false, transposeB: false, m: rows, n: inFeatures, k: outFeatures,
                                      a: g.baseAddress!, lda: outFeatures, b: pw.baseAddress!, ldb: inFeatures,
                                      beta: 1, c: dx.baseAddress!, ldc: inFeatures)
                        }
                    }
                }
                if weight.requiresGrad {
                    x.data.withUnsafeBufferPointer { px in
                        weight.withGrad { dw in
                            // dW += dYᵀ · X
                            BLAS.gemm(transposeA: true, transposeB: false, m: outFeatures, n: inFeatures, k: rows,
                                      a: g.baseAddress!, lda: outFeatures, b: px.baseAddress!, ldb: inFeatures,
                                      beta: 1, c: dw.baseAddress!, ldc: inFeatures)
                        }
                    }
                }
                if let bias, bias.requiresGrad {
                    bias.withGrad { db in
                        for r in 0..<rows {
                            for j in 0..<outFeatures { db[j] += g[r * outFeatures + j] }
                        }
                    }
                }
            }
        }
    }
}
