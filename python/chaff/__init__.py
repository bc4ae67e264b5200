"""chaff: label every line of a scraped news page (news, furniture, gambling, marketplace,
other) and keep the news.

    import chaff
    model = chaff.Model()                       # the embedded default model
    for v in model.filter(page_text):           # one verdict per non-blank line
        print(v.line, v.label, v.kept, v.probs["news"])
    kept = model.kept_text(page_text)
    verdicts = model.filter_batch(texts, urls)  # many pages, all cores, site repetition

`chaff.datatrove.ChaffFilter` is a datatrove pipeline step (`pip install chaff[datatrove]`).
"""

from chaff._chaff import (
    LABELS,
    WINDOW_BYTES,
    WINDOW_PAGES,
    ChaffError,
    Model,
    Verdict,
    __version__,
    attribute,
    dropped_lines,
    kept_text,
    site_of,
)

__all__ = [
    "LABELS",
    "WINDOW_BYTES",
    "WINDOW_PAGES",
    "ChaffError",
    "Model",
    "Verdict",
    "__version__",
    "attribute",
    "dropped_lines",
    "kept_text",
    "site_of",
]
