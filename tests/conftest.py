"""Shared fixtures: the spaCy model (loaded once), real documents from ../shared."""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GAZA_CORPUS = SHARED / "corpora" / "wh-briefings" / "gaza_lebanon_2023-10_to_2026-07.jsonl.gz"
SCRAPINGHUB = SHARED / "bench" / "extraction-scrapinghub"


@cache
def _gaza_corpus() -> dict[str, dict]:
    with gzip.open(GAZA_CORPUS, "rt", encoding="utf-8") as f:
        return {d["path"]: d for d in map(json.loads, f)}


def wh_document(path_part: str) -> dict:
    """The one White House document (647-document Gaza/Lebanon corpus) whose path contains `path_part`."""
    found = [d for p, d in _gaza_corpus().items() if path_part in p]
    assert len(found) == 1, f"{path_part!r} matches {len(found)} documents"
    return found[0]


def scrapinghub_page(page_id_prefix: str) -> bytes:
    """The raw HTML of one page of the Zyte article-extraction benchmark."""
    [path] = (SCRAPINGHUB / "html").glob(f"{page_id_prefix}*.html.gz")
    return gzip.decompress(path.read_bytes())


@pytest.fixture(scope="session")
def nlp():
    from truceline.config import Settings
    from truceline.language import load_nlp

    return load_nlp(Settings().spacy_model)


def plain(text: str) -> str:
    """A corpus text with hard-wrapped lines joined and markdown's escaped brackets and links
    undone, so that golden sentences can be found in it."""
    text = re.sub(r"(?<!\n)\n(?!\n)", " ", text).replace("\\[", "[").replace("\\]", "]")
    return re.sub(r"\[([^\]\n]*)\]\([^)\s]*\)", r"\1", text)


def same(text: str) -> str:
    """Text with its white space folded, for comparing sentences."""
    return " ".join(text.split())


@pytest.fixture(scope="session")
def dictionary():
    from truceline.actors import ActorDictionary
    from truceline.config import Settings

    return ActorDictionary.load(Settings().actors_path())
