#!/usr/bin/env bash
# make demo: runs what the tool can do today on a sample clip.
# Until `routine report` lands (issue 8), the demo shows the decoder's view of a clip;
# it will then run the report job on samples/ with the bundled model.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUTINE=${1:-.build/release/routine}
OUT=demo-reports
mkdir -p "$OUT"
if ls samples/*.mp4 >/dev/null 2>&1; then
  clips=(samples/*.mp4)
else
  clip="$OUT/sample-clip.mp4"
  [ -s "$clip" ] || ffmpeg -v error -y -f lavfi -i "testsrc2=size=640x360:rate=30" -t 4 -c:v libx264 -pix_fmt yuv420p "$clip"
  clips=("$clip")
fi
for clip in "${clips[@]}"; do
  "$ROUTINE" inspect "$clip"
  echo
done
echo "demo: 'routine report' is not implemented yet; outputs will go to $OUT/"
