"""Throughput of the Python bindings' `Model.filter_batch` against `chaff filter` on the same
pages, per core and on all cores.

    python3 benches/python_batch.py [--copies N] [--repeats R] [--pages FILE.jsonl]

The pages are the dev pages (../shared/data/dev, not shipped), as benches/end_to_end.sh builds
them, written as JSONL (`id`, `url`, `text`); or any JSONL file of such pages
given with --pages. Both sides judge the same pages the same way, each page with the other
pages of its site (the URL's host) in windows:

- `chaff filter pages.jsonl --format jsonl -o out.jsonl -j N`: reads and parses the JSONL,
  judges, writes one JSON record per line;
- `model.filter_batch(texts, urls, threads=N)`, timed alone: Python strings in, one
  `chaff.Verdict` per line out (and, apart, `chaff.kept_text` and `chaff.attribute` of every
  page, what the datatrove step adds). The Python side's pages are read from the same file before the
  clock starts, as a corpus pipeline holds them in memory already.

One core is one core: the 1-thread runs are pinned to core 0 with taskset (chaff's reader and
writer threads share it), each in its own process. Prints MB/s of page text and lines/s, the
best of R runs each, the runs of both sides interleaved, and what `chaff filter` takes on no
pages at all (start, model load). Needs the `chaff` module installed (pip install ./python) and
the release binary (cargo build --release).
"""

import argparse
import collections
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def dev_pages(dev, out_path, copies):
    """The dev pages as JSONL, each copy a site of its own (as end_to_end.sh does)."""
    pages = collections.OrderedDict()
    for name in sorted(os.listdir(dev)):
        if name.startswith(("htmlclean", "wcxb")):
            for line in gzip.open(os.path.join(dev, name), "rt", encoding="utf-8"):
                r = json.loads(line)
                site = r["site"] or r["doc"].replace("/", "-")
                pages.setdefault(r["doc"], (site, []))[1].append((r["line"], r["text"]))
    n = 0
    with open(out_path, "w", encoding="utf-8") as f:
        for c in range(copies):
            for site, lines in pages.values():
                text = "\n".join(t for _, t in sorted(lines))
                doc = {"id": f"p{n}", "url": f"http://c{c}.{site}/{n}", "text": text}
                f.write(json.dumps(doc) + "\n")
                n += 1


def time_cli(chaff_bin, pages, threads, work):
    out = os.path.join(work, "out.jsonl")
    pin = ["taskset", "-c", "0"] if threads == 1 else []
    start = time.perf_counter()
    subprocess.run(pin + [chaff_bin, "filter", "-q", "-j", str(threads), "--format", "jsonl",
                          pages, "-o", out], check=True)
    return time.perf_counter() - start


PYTHON_RUN = """
import json, sys, time, chaff
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
texts = [d["text"] for d in docs]
urls = [d.get("url") for d in docs]
model = chaff.Model()
start = time.perf_counter()
verdicts = model.filter_batch(texts, urls, threads=int(sys.argv[2]))
elapsed = time.perf_counter() - start
# What the datatrove step adds per page: the kept text and the chaff attribute.
start = time.perf_counter()
for text, v in zip(texts, verdicts):
    chaff.kept_text(text, v), chaff.attribute(v)
after = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "after": after, "lines": sum(map(len, verdicts))}))
"""


def time_python(pages, threads):
    pin = ["taskset", "-c", "0"] if threads == 1 else []
    out = subprocess.run(pin + [sys.executable, "-c", PYTHON_RUN, pages, str(threads)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pages", help="a JSONL file of {id, url, text} pages")
    parser.add_argument("--chaff", default=os.path.join(REPO, "target", "release", "chaff"))
    args = parser.parse_args()
    if not os.path.exists(args.chaff):
        sys.exit(f"{args.chaff} is missing: run `cargo build --release` first")
    if shutil.which("taskset") is None:
        sys.exit("taskset is missing (util-linux): the 1-thread runs are pinned to one core")
    with tempfile.TemporaryDirectory() as work:
        pages = args.pages
        if pages is None:
            dev = os.path.join(REPO, "..", "shared", "data", "dev")
            if not os.path.isdir(dev):
                sys.exit(f"{dev} not found: give --pages FILE.jsonl")
            pages = os.path.join(work, "pages.jsonl")
            dev_pages(dev, pages, args.copies)
        docs = [json.loads(l) for l in open(pages, encoding="utf-8")]
        text_mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
        print(f"{len(docs)} pages, {text_mb:.1f} MB of text; best of {args.repeats} runs")
        empty = os.path.join(work, "empty.jsonl")
        open(empty, "w").close()
        startup = min(time_cli(args.chaff, empty, 1, work) for _ in range(args.repeats))
        print(f"chaff filter on no pages (start, model load, exit): {startup:.2f} s")
        for threads in (1, os.cpu_count() or 1):
            # Interleaved, so that both sides see the same spells of a busy host.
            cli_runs, runs = [], []
            for _ in range(args.repeats):
                cli_runs.append(time_cli(args.chaff, pages, threads, work))
                runs.append(time_python(pages, threads))
            cli = min(cli_runs)
            py = min(r["seconds"] for r in runs)
            lines = runs[0]["lines"]
            for name, secs in (("chaff filter", cli), ("filter_batch", py)):
                print(f"{threads} thread(s) {name:>12}: {secs:6.2f} s, {text_mb / secs:5.1f} MB/s, "
                      f"{lines / secs:8.0f} lines/s")
            print(f"{threads} thread(s) filter_batch / chaff filter: {cli / py:.2f}")
            after = min(r["after"] for r in runs)
            print(f"{threads} thread(s) then kept_text and attribute of every page: {after:.2f} s")


if __name__ == "__main__":
    main()
