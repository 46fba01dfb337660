#!/usr/bin/env bash
# make model: regenerates models/default.safetensors — the bundled default model — from a
# synthetic dataset (600 routines, seed 7, split by athlete; training sees only the train
# split). About 10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUTINE=${1:-.build/release/routine}
DATA=${DATA:-model-data/synth-600-seed7}
[ -s "$DATA/annotations.jsonl" ] || "$ROUTINE" synth --out "$DATA" --count 600 --seed 7
mkdir -p models
# train also stores the exemplar pictures (routine exemplars) the reports set beside the faults.
"$ROUTINE" train "$DATA" --out models/default.safetensors --epochs 60 --seed 1
"$ROUTINE" evaluate "$DATA" --model models/default.safetensors --split test
