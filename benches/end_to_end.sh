#!/usr/bin/env bash
# End-to-end throughput of `chaff filter` on a WET-like file built from the dev pages:
# gzip-compressed WARC conversion records in, gzip-compressed filtered WARC out.
#
#     benches/end_to_end.sh [COPIES]      # default 1 copy of the dev pages (~10 MB of text)
#
# Prints MB/s of page text and lines/s for 1 and 2 threads, and the peak RSS (GNU time).
# One core is one core: the 1-thread run is pinned with taskset, so the reader and writer
# threads share that core too. Needs ../shared/data/dev (not shipped) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-1}
dev=../shared/data/dev
[ -d "$dev" ] || { echo "$dev not found: this benchmark needs the dev data" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$dev" "$work/dev.warc.wet.gz" "$copies" <<'EOF'
import collections, gzip, json, os, sys
dev, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
pages = collections.OrderedDict()
for name in sorted(os.listdir(dev)):
    if name.startswith(("htmlclean", "wcxb")):
        for line in gzip.open(os.path.join(dev, name), "rt", encoding="utf-8"):
            r = json.loads(line)
            pages.setdefault(r["doc"], (r["site"] or r["doc"].replace("/", "-"), []))[1].append((r["line"], r["text"]))
with gzip.open(out, "wb") as f:
    n = 0
    for c in range(copies):
        for doc, (site, lines) in pages.items():
            body = "\n".join(t for _, t in sorted(lines)).encode("utf-8")
            # Each copy is a site of its own: a line recurs across the pages of its dev site,
            # as in a crawl, not across the copies.
            uri = f"http://c{c}.{site}/{n}".encode("utf-8")
            f.write(b"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: %s\r\n"
                    b"WARC-Record-ID: <urn:uuid:%08d>\r\nContent-Type: text/plain\r\n"
                    b"Content-Length: %d\r\n\r\n" % (uri, n, len(body)) + body + b"\r\n\r\n")
            n += 1
print(f"{n} pages", file=sys.stderr)
EOF

cargo build --release --quiet
bin=target/release/chaff
text_mb=$(zcat "$work/dev.warc.wet.gz" | wc -c | awk '{print $1 / 1e6}')
lines=$("$bin" filter -q --format jsonl "$work/dev.warc.wet.gz" | wc -l)
echo "input: $(du -h "$work/dev.warc.wet.gz" | cut -f1) gzip, ${text_mb} MB of WARC, ${lines} lines"
for threads in 1 2; do
    pin=()
    [ "$threads" = 1 ] && pin=(taskset -c 0)
    /usr/bin/time -f "%e %M" -o "$work/time" \
        "${pin[@]}" "$bin" filter -q -j "$threads" "$work/dev.warc.wet.gz" -o "$work/out.warc.wet.gz"
    read -r secs rss < "$work/time"
    awk -v t="$threads" -v s="$secs" -v mb="$text_mb" -v l="$lines" -v r="$rss" 'BEGIN {
        printf "%d thread(s): %.1f s, %.1f MB/s, %.0f lines/s, peak RSS %.0f MB\n", t, s, mb / s, l / s, r / 1024 }'
done
