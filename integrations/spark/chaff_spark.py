"""Run chaff as a stage of a Spark job.

Each partition of documents streams through one `chaff filter` subprocess speaking the JSONL
contract: documents in (`{"id": ..., "text": ...}`, one per line, on stdin), the same documents
out (text replaced by the kept text, plus a `chaff` field with per-line labels) on stdout. The
binary and the model reach the executors as files (`SparkContext.addFile` here, or
`spark-submit --files`), so nothing is installed on the cluster.

    from chaff_spark import filter_documents, total_stats
    kept = filter_documents(spark, docs_df, chaff_bin="target/release/chaff",
                            model="models/default.chaff")
    stats = total_stats(kept)        # documents, lines kept / dropped per label

The kept text equals what `chaff filter --alone` gives on one machine: the model and the code
are the same, and each document is judged on its own lines only (`--alone`). A partition is an
arbitrary slice of the data, so judging its documents as a batch (lines recurring across the
pages of a site read as furniture) would make the result depend on how the data was
partitioned.
"""

import json
import os
import subprocess
import threading

from pyspark import SparkFiles
from pyspark.sql import Row

LABELS = ("news", "furniture", "gambling", "marketplace", "other")


def _chaff_command(chaff_bin, model, text_field):
    return [
        chaff_bin, "filter", "-", "--input-format", "jsonl", "--format", "docs",
        "--text-field", text_field, "--model", model, "--threads", "1", "--quiet", "--alone",
    ]


def filter_partition(rows, chaff_bin, model, id_field="id", text_field="text"):
    """Filters one partition's rows (dicts or Rows with an id and a text field) through one chaff
    process; yields one dict per document: id, kept text, and the chaff attribute."""
    proc = subprocess.Popen(
        _chaff_command(chaff_bin, model, text_field),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    sent = []
    errors = []

    def feed():
        # Writing and reading at once: a big partition would fill the pipes otherwise.
        try:
            for row in rows:
                rec = row.asDict() if hasattr(row, "asDict") else dict(row)
                doc = {id_field: rec[id_field], text_field: rec[text_field]}
                sent.append(doc[id_field])
                proc.stdin.write((json.dumps(doc) + "\n").encode("utf-8"))
        except Exception as e:  # reported after the process ends
            errors.append(e)
        finally:
            proc.stdin.close()

    writer = threading.Thread(target=feed)
    writer.start()
    out = []
    for line in proc.stdout:
        rec = json.loads(line)
        out.append({
            id_field: rec[id_field],
            "kept_text": rec[text_field],
            "chaff": rec["chaff"],
        })
    writer.join()
    stderr = proc.stderr.read().decode("utf-8", "replace")
    code = proc.wait()
    if errors:
        raise errors[0]
    if code != 0:
        # 2 means records were skipped: nothing may be lost silently, so the task fails.
        raise RuntimeError(f"chaff exited with {code}: {stderr.strip()}")
    if len(out) != len(sent):
        raise RuntimeError(f"chaff returned {len(out)} documents for {len(sent)}")
    for rec in out:
        yield rec


def filter_documents(spark, docs, chaff_bin, model, id_field="id", text_field="text"):
    """Filters a DataFrame of documents; returns a DataFrame of (id, kept_text, chaff JSON,
    paragraphs, kept, dropped_<label>...). The binary and model are shipped with addFile."""
    sc = spark.sparkContext
    # The executors import this module to run the partitions: ship it with the job.
    sc.addPyFile(os.path.abspath(__file__))
    sc.addFile(os.path.abspath(chaff_bin))
    sc.addFile(os.path.abspath(model))
    bin_name = os.path.basename(chaff_bin)
    model_name = os.path.basename(model)

    def run(rows):
        local_bin = SparkFiles.get(bin_name)
        os.chmod(local_bin, 0o755)
        for rec in filter_partition(rows, local_bin, SparkFiles.get(model_name), id_field, text_field):
            attr = rec["chaff"]
            fields = {
                id_field: rec[id_field],
                "kept_text": rec["kept_text"],
                "chaff": json.dumps(attr),
                "paragraphs": attr["paragraphs"],
                "kept": attr["kept"],
            }
            for label in LABELS:
                fields["dropped_" + label] = attr["dropped"].get(label, 0)
            yield Row(**fields)

    return docs.select(id_field, text_field).rdd.mapPartitions(run).toDF()


def partition_stats(kept_df):
    """Per-partition totals (documents, paragraphs, kept, dropped per label), computed on the
    executors; the driver gets one small dict per partition."""
    def stats(rows):
        s = {"documents": 0, "paragraphs": 0, "kept": 0}
        s.update({"dropped_" + l: 0 for l in LABELS})
        for r in rows:
            s["documents"] += 1
            s["paragraphs"] += r["paragraphs"]
            s["kept"] += r["kept"]
            for l in LABELS:
                s["dropped_" + l] += r["dropped_" + l]
        yield s
    return kept_df.rdd.mapPartitions(stats).collect()


def total_stats(kept_df):
    """The per-partition stats, added up by the driver."""
    total = {}
    for s in partition_stats(kept_df):
        for k, v in s.items():
            total[k] = total.get(k, 0) + v
    return total
