#!/usr/bin/env python3
"""Writes Tests/NeuralTests/Fixtures/python_fixture.safetensors with Python's `safetensors`.

The Neural tests load this file and check every value below, proving that files written by
the reference implementation load in the Swift engine. Regenerate with:

    pip install safetensors numpy
    python3 scripts/make_safetensors_fixture.py
"""
from pathlib import Path

import numpy as np
from safetensors.numpy import save_file

OUT = Path(__file__).resolve().parent.parent / "Tests" / "NeuralTests" / "Fixtures" / "python_fixture.safetensors"

tensors = {
    # A Linear(3 → 2) in PyTorch's layout: weight [out, in], bias [out].
    "linear.weight": (np.arange(6, dtype=np.float32) * 0.5 - 1.0).reshape(2, 3),
    "linear.bias": np.array([0.25, -0.75], dtype=np.float32),
    # Exactly representable in binary16 (65504 is its largest finite value, 2^-24 its smallest subnormal).
    "half": np.array([1.0, -2.5, 65504.0, 2.0**-24], dtype=np.float16),
    "double": np.array([[1e-3, -4.0], [3.141592653589793, 2.0]], dtype=np.float64),
    "scalar": np.array(7.0, dtype=np.float32),
    "empty": np.zeros((0, 3), dtype=np.float32),
}
metadata = {"format_version": "1", "producer": "scripts/make_safetensors_fixture.py", "note": "Zoë ✓ \"quoted\""}

OUT.parent.mkdir(parents=True, exist_ok=True)
save_file(tensors, str(OUT), metadata=metadata)
print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
