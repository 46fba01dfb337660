#!/usr/bin/env python3
"""Reproduces the figures in Sources/Batch/ViewAlignment.swift: on two-view synthetic routines
(default: model-data/views-300-seed9, r0001-r0030), cut the side view's motion-energy curve
0.5-3 s late and compare aligning the smoothed log energy's levels with aligning its changes;
also the correlation of a view against another routine's. Motion energy as in the Swift code:
mean |delta gray| per frame at 15 fps on a 64-pixel short side (ffmpeg does the decoding).

    python3 scripts/view_alignment_check.py [DATASET] [COUNT]
"""
import subprocess, sys
import numpy as np

data = sys.argv[1] if len(sys.argv) > 1 else "model-data/views-300-seed9"
count = int(sys.argv[2]) if len(sys.argv) > 2 else 30
fps = 15

def energy(path):
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-vf", f"fps={fps},scale=114:64:flags=area",
                          "-f", "rawvideo", "-pix_fmt", "gray", "-"], capture_output=True, check=True).stdout
    a = np.frombuffer(raw, np.uint8).reshape(-1, 64, 114).astype(np.float32)
    return np.concatenate([[0], np.abs(np.diff(a, axis=0)).mean(axis=(1, 2))])

def shape(e):
    r = max(1, round(fps / 6))
    return np.convolve(np.pad(np.log1p(e), r, mode="edge"), np.ones(2 * r + 1) / (2 * r + 1), "valid")

def best_lag(a, b, max_lag=5 * fps):
    best = None
    for lag in range(-max_lag, max_lag + 1):
        idx = np.array([i for i in range(len(a)) if 0 <= i + lag < len(b)])
        if len(idx) < max(8, min(len(a), len(b)) // 2):
            continue
        x, y = a[idx], b[idx + lag]
        r = np.corrcoef(x, y)[0, 1] if x.std() > 0 and y.std() > 0 else 0
        if best is None or r > best[1]:
            best = (lag, r)
    return best

rng = np.random.default_rng(3)
ids = [f"r{i:04d}" for i in range(1, count + 1)]
curves = {i: (energy(f"{data}/videos/{i}.front.mp4"), energy(f"{data}/videos/{i}.side.mp4")) for i in ids}
variants = {"levels": shape, "changes": lambda e: np.diff(shape(e))}
errors = {k: [] for k in variants}; same = {k: [] for k in variants}; other = {k: [] for k in variants}
for k, i in enumerate(ids):
    cut = int(rng.integers(8, 45))
    front, side = curves[i]
    foreign = curves[ids[(k + 1) % len(ids)]][1]
    for name, f in variants.items():
        lag, r = best_lag(f(front), f(side[cut:]))
        errors[name].append(abs(lag + cut) / fps)
        same[name].append(r)
        other[name].append(best_lag(f(front), f(foreign[cut:]))[1])
for name in variants:
    e = np.array(errors[name])
    print(f"{name:8s} aligned within 0.2 s: {np.sum(e <= 0.2)}/{len(e)}; correlation matching views "
          f"{min(same[name]):.2f}-{max(same[name]):.2f} (median {np.median(same[name]):.2f}), "
          f"another routine's view max {max(other[name]):.2f} (median {np.median(other[name]):.2f})")
