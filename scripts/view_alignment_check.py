#!/usr/bin/env python3
"""Reproduces the figures in Sources/Batch/ViewAlignment.swift. On two-view synthetic routines
(r0001-r0030 of a dataset made with `routine synth --out DIR --count 30 --seed 9 --views
front,side --size 480x270`), the side view is cut 0.5-3 s late and re-encoded with libx264
(crf 23, as a camera's own file and the report test's late view are); then aligning the smoothed
log energy's levels is compared with aligning its changes, and the correlation of the matching
views with that of a view against another routine's. Motion energy as in the Swift code: mean
|delta gray| per frame at 15 fps on a 64-pixel short side (ffmpeg does the decoding).

    python3 scripts/view_alignment_check.py DATASET [COUNT]
"""
import os, subprocess, sys, tempfile
import numpy as np

data = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 30
fps = 15

def energy(path):
    probe = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
                            "-of", "csv=p=0", path], capture_output=True, check=True, text=True).stdout
    w, h = map(int, probe.strip().split(","))
    sw = round(64 * w / h / 2) * 2
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-vf", f"fps={fps},scale={sw}:64:flags=area",
                          "-f", "rawvideo", "-pix_fmt", "gray", "-"], capture_output=True, check=True).stdout
    a = np.frombuffer(raw, np.uint8).reshape(-1, 64, sw).astype(np.float32)
    return np.concatenate([[0], np.abs(np.diff(a, axis=0)).mean(axis=(1, 2))])

def late(path, seconds, folder):
    out = os.path.join(folder, os.path.basename(path))
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", path, "-vf", f"trim=start={seconds},setpts=PTS-STARTPTS",
                    "-c:v", "libx264", "-crf", "23", "-preset", "veryfast", "-pix_fmt", "yuv420p", out], check=True)
    return out

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
cuts = {i: float(rng.uniform(0.5, 3.0)) for i in ids}
with tempfile.TemporaryDirectory() as tmp:
    curves = {i: (energy(f"{data}/videos/{i}.front.mp4"), energy(late(f"{data}/videos/{i}.side.mp4", cuts[i], tmp)))
              for i in ids}
variants = {"levels": shape, "changes": lambda e: np.diff(shape(e))}
errors = {k: [] for k in variants}; same = {k: [] for k in variants}; other = {k: [] for k in variants}
for k, i in enumerate(ids):
    front, side = curves[i]
    foreign = curves[ids[(k + 1) % len(ids)]][1]
    for name, f in variants.items():
        lag, r = best_lag(f(front), f(side))
        errors[name].append(abs(lag / fps + cuts[i]))
        same[name].append(r)
        other[name].append(best_lag(f(front), f(foreign))[1])
for name in variants:
    e = np.array(errors[name])
    print(f"{name:8s} aligned within 0.2 s: {np.sum(e <= 0.2)}/{len(e)}; correlation matching views "
          f"{min(same[name]):.2f}-{max(same[name]):.2f} (median {np.median(same[name]):.2f}), "
          f"another routine's view {min(other[name]):.2f}-{max(other[name]):.2f} (median {np.median(other[name]):.2f})")
