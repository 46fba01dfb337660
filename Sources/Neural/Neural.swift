/// # Neural
///
/// A small Float32 deep-learning engine on OpenBLAS for the routine-scoring model.
///
/// ## Autodiff design
/// Reverse mode on a dynamic graph built while the forward pass runs (define-by-run, as in
/// micrograd and PyTorch):
/// - Every op returns a new ``Tensor``. When gradients are being recorded (see
///   ``Graph/withoutGradients(_:)``) and at least one input ``Tensor/requiresGrad``, the result
///   keeps its inputs (`parents`) and a backward closure. The closure receives the result, reads
///   its `grad`, and accumulates (`+=`) into the inputs' `grad` buffers. Each op's forward and
///   backward are written side by side in one function (`Ops/…`).
/// - ``Tensor/backward()`` orders the graph topologically (iterative depth-first search, so deep
///   graphs such as an unrolled GRU cannot overflow the stack) and runs the closures in reverse
///   order. Leaves (parameters) keep their gradient buffers between steps; an optimiser's
///   `zeroGrad()` zero-fills them in place.
/// - Broadcasting binary ops reduce their gradient back to each input's shape with one shared
///   helper, ``Tensor/accumulateGrad(_:broadcastFrom:)``.
/// - Anything matrix-shaped goes through `cblas_sgemm` (``BLAS``); gradients of matrix products are
///   accumulated directly by sgemm with β = 1, so they allocate nothing.
///
/// Storage is a contiguous row-major `[Float]`; reshapes share it (copy-on-write). Everything is
/// deterministic: parameters are initialised from a seeded ``RandomSource`` and dropout draws from
/// the generator passed to the forward pass (none passed = inference, no dropout).
///
/// Tensors and modules are not thread-safe: one model lives in one task; what crosses threads are
/// plain `[Float]` values.
public enum NeuralEngine {
    /// Version of the engine's checkpoint layout, written to safetensors metadata by ``Checkpoint``.
    public static let formatVersion = "1"
}
