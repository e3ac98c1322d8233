#!/usr/bin/env bash
# Triage engine and the sklearn baseline on the same labelled set, trained on the same rows.
#   scripts/compare_triage.sh [EVAL.tsv]     (default: data/dev/dev-calls.tsv)
# Needs a build (make build): the model, liandong-eval and the exported training set.
# A set under data/blind/ is scored with --blind: the figures only, never a row's text.
# A set with a title column (online posts): the engine reads title and body; the baseline,
# which reads one text, gets title + "。" + body.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
EVAL=${1:-data/dev/dev-calls.tsv}
TRAINING_SET=$BUILD_DIR/model/training-set.tsv
PREDICTIONS=$(mktemp)
MERGED=$(mktemp --suffix=.tsv)
trap 'rm -f "$PREDICTIONS" "$MERGED"' EXIT
BLIND=()
case "$EVAL" in *blind/*) BLIND=(--blind) ;; esac

"$BUILD_DIR/tools/eval/liandong-eval" "${BLIND[@]}" \
  --title "liandong engine (linear model + safety layer)" "$EVAL"
echo
BASELINE_EVAL=$EVAL
if head -1 "$EVAL" | tr '\t' '\n' | grep -qx title; then
  /usr/bin/python3 - "$EVAL" "$MERGED" <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f, \
     open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
    rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
    w = csv.DictWriter(out, fieldnames=[c for c in rows.fieldnames if c != "title"],
                       delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
    w.writeheader()
    for r in rows:
        title = r.pop("title")
        if title and title != "-":
            r["text"] = title + "。" + r["text"]
        w.writerow(r)
PY
  BASELINE_EVAL=$MERGED
fi
# Its last line is the one-at-a-time throughput, handed to liandong-eval with its predictions.
out=$(/usr/bin/python3 scripts/triage_baseline.py "$TRAINING_SET" "$BASELINE_EVAL" "$PREDICTIONS")
echo "$out" | head -n -1
"$BUILD_DIR/tools/eval/liandong-eval" "${BLIND[@]}" --predictions "$PREDICTIONS" \
  --per_second "$(echo "$out" | tail -n 1)" --title "baseline (jieba + TF-IDF + LinearSVC)" "$EVAL"
