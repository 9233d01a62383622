#!/usr/bin/env bash
# The recipe of the shipped models: four rate points of an N=64/M=96 mbt2018-mean
# QR codec, the middle one trained first and the others warm-started from it.
# Resumable: re-running continues every rate point from its checkpoint.
#   SOFT_BASE, SOFT_WARM, PRED: step counts (defaults: about 2 CPU-hours on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
SHARDS='data/photos/train/*.tar'
CK=${CHECKPOINTS:-checkpoints}
SOFT_BASE=${SOFT_BASE:-5000}
SOFT_WARM=${SOFT_WARM:-2000}
PRED=${PRED:-400}
[ -e data/photos/train ] || "$PY" jobs/prepare_photos.py
run() {  # name lambda soft_steps [init]
  local init=()
  [ -n "${4:-}" ] && init=(--init-from "$CK/$4/state.pt")
  "$PY" jobs/train.py --shards "$SHARDS" --checkpoint-dir "$CK/$1" --lmbda "$2" \
    --soft-steps "$3" --predictive-steps "$PRED" --val-images 'data/photos/val/*.png' "${init[@]}" --export "qr-mbt2018-mean-$1"
}
run q2 0.0067 "$SOFT_BASE"
run q3 0.018 "$SOFT_WARM" q2
run q1 0.0012 "$SOFT_WARM" q2
run q4 0.090 "$SOFT_WARM" q3
