#!/usr/bin/env bash
# make samples: regenerates samples/ — a few short synthetic routines (one per event), their
# ground truth and a manifest — small enough to commit (about 1.5 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUTINE=${1:-.build/release/routine}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$ROUTINE" synth --out "$TMP" --count 5 --seed 42 --size 480x270 --events floor,beam,vault >/dev/null
rm -rf samples && mkdir -p samples/videos
cp "$TMP"/videos/*.mp4 samples/videos/
cp "$TMP/annotations.jsonl" samples/annotations.jsonl
python3 - "$TMP/annotations.jsonl" > samples/manifest.csv <<'PY'
import csv, json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["file", "athlete", "club", "event", "level", "element", "view", "date"])
# One athlete gets a name in Japanese so the demo shows that non-Latin names print.
renamed = {"r0004": "山田 花子"}
for r in rows:
    name = renamed.get(r["id"], r["athlete"].split(" (")[0])
    w.writerow([r["videos"]["side"].split("/", 1)[1], name, r.get("club", ""), r["event"], r["level"], "", "side", "2026-11-21"])
PY
du -sh samples
