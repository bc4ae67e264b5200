"""Type stubs of the compiled module `chaff._chaff` (re-exported by `chaff`)."""

from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import Any, Literal, Optional, Union, final

Label = Literal["news", "furniture", "gambling", "marketplace", "other"]

LABELS: tuple[Label, ...]
"""The labels, in the order of the model's probabilities."""
WINDOW_BYTES: int
"""Text judged together for site repetition by `Model.filter_batch` (as `chaff filter`)."""
WINDOW_PAGES: int
"""Pages in a repetition window at most."""
__version__: str

class ChaffError(ValueError):
    """An error chaff reports: a model file that is not one or is damaged, a bad setting."""

@final
class Verdict:
    """The model's decision on one line (a non-blank line) of a page."""

    @property
    def line(self) -> int:
        """1-based line number in the page, blank lines counted."""
    @property
    def label(self) -> Label:
        """The label the policy gives the line: a kept line the most probable kept label, a
        dropped line the most probable of the others."""
    @property
    def kept(self) -> bool:
        """Whether the model's policy keeps the line."""
    @property
    def probs(self) -> dict[Label, float]:
        """The probability of each label."""
    def to_dict(self) -> dict[str, Any]:
        """`{"line", "label", "probs", "kept"}`."""
    def __eq__(self, other: object) -> bool: ...

@final
class Model:
    """A trained line classifier and the policy that keeps lines."""

    def __init__(
        self,
        path: Optional[Union[str, PathLike[str]]] = None,
        *,
        keep: Optional[Union[str, Iterable[str]]] = None,
        threshold: Optional[float] = None,
    ) -> None:
        """`path`: a model file (default: the embedded model). `keep`: labels whose lines are
        kept ("news,other" or a list; default news). `threshold`: the summed probability of
        those labels a line needs (default: the model's own news threshold when keeping news
        only, else 0.5). Raises FileNotFoundError/OSError for a file that cannot be read,
        ChaffError for one that is not a chaff model or is damaged, ValueError for a bad
        label."""
    def filter(self, text: str) -> list[Verdict]:
        """The verdict on every (non-blank) line of one page, judged alone."""
    def kept_text(self, text: str) -> str:
        """The kept text of one page, judged alone: kept lines and blank lines."""
    def filter_batch(
        self,
        texts: Iterable[str],
        urls: Optional[Iterable[Optional[str]]] = None,
        *,
        threads: int = 0,
        alone: bool = False,
    ) -> list[list[Verdict]]:
        """The verdicts on many pages, one list per page, in order, on `threads` cores (0: all)
        with the GIL released. Each page is judged with the other pages of its site (the host
        of its URL; pages without one form one site) in windows of WINDOW_BYTES of text or
        WINDOW_PAGES pages, as `chaff filter` does; `alone=True` judges each page alone."""
    @property
    def keep(self) -> list[Label]: ...
    @property
    def threshold(self) -> float: ...
    @property
    def uses_repetition(self) -> bool:
        """Whether the model reads repetition across a site's pages."""
    @property
    def path(self) -> Optional[Path]:
        """The model file, or None for the embedded default."""

def kept_text(text: str, verdicts: Sequence[Verdict]) -> str:
    """The kept text of a page from its verdicts, as `chaff filter` writes it."""

def dropped_lines(text: str, verdicts: Sequence[Verdict]) -> list[str]:
    """The dropped lines of a page, in order."""

def attribute(verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """The `chaff` field of `chaff filter --format docs`: paragraphs (how many lines the page
    has), kept, dropped per label, and `lines` as [line, label, kept]."""

def site_of(url: Optional[str]) -> str:
    """The site of a page for `filter_batch`: its URL's host ("" for None)."""
