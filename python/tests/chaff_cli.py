"""Running the `chaff` binary that the bindings are compared with."""

import json
import math
import struct
import subprocess


def run_chaff(chaff_bin, *args):
    """`chaff filter ARGS -q`'s standard output."""
    done = subprocess.run([chaff_bin, "filter", "-q", *map(str, args)], check=True,
                          capture_output=True, text=True, encoding="utf-8")
    return done.stdout


def json_lines(text):
    return [json.loads(line) for line in text.splitlines()]


def f32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def rounded_like_cli(p):
    """A probability as `chaff filter --format jsonl` writes it: rounded to 4 decimals in f32
    arithmetic, `(p * 1e4).round() / 1e4` (half away from zero; probabilities are >= 0)."""
    return f32(math.floor(f32(f32(p) * f32(1e4)) + 0.5) / f32(1e4))


def doc_index(name):
    """The 0-based record of a `path:LINE` record name (chaff names JSONL records so)."""
    return int(name.rsplit(":", 1)[1]) - 1
