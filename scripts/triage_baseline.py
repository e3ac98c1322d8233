#!/usr/bin/python3
"""Side-by-side baseline for the triage engine: jieba words + TF-IDF + LinearSVC (sklearn).

Trains on exactly the rows the engine's model trains on (liandong-train --export_training_set
writes them: the corpus plus the rule table's phrases), classifies a labelled TSV, writes
predictions (id, disposition, item) for liandong-eval to score with the same figures, and
prints its throughput. Debian's python3-sklearn and python3-jieba; /usr/bin/python3 on purpose
(a python3 earlier on PATH may not see Debian's packages).

  scripts/triage_baseline.py TRAINING_SET.tsv EVAL.tsv PREDICTIONS.tsv
"""
import csv
import logging
import sys
import time

import jieba
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

jieba.setLogLevel(logging.ERROR)
PREFIX = "__label__"


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def words(text):
    return [w for w in jieba.lcut(text) if w.strip()]


def route(label):
    """'__label__TRANSFER_12345/water_outage' -> ('TRANSFER_12345', 'water_outage')."""
    disposition, _, item = label[len(PREFIX):].partition("/")
    return disposition, item or "-"


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    train, evaluate = read_tsv(sys.argv[1]), read_tsv(sys.argv[2])
    model = make_pipeline(
        # Words from jieba, and their bigrams; sublinear tf is the usual choice for short texts.
        TfidfVectorizer(tokenizer=words, lowercase=True, ngram_range=(1, 2), sublinear_tf=True,
                        token_pattern=None),
        LinearSVC(C=1.0, random_state=0),
    )
    start = time.perf_counter()
    model.fit([r["text"] for r in train], [r["label"] for r in train])
    fit_seconds = time.perf_counter() - start
    texts = [r["text"] for r in evaluate]

    # One call at a time, as a live service classifies: the figure the engine is compared with.
    labels, start, calls = [], time.perf_counter(), 0
    while True:
        labels = [model.predict([t])[0] for t in texts]
        calls += len(texts)
        if time.perf_counter() - start >= 1.0:
            break
    per_call = calls / (time.perf_counter() - start)
    start = time.perf_counter()
    model.predict(texts)
    batched = len(texts) / (time.perf_counter() - start)

    with open(sys.argv[3], "w", encoding="utf-8") as out:
        out.write("id\tdisposition\titem\n")
        for row, label in zip(evaluate, labels):
            disposition, item = route(label)
            out.write(f"{row['id']}\t{disposition}\t{item}\n")
    print(f"baseline: trained on {len(train)} rows in {fit_seconds:.1f} s; "
          f"{per_call:.0f} calls/s one at a time, {batched:.0f}/s in one batch")
    print(f"{per_call:.1f}")


if __name__ == "__main__":
    main()
