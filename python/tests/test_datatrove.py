"""chaff.datatrove.ChaffFilter in a datatrove pipeline (JsonlReader -> ChaffFilter ->
JsonlWriter) against `chaff filter --format docs` on the same documents."""

import gzip
import json
import os

import pytest

from chaff_cli import json_lines, run_chaff
from conftest import optional_import

datatrove = optional_import("datatrove")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from chaff.datatrove import LINES_DROPPED, NO_LINE_KEPT, ChaffFilter  # noqa: E402


def read_jsonl_gz(folder):
    docs = []
    for name in sorted(os.listdir(folder)):
        with gzip.open(os.path.join(folder, name), "rt", encoding="utf-8") as f:
            docs += [json.loads(line) for line in f]
    return docs


@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory, pages_jsonl):
    """The pipeline's output, exclusions and stats."""
    work = tmp_path_factory.mktemp("datatrove")
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(pages_jsonl.parent)),
            ChaffFilter(exclusion_writer=JsonlWriter(str(work / "excluded"))),
            JsonlWriter(str(work / "kept")),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(work / "logs"),
    ).run()
    stats = json.load(open(work / "logs" / "stats.json", encoding="utf-8"))
    chaff_stats = next(s for s in stats if "chaff" in s["name"])["stats"]
    return read_jsonl_gz(work / "kept"), read_jsonl_gz(work / "excluded"), chaff_stats


def test_kept_documents_equal_the_docs_format(chaff_bin, pages_jsonl, pipeline_run):
    kept, _, _ = pipeline_run
    cli = json_lines(run_chaff(chaff_bin, pages_jsonl, "--format", "docs"))
    cli_kept = [d for d in cli if d["chaff"]["kept"] > 0]
    assert 0 < len(cli_kept) < len(cli), "some documents kept, some dropped"
    assert [d["id"] for d in kept] == [d["id"] for d in cli_kept]
    for got, want in zip(kept, cli_kept):
        assert got["text"] == want["text"], got["id"]
        assert got["metadata"]["chaff"] == want["chaff"], got["id"]
        assert got["metadata"].get("url") == want.get("url")


def test_dropped_documents_and_lines_go_to_the_exclusion_writer(chaff_bin, pages_jsonl, tmp_path,
                                                              pipeline_run):
    _, excluded, _ = pipeline_run
    rejects_path = tmp_path / "rejects.jsonl"
    cli = json_lines(run_chaff(chaff_bin, pages_jsonl, "--format", "docs",
                               "--rejects", rejects_path))
    originals = {json.loads(line)["id"]: json.loads(line)["text"] for line in open(pages_jsonl)}
    rejects = json_lines(rejects_path.read_text(encoding="utf-8"))
    dropped_docs = [d["id"] for d in cli if d["chaff"]["kept"] == 0]
    reason = lambda d: d["metadata"]["filter_reason"]
    assert [d["id"] for d in excluded if reason(d) == NO_LINE_KEPT] == dropped_docs
    for doc in excluded:
        if reason(doc) == NO_LINE_KEPT:
            assert doc["text"] == originals[doc["id"]], "a dropped document goes out as it came"
    # Lines: the CLI's rejects of each kept document, in order (its records name the document
    # by its JSONL line).
    ids = list(originals)
    lost = {}
    for r in rejects:
        doc_id = ids[int(r["doc"].rsplit(":", 1)[1]) - 1]
        if doc_id not in dropped_docs:
            lost.setdefault(doc_id, []).append(r["text"])
    parts = {d["id"]: d["text"] for d in excluded if reason(d) == LINES_DROPPED}
    assert parts == {doc_id: "\n".join(lines) for doc_id, lines in lost.items()}
    assert parts, "some kept document lost lines"


def test_stats_count_documents_and_lines(chaff_bin, pages_jsonl, pipeline_run):
    _, _, stats = pipeline_run
    cli = json_lines(run_chaff(chaff_bin, pages_jsonl, "--format", "docs"))
    total = lambda key: stats[key]["total"] if isinstance(stats[key], dict) else stats[key]
    assert total("total") == len(cli)
    assert total("dropped") == sum(d["chaff"]["kept"] == 0 for d in cli)
    assert total("forwarded") == sum(d["chaff"]["kept"] > 0 for d in cli)
    assert total("lines") == sum(d["chaff"]["paragraphs"] for d in cli)
    assert total("lines_kept") == sum(d["chaff"]["kept"] for d in cli)
    assert total("lines_dropped_furniture") == sum(d["chaff"]["dropped"].get("furniture", 0)
                                                   for d in cli)


def test_filter_batch_judges_documents_together(pages):
    docs = [Document(text=text, id=doc_id, metadata={"url": url} if url else {})
            for doc_id, url, text in pages]
    step = ChaffFilter()
    results = step.filter_batch(docs)
    assert len(results) == len(pages)
    for doc, result in zip(docs, results):
        assert (result is True) == (doc.metadata["chaff"]["kept"] > 0)
        if result is not True:
            assert result == (False, NO_LINE_KEPT)


def test_a_document_without_text_is_refused_by_id():
    with pytest.raises(TypeError, match="document 'd1' has a text of type NoneType"):
        ChaffFilter().filter_batch([Document(text=None, id="d1")])


def test_a_bad_model_fails_when_the_step_is_made(tmp_path):
    bad = tmp_path / "bad.chaff"
    bad.write_bytes(b"not a model")
    import chaff
    with pytest.raises(chaff.ChaffError, match="not a chaff model"):
        ChaffFilter(str(bad))


def test_the_step_pickles_without_its_model(pages):
    """Executors with several workers pickle their steps: the model is loaded where it runs."""
    import pickle
    step = ChaffFilter(keep="news,other", threshold=0.4)
    copy = pickle.loads(pickle.dumps(step))
    assert copy._model is None
    doc_id, url, text = pages[0]
    a, b = (Document(text=text, id=doc_id, metadata={"url": url}) for _ in range(2))
    assert copy.filter(a) == step.filter(b)
    assert (a.text, a.metadata) == (b.text, b.metadata) and a.metadata["chaff"]["paragraphs"] > 0
    assert copy.model.keep == ["news", "other"] and copy.model.threshold == 0.4
