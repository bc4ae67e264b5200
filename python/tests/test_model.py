"""The bindings against the `chaff` binary on the same pages: labels and kept flags byte for
byte, probabilities to 1e-6 (once rounded as the CLI writes them), kept text and the docs
format's attribute exactly; and what bad input raises."""

import collections
import os
import subprocess
import threading
import time

import pytest

import chaff
from chaff_cli import doc_index, json_lines, rounded_like_cli, run_chaff

PROB_TOLERANCE = 1e-6
BUS_STORY = "The council voted on Tuesday to expand the night bus network after a year-long trial."


def assert_same_as_cli(verdicts, records, what):
    """`verdicts` (chaff.Verdict) equal the CLI's jsonl `records` of the same page."""
    got = [(v.line, v.label, v.kept) for v in verdicts]
    want = [(r["line"], r["label"], r["kept"]) for r in records]
    assert got == want, what
    for v, r in zip(verdicts, records):
        assert set(v.probs) == set(r["probs"]) == set(chaff.LABELS)
        for label, p in v.probs.items():
            assert abs(rounded_like_cli(p) - r["probs"][label]) <= PROB_TOLERANCE, (what, v, r)


def cli_records_by_page(out, index_of):
    by_page = collections.defaultdict(list)
    for rec in json_lines(out):
        by_page[index_of(rec["doc"])].append(rec)
    return by_page


def test_filter_equals_cli_on_each_page_alone(chaff_bin, pages, tmp_path):
    for i, (_, _, text) in enumerate(pages):
        (tmp_path / f"{i:03d}.txt").write_text(text, encoding="utf-8", newline="")
    out = run_chaff(chaff_bin, tmp_path, "--alone", "--format", "jsonl")
    by_page = cli_records_by_page(out, lambda doc: int(os.path.basename(doc)[:3]))
    model = chaff.Model()
    for i, (doc_id, _, text) in enumerate(pages):
        assert_same_as_cli(model.filter(text), by_page[i], doc_id)


def test_filter_of_one_page_equals_cli_on_that_page(chaff_bin, pages, tmp_path):
    # One page in a batch has no other page to repeat it: judged as alone.
    doc_id, _, text = pages[0]
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    records = json_lines(run_chaff(chaff_bin, path, "--format", "jsonl"))
    assert_same_as_cli(chaff.Model().filter(text), records, doc_id)
    kept = run_chaff(chaff_bin, path, "--format", "text")
    assert chaff.Model().kept_text(text) == kept


def test_filter_batch_equals_cli_on_the_same_documents(chaff_bin, pages, pages_jsonl):
    out = run_chaff(chaff_bin, pages_jsonl, "--format", "jsonl")
    by_page = cli_records_by_page(out, doc_index)
    model = chaff.Model()
    texts = [text for _, _, text in pages]
    urls = [url for _, url, _ in pages]
    judged = model.filter_batch(texts, urls)
    assert len(judged) == len(pages)
    for i, verdicts in enumerate(judged):
        assert_same_as_cli(verdicts, by_page[i], pages[i][0])
    # The site's other pages changed some labels: the comparison above is of batch judging.
    alone = [model.filter(text) for text in texts]
    changed = sum(a.label != b.label for page_a, page_b in zip(judged, alone)
                  for a, b in zip(page_a, page_b))
    assert changed > 0, "no line was judged differently with its site's other pages"
    assert model.filter_batch(texts, urls, alone=True) == alone


def test_filter_batch_is_the_same_on_one_or_all_cores(pages):
    model = chaff.Model()
    texts = [text for _, _, text in pages]
    urls = [url for _, url, _ in pages]
    assert model.filter_batch(texts, urls, threads=1) == model.filter_batch(texts, urls, threads=2)


def test_pages_without_urls_are_one_site(pages):
    """As `chaff filter` does with plain files: pages without a URL are judged together."""
    model = chaff.Model()
    texts = [text for _, _, text in pages]
    assert model.filter_batch(texts) == model.filter_batch(texts, [None] * len(texts))
    one_site = ["https://one.example/"] * len(texts)
    assert model.filter_batch(texts) == model.filter_batch(texts, one_site)
    assert chaff.site_of(None) == ""
    url = "https://www.harbourgazette.example/news/1?x=2"
    assert chaff.site_of(url) == "www.harbourgazette.example"


def test_kept_text_and_attribute_equal_the_docs_format(chaff_bin, pages, pages_jsonl):
    docs = json_lines(run_chaff(chaff_bin, pages_jsonl, "--format", "docs"))
    assert [d["id"] for d in docs] == [doc_id for doc_id, _, _ in pages]
    texts = [text for _, _, text in pages]
    judged = chaff.Model().filter_batch(texts, [url for _, url, _ in pages])
    for doc, text, verdicts in zip(docs, texts, judged):
        assert chaff.kept_text(text, verdicts) == doc["text"], doc["id"]
        assert chaff.attribute(verdicts) == doc["chaff"], doc["id"]


def test_dropped_lines_and_kept_text_make_the_page(pages):
    model = chaff.Model()
    for _, _, text in pages:
        verdicts = model.filter(text)
        kept_lines = [line for line in model.kept_text(text).splitlines() if line.strip()]
        dropped = chaff.dropped_lines(text, verdicts)
        assert len(kept_lines) + len(dropped) == len(verdicts)
        assert sorted(kept_lines + dropped) == sorted(l for l in text.splitlines() if l.strip())


def test_verdicts_carry_line_label_probs_kept():
    text = "Home\n\n" + BUS_STORY
    verdicts = chaff.Model().filter(text)
    assert [v.line for v in verdicts] == [1, 3]
    for v in verdicts:
        assert v.label in chaff.LABELS
        assert list(v.probs) == list(chaff.LABELS)
        assert abs(sum(v.probs.values()) - 1.0) < 1e-5
        # The policy's label: a kept line the most probable kept label (the default keeps
        # news), a dropped line the most probable of the others.
        side = [label for label in chaff.LABELS if (label == "news") == v.kept]
        assert v.label == max(side, key=v.probs.get)
        assert v.to_dict() == {"line": v.line, "label": v.label, "probs": v.probs, "kept": v.kept}
        assert repr(v).startswith(f"Verdict(line={v.line}, label='{v.label}'")


def test_keep_and_threshold_are_the_clis(chaff_bin, pages, tmp_path):
    _, _, text = pages[1]
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    model = chaff.Model(keep="news,other", threshold=0.3)
    assert model.keep == ["news", "other"] and model.threshold == pytest.approx(0.3)
    records = json_lines(run_chaff(chaff_bin, path, "--format", "jsonl", "--keep", "news,other",
                                   "--threshold", "0.3"))
    assert_same_as_cli(model.filter(text), records, "keep news,other")
    assert chaff.Model(keep=["news", "other"], threshold=0.3).filter(text) == model.filter(text)
    # Keeping news only, the default threshold is the model's own; keeping more, 0.5.
    assert chaff.Model().threshold != 0.5
    assert chaff.Model(keep="news,other").threshold == 0.5


def test_a_model_file_is_read(tmp_path):
    default = os.path.join(os.path.dirname(__file__), "..", "..", "models", "default.chaff")
    model = chaff.Model(default)
    assert model.path is not None
    text = "Home\n" + BUS_STORY
    assert model.filter(text) == chaff.Model().filter(text)


@pytest.mark.parametrize("bad, type_name", [(None, "NoneType"), (b"Home\nNews", "bytes"),
                                            (42, "int")])
def test_a_page_that_is_not_str_is_refused_by_name(bad, type_name):
    model = chaff.Model()
    with pytest.raises(TypeError, match=f"text must be str, not {type_name}"):
        model.filter(bad)
    with pytest.raises(TypeError, match=f"text must be str, not {type_name}"):
        model.kept_text(bad)
    with pytest.raises(TypeError, match=rf"texts\[1\] must be str, not {type_name}"):
        model.filter_batch(["A page.", bad])
    if bad is not None:  # a page without a URL has None
        with pytest.raises(TypeError, match=rf"urls\[0\] must be str, not {type_name}"):
            model.filter_batch(["A page."], [bad])


def test_bytes_get_a_hint_to_decode():
    with pytest.raises(TypeError, match="decode it first"):
        chaff.Model().filter(b"Home")


def test_urls_must_match_the_texts():
    with pytest.raises(ValueError, match="2 urls for 1 texts"):
        chaff.Model().filter_batch(["A page."], ["https://a.example/", "https://b.example/"])


def test_a_corrupt_model_file_raises_chaff_error_naming_it(tmp_path):
    garbage = tmp_path / "garbage.chaff"
    garbage.write_bytes(b"this is not a model\n" * 10)
    with pytest.raises(chaff.ChaffError, match=r"garbage\.chaff: not a chaff model"):
        chaff.Model(garbage)
    default = os.path.join(os.path.dirname(__file__), "..", "..", "models", "default.chaff")
    truncated = tmp_path / "truncated.chaff"
    truncated.write_bytes(open(default, "rb").read()[:1000])
    with pytest.raises(chaff.ChaffError, match=r"truncated\.chaff: "):
        chaff.Model(str(truncated))
    assert issubclass(chaff.ChaffError, ValueError)


def test_a_missing_model_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.chaff"):
        chaff.Model(tmp_path / "missing.chaff")


def test_bad_settings_raise():
    with pytest.raises(ValueError, match="unknown label"):
        chaff.Model(keep="news,spam")
    with pytest.raises(chaff.ChaffError, match="out of range"):
        chaff.Model(threshold=1.5)


def test_lone_surrogates_are_replaced_not_refused():
    text = "The council met on Tuesday \udcff to vote on the budget."
    clean = "The council met on Tuesday \ufffd to vote on the budget."
    assert chaff.Model().filter(text) == chaff.Model().filter(clean)


def test_filter_batch_releases_the_gil(pages):
    """Another Python thread runs while filter_batch judges."""
    model = chaff.Model()

    def ticks_during_batch(texts):
        ticks = []
        stop = threading.Event()

        def tick():
            while not stop.is_set():
                ticks.append(time.perf_counter())
                time.sleep(0.001)

        ticker = threading.Thread(target=tick)
        ticker.start()
        try:
            start = time.perf_counter()
            model.filter_batch(texts, threads=1)
            end = time.perf_counter()
        finally:
            stop.set()
            ticker.join()
        # Ticks well inside the call: the thread ran while Rust judged.
        return end - start, [t for t in ticks if start + 0.02 < t < end - 0.02]

    # Enough pages for a call of a fifth of a second at least, however fast the machine.
    copies = 40
    seconds, inside = ticks_during_batch([text for _, _, text in pages] * copies)
    while seconds < 0.2 and copies < 40 * 4**3:
        copies *= 4
        seconds, inside = ticks_during_batch([text for _, _, text in pages] * copies)
    assert seconds >= 0.2, "the batch is too small to tell"
    assert len(inside) >= 10, f"{len(inside)} ticks in {seconds:.2f} s"


def test_a_model_adapted_to_a_site_is_read_and_judges_as_the_cli(chaff_bin, tmp_path):
    """`chaff-train --from` adapts the model to three labelled pages of a hand-written site; the
    bindings load the adapted model and judge the site's other page, by its adapter, as
    `chaff filter --model` does."""
    train_bin = os.path.join(os.path.dirname(chaff_bin), "chaff-train")
    if not os.path.exists(train_bin):
        pytest.fail(f"{train_bin} is missing: run `cargo build --release --features train`")
    stories = [
        ("Ferry timetable changes from June", "The island ferry will sail twice more each day "
         "from June, the operator said, after complaints about crowded evening crossings."),
        ("Market hall to reopen after repairs", "The old market hall will reopen in the spring "
         "after a year of repairs to its roof, which was damaged by a fire in the bakery."),
        ("Cycle path to link the two villages", "A cycle path between the two villages will be "
         "built this summer, paid for by a grant from the county's road safety fund."),
        ("Choir wins regional prize", "The town choir won the regional prize on Saturday with "
         "a programme of folk songs that its director arranged for the competition."),
    ]
    files = []
    for i, (head, body) in enumerate(stories):
        lines = [f"{head} | Island Courier", "Home", "Ferries", "Weather", "Letters",
                 "Sponsored: book your crossing early and save", head, body,
                 "Share this story", "Copyright 2026 Island Courier"]
        path = tmp_path / f"p{i}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(path)
    labels = tmp_path / "labels.jsonl"
    subprocess.run([chaff_bin, "label", *map(str, files[:3]), "-o", str(labels), "-q"],
                   check=True)
    adapted = tmp_path / "mine.chaff"
    subprocess.run([train_bin, "--from", os.path.join(os.path.dirname(__file__), "..", "..",
                    "models", "default.chaff"), "--data", str(labels), "--out", str(adapted)],
                   check=True, capture_output=True)
    model = chaff.Model(str(adapted))
    records = json_lines(run_chaff(chaff_bin, "--format", "jsonl", "--model", adapted, files[3]))
    assert_same_as_cli(model.filter(files[3].read_text(encoding="utf-8")), records, "adapted")
