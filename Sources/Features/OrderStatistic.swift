/// The k-th smallest of `values` (0-based), as `values.sorted()[k]` would give, in linear
/// expected time (Hoare's selection with a median-of-three pivot); reorders `values`.
func kthSmallest(_ values: inout [Float], _ k: Int) -> Float {
    precondition(k >= 0 && k < values.count, "k = \(k) outside 0..<\(values.count)")
    return values.withUnsafeMutableBufferPointer { v -> Float in
        var lo = 0, hi = v.count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            // Median of three as the pivot value.
            let (a, b, c) = (v[lo], v[mid], v[hi])
            let pivot = max(min(a, b), min(max(a, b), c))
            var i = lo, j = hi
            while i <= j {
                while v[i] < pivot { i += 1 }
                while v[j] > pivot { j -= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // [lo, j] ≤ pivot ≤ [i, hi]; between them, elements equal to the pivot.
            if k <= j { hi = j } else if k >= i { lo = i } else { return v[k] }
        }
        return v[k]
    }
}
