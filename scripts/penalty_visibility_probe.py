#!/usr/bin/env python3
"""How much of each penalty item the clip tokens show, without the model.

Per rubric item, a logistic regression (L2, class-balanced) from one clip's tokens plus its two
neighbours to "a labelled penalty of the item covers this clip"; trained on one half of the
training split's athletes and scored on the other half, then the halves swapped. Prints per
item the held-out ROC AUC per clip and per routine (the routine's score is its best clip, as
the model's routine-level decision is a max over clips). The test split is never read.

An item the probe cannot rank (routine AUC near 0.5) gives the model little to learn from; the
model itself (`routine evaluate`, ROC AUC column) is usually a few hundredths better.

Usage (numpy required):
    routine features DATASET/videos --out FEATURES --format npy
    scripts/penalty_visibility_probe.py DATASET FEATURES
"""
import json
import os
import sys

import numpy as np


def roc_auc(scores, labels):
    """Mann-Whitney AUC with average ranks for ties; nan when a class is absent."""
    scores = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(labels, dtype=bool)
    positives, negatives = labels.sum(), (~labels).sum()
    if positives == 0 or negatives == 0:
        return float("nan")
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return (ranks[labels].sum() - positives * (positives + 1) / 2) / (positives * negatives)


def load(dataset, features):
    index = json.load(open(os.path.join(features, "index.json")))
    by_video = {v["video"]: v for v in index["videos"]}
    test = set(json.load(open(os.path.join(dataset, "splits.json")))["test"])
    routines = [json.loads(line) for line in open(os.path.join(dataset, "annotations.jsonl"))]
    items = sorted({p["item"] for r in routines for p in r["penalties"]})
    out = []
    for r in routines:
        if r["id"] in test:
            continue
        video = r["video"] if "video" in r else next(iter(r["videos"].values()))
        entry = by_video[os.path.basename(video)]
        tokens = np.load(os.path.join(features, entry["file"])).astype(np.float64)
        labels = np.zeros((tokens.shape[0], len(items)))
        for p in r["penalties"]:
            for c, (start, end) in enumerate(entry["clip_times"]):
                if min(end, p["end"]) > max(start, p["start"]):
                    labels[c, items.index(p["item"])] = 1
        previous = np.vstack([tokens[:1], tokens[:-1]])
        following = np.vstack([tokens[1:], tokens[-1:]])
        out.append((r["athlete"], np.hstack([previous, tokens, following]), labels))
    return items, out


def fit(x, y, steps=300, rate=0.1, decay=1e-2):
    positive_weight = (1 - y.mean()) / max(y.mean(), 1e-3)
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = (p - y) * np.where(y > 0, positive_weight, 1)
        w -= rate * (x.T @ g / len(y) + decay * w)
        b -= rate * g.mean()
    return w, b


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    items, routines = load(sys.argv[1], sys.argv[2])
    athletes = sorted({a for a, _, _ in routines})
    np.random.default_rng(0).shuffle(athletes)
    first_half = set(athletes[: len(athletes) // 2])
    figures = {item: [] for item in items}
    for fold in (0, 1):
        train = [r for r in routines if (r[0] in first_half) == (fold == 0)]
        held = [r for r in routines if (r[0] in first_half) != (fold == 0)]
        x = np.vstack([t for _, t, _ in train])
        mean, scale = x.mean(0), x.std(0) + 1e-6
        x = (x - mean) / scale
        y = np.vstack([l for _, _, l in train])
        held_x = [(t - mean) / scale for _, t, _ in held]
        for j, item in enumerate(items):
            w, b = fit(x, y[:, j])
            clip_scores = [hx @ w + b for hx in held_x]
            clip_auc = roc_auc(np.concatenate(clip_scores), np.concatenate([l[:, j] for _, _, l in held]))
            routine_auc = roc_auc([s.max() for s in clip_scores], [l[:, j].max() > 0 for _, _, l in held])
            figures[item].append((clip_auc, routine_auc))
    print(f"{'penalty item':16s} {'clip AUC':>8s} {'routine AUC':>11s}")
    for item in items:
        clip, routine = np.nanmean(np.array(figures[item]), axis=0)
        print(f"{item:16s} {clip:8.3f} {routine:11.3f}")


if __name__ == "__main__":
    main()
