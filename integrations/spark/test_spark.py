"""End-to-end check of the Spark integration (run by .ci/run after `cargo test --release`).

Starts Spark in local mode with 2 cores, filters 300 hand-made dumps split over 6 partitions
through chaff_spark, and checks that every document's kept text and line labels equal what
`chaff filter --alone` gives on one machine, and that the per-partition counts add up.

    python3 integrations/spark/test_spark.py      # needs pyspark, Java, target/release/chaff
"""

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

from chaff_spark import LABELS, filter_documents, partition_stats, total_stats  # noqa: E402


def dumps(n):
    """n varied dumps from the repo's own sample page and fixtures (nothing from ../shared)."""
    sample = open(os.path.join(REPO, "samples", "news-with-spam.txt"), encoding="utf-8").read()
    lines = sample.split("\n")
    fixtures = {}
    for rec in map(json.loads, open(os.path.join(REPO, "training", "fixtures", "pages.jsonl"))):
        fixtures.setdefault(rec["doc"], []).append(rec["text"])
    pages = list(fixtures.values())
    out = []
    for i in range(n):
        page = pages[i % len(pages)]
        body = [l for j, l in enumerate(lines) if (j + i) % 7 != 0]
        text = "\n".join([f"Edition {i}: " + page[0]] + page[1:] + body[: 10 + i % 20])
        out.append({"id": f"doc-{i:04d}", "text": text})
    return out


def main():
    chaff = os.path.join(REPO, "target", "release", "chaff")
    model = os.path.join(REPO, "models", "default.chaff")
    if not os.path.exists(chaff):
        sys.exit(f"{chaff} is missing: run `cargo build --release` first")
    docs = dumps(300)
    with tempfile.TemporaryDirectory() as tmp:
        shard = os.path.join(tmp, "shard.jsonl")
        with open(shard, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d) + "\n")
        single_path = os.path.join(tmp, "single.jsonl")
        subprocess.run([chaff, "filter", shard, "--format", "docs", "--model", model,
                        "-o", single_path, "--quiet", "--alone"], check=True)
        single = {r["id"]: r for r in map(json.loads, open(single_path, encoding="utf-8"))}

    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master("local[2]").appName("chaff-test")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        df = spark.createDataFrame(docs).repartition(6)
        assert df.rdd.getNumPartitions() == 6
        kept = filter_documents(spark, df, chaff, model).cache()
        rows = {r["id"]: r for r in kept.collect()}
        per_partition = partition_stats(kept)
        total = total_stats(kept)
    finally:
        spark.stop()

    assert set(rows) == set(single), "every document comes back, once"
    for doc_id, s in single.items():
        r = rows[doc_id]
        assert r["kept_text"] == s["text"], f"{doc_id}: kept text differs from chaff filter"
        assert json.loads(r["chaff"]) == s["chaff"], f"{doc_id}: line labels differ"
    assert len(per_partition) == 6
    paragraphs = sum(len([l for l in d["text"].split("\n") if l.strip()]) for d in docs)
    dropped = sum(total["dropped_" + l] for l in LABELS)
    assert total["documents"] == len(docs), total
    assert total["paragraphs"] == paragraphs, (total, paragraphs)
    assert total["kept"] + dropped == paragraphs, "kept + dropped = input"
    assert total["kept"] == sum(s["chaff"]["kept"] for s in single.values())
    print(f"spark: {len(docs)} documents over {len(per_partition)} partitions, "
          f"{paragraphs} paragraphs, kept {total['kept']}, dropped {dropped}; "
          f"equal to `chaff filter --alone` on one machine")


if __name__ == "__main__":
    main()
