"""The Spark stage (integrations/spark/chaff_spark.py) in local mode with 2 cores, documents
scattered over 6 partitions: every document's kept text and line labels equal a single-machine
batch run over the same documents (`chaff filter --format docs`), site repetition included."""

import json
import os
import sys

import pytest

from chaff_cli import json_lines, run_chaff
from conftest import REPO, optional_import

optional_import("pyspark")
sys.path.insert(0, os.path.join(REPO, "integrations", "spark"))

from chaff_spark import LABELS, filter_documents, partition_stats, total_stats  # noqa: E402

import chaff  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession
    # The workers run this interpreter, which has chaff installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (SparkSession.builder.master("local[2]").appName("chaff-test")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "6")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_equals_a_single_machine_batch_run(spark, chaff_bin, pages, pages_jsonl):
    single = {d["id"]: d for d in json_lines(run_chaff(chaff_bin, pages_jsonl, "--format", "docs"))}
    rows = [{"id": doc_id, "text": text, "url": url} for doc_id, url, text in pages]
    # Scattered at random: a site's pages start out in different partitions.
    df = spark.createDataFrame(rows, "id string, text string, url string").repartition(6)
    assert df.rdd.getNumPartitions() == 6
    kept = filter_documents(spark, df, partitions=6).cache()
    got = {r["id"]: r for r in kept.collect()}
    per_partition = partition_stats(kept)
    total = total_stats(kept)

    assert set(got) == set(single), "every document comes back, once"
    for doc_id, want in single.items():
        assert got[doc_id]["kept_text"] == want["text"], f"{doc_id}: kept text differs"
        assert json.loads(got[doc_id]["chaff"]) == want["chaff"], f"{doc_id}: labels differ"
    # Judged alone, some lines get other labels: the equality above needs each site whole.
    model = chaff.Model()
    alone = {doc_id: chaff.attribute(model.filter(text)) for doc_id, _, text in pages}
    assert any(alone[d] != single[d]["chaff"] for d in single), "repetition changed nothing"

    assert len(per_partition) == 6
    paragraphs = sum(len([l for l in text.splitlines() if l.strip()]) for _, _, text in pages)
    dropped = sum(total["dropped_" + label] for label in LABELS)
    assert total["documents"] == len(pages)
    assert total["paragraphs"] == paragraphs
    assert total["kept"] + dropped == paragraphs, "kept + dropped = input"


def test_documents_without_a_url_column_are_one_site(spark, pages):
    rows = [{"id": doc_id, "text": text} for doc_id, _, text in pages]
    df = spark.createDataFrame(rows, "id string, text string").repartition(3)
    # A model file reaches the executors through addFile.
    model_file = os.path.join(REPO, "models", "default.chaff")
    kept = filter_documents(spark, df, model=model_file)
    got = {r["id"]: json.loads(r["chaff"]) for r in kept.collect()}
    judged = chaff.Model().filter_batch([text for _, _, text in pages])
    assert got == {doc_id: chaff.attribute(v) for (doc_id, _, _), v in zip(pages, judged)}
