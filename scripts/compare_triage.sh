#!/usr/bin/env bash
# Triage engine and the sklearn baseline on the same labelled set, trained on the same rows.
#   scripts/compare_triage.sh [EVAL.tsv]     (default: ../shared/data/dev-calls.tsv)
# Needs a build (make build): the model, liandong-eval and the exported training set.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
EVAL=${1:-../shared/data/dev-calls.tsv}
TRAINING_SET=$BUILD_DIR/model/training-set.tsv
PREDICTIONS=$(mktemp)
trap 'rm -f "$PREDICTIONS"' EXIT

"$BUILD_DIR/tools/eval/liandong-eval" --title "liandong engine (linear model + safety layer)" "$EVAL"
echo
# Its last line is the one-at-a-time throughput, handed to liandong-eval with its predictions.
out=$(/usr/bin/python3 scripts/triage_baseline.py "$TRAINING_SET" "$EVAL" "$PREDICTIONS")
echo "$out" | head -n -1
"$BUILD_DIR/tools/eval/liandong-eval" --predictions "$PREDICTIONS" \
  --per_second "$(echo "$out" | tail -n 1)" --title "baseline (jieba + TF-IDF + LinearSVC)" "$EVAL"
