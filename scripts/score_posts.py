#!/usr/bin/python3
"""Scores the classifier on long online posts (data/blind/blind-posts.tsv): the issue's figures.

Usage: scripts/score_posts.py [POSTS.tsv] [--joined]
Runs build/services/classification/liandong-classifier --batch on the posts with their title
column (the engine reads a title and a body); --joined sends title + "。" + body as one text, as
the first scores were measured. Prints only aggregate figures, never a row.
"""
import re
import subprocess
import sys
import tempfile

args = [a for a in sys.argv[1:] if not a.startswith("--")]
joined = "--joined" in sys.argv
posts = args[0] if args else "data/blind/blind-posts.tsv"
classifier = "build/services/classification/liandong-classifier"

item_category = {}
category = None
for line in open("deploy/rules/default.textproto", encoding="utf-8"):
    m = re.match(r'^categories \{', line)
    if m:
        category = None
    m = re.match(r'^  id: "([a-z_]+)"', line)
    if m:
        category = m.group(1)
    m = re.match(r'^    id: "([a-z_]+)"', line)
    if m and category:
        item_category[m.group(1)] = category

rows = [l.rstrip("\n").split("\t") for l in open(posts, encoding="utf-8")]
head = rows[0]
col = {name: i for i, name in enumerate(head)}
gold = {}
with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
    if joined or "title" not in col:
        f.write("id\tside\ttext\n")
    else:
        f.write("id\tside\ttitle\ttext\n")
    for r in rows[1:]:
        title = r[col["title"]] if "title" in col else ""
        if joined or "title" not in col:
            text = (title + "。" if title else "") + r[col["text"]]
            f.write(f'{r[col["id"]]}\t{r[col["side"]]}\t{text}\n')
        else:
            f.write(f'{r[col["id"]]}\t{r[col["side"]]}\t{title}\t{r[col["text"]]}\n')
        gold[r[col["id"]]] = (r[col["disposition"]], r[col["item"]], r[col.get("category", 0)])
    batch = f.name
out = subprocess.run([classifier, "--batch", batch], capture_output=True, text=True, check=False)
pred = {}
for line in out.stdout.splitlines():
    parts = line.split("\t")
    if len(parts) >= 3:
        pred[parts[0]] = (parts[1], parts[2] if parts[2] != "-" else "")

n = len(gold)
route = sum(1 for i, g in gold.items() if pred[i][0] == g[0])
non_police = [i for i, g in gold.items() if g[0] in ("TRANSFER_12345", "DIRECT_ANSWER")]
right_domain = sum(1 for i in non_police
                   if pred[i][0] in ("TRANSFER_12345", "DIRECT_ANSWER")
                   and item_category.get(pred[i][1]) == gold[i][2])
emerg = [i for i, g in gold.items() if g[0] == "EMERGENCY_110"]
false_alarms = sum(1 for i, g in gold.items() if g[0] != "EMERGENCY_110" and pred[i][0] == "EMERGENCY_110")
joint = sum(1 for i in gold if pred[i][0] == "JOINT")
print(f"posts                          {n}")
print(f"route accuracy                 {route / n:.3f} ({route}/{n})")
print(f"non-police → 12345, right category {right_domain / len(non_police):.3f} ({right_domain}/{len(non_police)})")
print(f"emergency recall               {sum(1 for i in emerg if pred[i][0] == 'EMERGENCY_110')}/{len(emerg)}")
print(f"EMERGENCY_110 false alarms     {false_alarms / n:.3f} ({false_alarms}/{n})")
print(f"JOINT                          {joint / n:.3f} ({joint}/{n})")
