import COpenBLAS

/// Every call into OpenBLAS, as small forwarders (row-major, single precision).
public enum BLAS {
    /// General matrix product: `C ← α·op(A)·op(B) + β·C`, with `op(A)` of shape [m, k],
    /// `op(B)` of shape [k, n] and `C` of shape [m, n]; `op(X) = Xᵀ` when its flag is set.
    /// `lda`, `ldb`, `ldc` are the row strides of the matrices as stored.
    @inline(__always)
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    /// Matrix–vector product: `y ← α·op(A)·x + β·y`, with `A` stored [m, n] (row stride `lda`)
    /// and `op(A) = Aᵀ` when `transpose` is set.
    @inline(__always)
    public static func gemv(
        transpose: Bool, m: Int, n: Int, alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemv(
            CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, blasint(m), blasint(n), alpha, a,
            blasint(lda), x, 1, beta, y, 1)
    }

    /// The CPU kernel OpenBLAS selected at start-up (e.g. "Haswell", "SkylakeX"); it can be
    /// overridden with the `OPENBLAS_CORETYPE` environment variable.
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The number of threads OpenBLAS uses (`OPENBLAS_NUM_THREADS`, default: all cores).
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Runs `body` with every OpenBLAS call on the calling thread alone, then restores the
    /// thread count. For callers that already keep the cores busy with their own threads (the
    /// report's workers, the video decoder): an OpenBLAS worker woken for a small product spins
    /// on its core for about 0.1 s after it, waiting for more work, taking that core from them.
    public static func onCallingThreadOnly<R>(_ body: () throws -> R) rethrows -> R {
        let threads = openblas_get_num_threads()
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(threads) }
        return try body()
    }

    /// OpenBLAS's build configuration string (version, threading, dynamic-arch).
    public static var configuration: String {
        guard let config = openblas_get_config() else { return "unknown" }
        return String(cString: config)
    }
}
