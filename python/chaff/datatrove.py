"""chaff as a datatrove pipeline step (`pip install chaff[datatrove]`).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from chaff.datatrove import ChaffFilter

    LocalPipelineExecutor(pipeline=[
        JsonlReader("shards/"),
        ChaffFilter(exclusion_writer=JsonlWriter("removed/")),
        JsonlWriter("clean/"),
    ]).run()

Each document's text becomes its kept text, and `doc.metadata["chaff"]` says what was done to
it, as the `chaff` field of `chaff filter --format docs` does: `{"paragraphs", "kept",
"dropped": {label: n}, "lines": [[line, label, kept], ...]}`. A document with no line kept is
dropped. Documents are judged in windows, with the other pages of their site (the host of
`doc.metadata["url"]`), exactly as `chaff filter` judges the same documents in the same order.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Any, Optional, Union

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.utils.typeshelper import StatHints

import chaff

# Why a document or its lines went to the exclusion writer (its metadata's "filter_reason").
NO_LINE_KEPT = "chaff: no line kept"
LINES_DROPPED = "chaff: lines dropped"


def _utf8_len(text: str) -> int:
    """The text's length in UTF-8, as chaff counts a window (ASCII, the common case, is free)."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def windows(docs: Iterable[Document]) -> Iterator[list[Document]]:
    """The documents in the windows `chaff filter` cuts: a window ends with the document that
    brings it to `chaff.WINDOW_BYTES` of text or `chaff.WINDOW_PAGES` documents."""
    window: list[Document] = []
    size = 0
    for doc in docs:
        window.append(doc)
        if isinstance(doc.text, str):  # any other text is refused, by name, when judged
            size += _utf8_len(doc.text)
        if size >= chaff.WINDOW_BYTES or len(window) >= chaff.WINDOW_PAGES:
            yield window
            window, size = [], 0
    if window:
        yield window


class ChaffFilter(BaseFilter):
    """Keeps the news lines of each document and drops documents left with none.

    Args:
        model: a chaff model file (default: the model embedded in chaff).
        keep: the labels whose lines are kept (default news), as `chaff.Model`.
        threshold: the summed probability of those labels a line needs (default: the
            model's own), as `chaff.Model`.
        url_key: the metadata field with a document's URL, whose host is its site.
        alone: judge every document on its own, without its site's other pages
            (`chaff filter --alone`).
        threads: cores used to judge a window (default 1: datatrove already runs one task per
            worker; 0 uses every core, for a single worker).
        exclusion_writer: receives every dropped document as it came (filter_reason
            "chaff: no line kept") and, with `exclude_lines`, for each kept document that lost
            lines, a document of those lines (same id, filter_reason "chaff: lines dropped"):
            kept plus excluded is the whole input, line for line.
        exclude_lines: send the dropped lines of kept documents to the exclusion writer too.
    """

    name = "🌾 chaff"

    def __init__(
        self,
        model: Optional[str] = None,
        *,
        keep: Optional[Union[str, list[str]]] = None,
        threshold: Optional[float] = None,
        url_key: str = "url",
        alone: bool = False,
        threads: int = 1,
        exclusion_writer: Optional[DiskWriter] = None,
        exclude_lines: bool = True,
    ):
        super().__init__(exclusion_writer)
        self.model_path = model
        self.keep = keep
        self.threshold = threshold
        self.url_key = url_key
        self.alone = alone
        self.threads = threads
        self.exclude_lines = exclude_lines
        # Loaded where the step runs: executors pickle their steps, and a model is not pickled.
        self._model: Optional[chaff.Model] = None
        # Checked here, so that a bad model or setting fails before any task starts.
        self.model

    @property
    def model(self) -> chaff.Model:
        if self._model is None:
            self._model = chaff.Model(self.model_path, keep=self.keep, threshold=self.threshold)
        return self._model

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_model"] = None
        return state

    def judge(self, docs: list[Document]) -> list[tuple[str, list[chaff.Verdict]]]:
        """The kept text and verdicts of each of `docs`, judged together (one window); their
        text and metadata are left as they are."""
        for doc in docs:
            if not isinstance(doc.text, str):
                raise TypeError(f"chaff: document {doc.id!r} has a text of type "
                                f"{type(doc.text).__name__}, not str")
        urls = [doc.metadata.get(self.url_key) for doc in docs]
        urls = [u if isinstance(u, str) else None for u in urls]
        judged = self.model.filter_batch([doc.text for doc in docs], urls,
                                         threads=self.threads, alone=self.alone)
        return [(chaff.kept_text(doc.text, v), v) for doc, v in zip(docs, judged)]

    def filter(self, doc: Document) -> Union[bool, tuple[bool, str]]:
        """Judges one document alone (datatrove's single-document API); `run` judges
        windows of documents together."""
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: list[Document]) -> list[Union[bool, tuple[bool, str]]]:
        """Judges `batch` together: each document's text becomes its kept text, its metadata
        gets the `chaff` field; a document with no line kept is to be dropped."""
        judged = self.judge(batch)
        return [True if self._apply(doc, kept, v) else (False, NO_LINE_KEPT)
                for doc, (kept, v) in zip(batch, judged)]

    def _apply(self, doc: Document, kept: str, verdicts: list[chaff.Verdict]) -> bool:
        """Writes the `chaff` attribute into the document's metadata, counts its lines, and
        gives it its kept text if it has a line kept (and says whether it has)."""
        attribute = chaff.attribute(verdicts)
        doc.metadata["chaff"] = attribute
        self.stat_update("lines", value=attribute["paragraphs"])
        self.stat_update("lines_kept", value=attribute["kept"])
        for label, n in attribute["dropped"].items():
            self.stat_update(f"lines_dropped_{label}", value=n)
        if attribute["kept"] == 0:
            return False
        doc.text = kept
        return True

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        with self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext() as writer:
            for window in windows(data or ()):
                self.stat_update("windows")
                with self.track_time("window"):
                    judged = self.judge(window)
                for doc, (kept, verdicts) in zip(window, judged):
                    self.stat_update(StatHints.total)
                    original = doc.text
                    if self._apply(doc, kept, verdicts):
                        self.stat_update(StatHints.forwarded)
                        self.update_doc_stats(doc)
                        if writer and self.exclude_lines:
                            self._exclude_lines(writer, rank, doc, original, verdicts)
                        yield doc
                    else:
                        self.stat_update(StatHints.dropped)
                        self.stat_update(f"dropped_{NO_LINE_KEPT}")
                        if writer:
                            doc.metadata["filter_reason"] = NO_LINE_KEPT
                            writer.write(doc, rank)

    @staticmethod
    def _exclude_lines(writer, rank, doc, original, verdicts):
        """Sends the lines a kept document lost, if any, as a document of the same id."""
        lost = chaff.dropped_lines(original, verdicts)
        if lost:
            metadata = {**doc.metadata, "filter_reason": LINES_DROPPED}
            writer.write(Document(text="\n".join(lost), id=doc.id, media=doc.media,
                                  metadata=metadata), rank)
