"""fastText's speed against chaff's on the same text, one core, runs interleaved.

    pip install fasttext
    cargo build --release
    python3 benches/baselines/fasttext_speed.py [../shared/data]

Trains a supervised fastText model with word bigrams on the train lines (`__label__X text`,
default settings otherwise; a few minutes, and a 1 GB model), then times, in turns on core 0:
`chaff filter -j 1` on the dev pages as JSONL (reading, repetition, writing included),
the same with `--alone`, and fastText's predict() on the dev lines (in memory, nothing written).
"""
import collections
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time

import fasttext

DATA = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
CHAFF = os.environ.get("CHAFF", "target/release/chaff")


def records(folder):
    for name in sorted(os.listdir(folder)):
        for line in gzip.open(os.path.join(folder, name), "rt"):
            yield json.loads(line)


work = tempfile.mkdtemp(prefix="chaff-fasttext-")
train = os.path.join(work, "train.txt")
with open(train, "w") as out:
    for r in records(os.path.join(DATA, "train")):
        out.write("__label__%s %s\n" % (r["label"], r["text"].replace("\n", " ")))
model = fasttext.train_supervised(input=train, wordNgrams=2, epoch=5, thread=2, verbose=0)

pages = collections.defaultdict(list)
for r in records(os.path.join(DATA, "dev")):
    pages[r["doc"]].append(r)
docs = os.path.join(work, "dev-docs.jsonl")
lines = []
with open(docs, "w") as out:
    for doc, rs in pages.items():
        rs.sort(key=lambda r: r["line"])
        lines += [r["text"].replace("\n", " ") for r in rs]
        url = "https://%s/" % (rs[0].get("site") or doc)
        out.write(json.dumps({"id": doc, "url": url, "text": "\n".join(r["text"] for r in rs)}) + "\n")
mb = sum(len(t.encode()) for t in lines) / 1e6
print("%d lines, %.2f MB of text" % (len(lines), mb))

os.sched_setaffinity(0, {0})
chaff = ["taskset", "-c", "0", CHAFF, "filter", "-q", "-j", "1", docs, "-o",
         os.path.join(work, "out.jsonl")]
for _ in range(4):
    for name, cmd in (("chaff", chaff), ("chaff --alone", chaff + ["--alone"])):
        t0 = time.time()
        subprocess.run(cmd, check=True)
        dt = time.time() - t0
        print("%-14s %.2f s  %.1f MB/s  %d lines/s" % (name, dt, mb / dt, len(lines) / dt))
    t0 = time.time()
    model.predict(lines)
    dt = time.time() - t0
    print("%-14s %.2f s  %.1f MB/s  %d lines/s" % ("fastText", dt, mb / dt, len(lines) / dt))
