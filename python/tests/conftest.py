"""Shared fixtures: the `chaff` binary the bindings are compared with, and the hand-written
pages as files it reads."""

import json
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

from pages import site_pages  # noqa: E402


def optional_import(name):
    """A module the tests need; on CI a missing one fails the run (.ci/run installs it),
    elsewhere it skips the tests that need it."""
    if os.environ.get("CI"):
        return __import__(name)
    return pytest.importorskip(name)


@pytest.fixture(scope="session")
def chaff_bin():
    path = os.environ.get("CHAFF_BIN", os.path.join(REPO, "target", "release", "chaff"))
    if not os.path.exists(path):
        pytest.fail(f"{path} is missing: run `cargo build --release` (or set CHAFF_BIN)")
    return path


@pytest.fixture(scope="session")
def pages():
    return site_pages()


@pytest.fixture(scope="session")
def pages_jsonl(tmp_path_factory, pages):
    """The pages as JSONL (id, text and, when there is one, url)."""
    path = tmp_path_factory.mktemp("pages") / "pages.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for doc_id, url, text in pages:
            doc = {"id": doc_id, "text": text}
            if url is not None:
                doc["url"] = url
            f.write(json.dumps(doc) + "\n")
    return path
