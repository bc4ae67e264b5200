"""trafilatura on the dev pages, scored as `chaff eval` scores the kept text of news pages.

    pip install trafilatura lxml_html_clean
    python3 benches/baselines/trafilatura_dev.py [../shared/data/dev]

The pages' text carries no HTML: each page is given as its first line in <title> and one <p> per line.
A line counts as kept when trafilatura's output holds it (as a line, or, for lines of 30
characters or more, anywhere in the text). Character F1 weighs each line by its length, as
`chaff eval` does; only pages with a news line count. `newsfixtures` (newspaper and goose3 test
pages) is reported apart from the six benchmark sources.
"""
import collections
import gzip
import html
import json
import os
import re
import sys

import trafilatura

DEV = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/dev"
NEWSFIXTURES = ("newspaper", "goose3")


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def f1(tp, fp, fn):
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


pages = collections.defaultdict(list)
for name in sorted(os.listdir(DEV)):
    for line in gzip.open(os.path.join(DEV, name), "rt"):
        r = json.loads(line)
        pages[r["doc"]].append(r)

# per group: line tp, fp, fn, then the same in characters; and the pages counted
tallies = collections.defaultdict(lambda: [0] * 6)
counted = collections.Counter()
for lines in pages.values():
    lines.sort(key=lambda r: r["line"])
    if not any(r["label"] == "news" for r in lines):
        continue
    group = "newsfixtures" if lines[0]["source"] in NEWSFIXTURES else "six benchmark sources"
    counted[group] += 1
    body = "".join(f"<p>{html.escape(r['text'])}</p>\n" for r in lines)
    page = (f"<html><head><title>{html.escape(lines[0]['text'])}</title></head>"
            f"<body>{body}</body></html>")
    out = trafilatura.extract(page, include_comments=False, include_tables=True) or ""
    out_lines = {norm(x) for x in out.split("\n") if x.strip()}
    out_text = norm(out)
    for r in lines:
        text = norm(r["text"])
        kept = bool(text) and (text in out_lines or (len(text) >= 30 and text in out_text))
        gold = r["label"] == "news"
        n = len(r["text"])
        t = tallies[group]
        if kept and gold:
            t[0] += 1
            t[3] += n
        elif kept:
            t[1] += 1
            t[4] += n
        elif gold:
            t[2] += 1
            t[5] += n

for group, t in sorted(tallies.items()):
    print(f"{group}: {counted[group]} news pages, char F1 {f1(*t[3:]):.3f} "
          f"(P {t[3] / max(1, t[3] + t[4]):.3f}, R {t[3] / max(1, t[3] + t[5]):.3f}), "
          f"line F1 {f1(*t[:3]):.3f}")
