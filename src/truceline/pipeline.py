"""The pipeline: clean → language → actors → events → claims → agreements → quality flags, one
record per document."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc
from spacy.util import minibatch

from truceline.actors import ActorDictionary, distinct_actors, find_mentions, speaker_states
from truceline.agreements import find_agreements
from truceline.claims import find_claims
from truceline.clean import clean
from truceline.config import Settings
from truceline.errors import InputError
from truceline.events import code_events
from truceline.language import load_nlp
from truceline.quality import dates_after_publication, name_variants, roles_not_held
from truceline.records import Document, Failure, RawInput, Record


class Pipeline:
    """Loads the language model and the actor dictionary once, then extracts records."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.from_env()
        self.nlp = load_nlp(self.settings.spacy_model)
        self.dictionary = ActorDictionary.load(self.settings.actors_path())

    def extract(self, inputs: Iterable[RawInput | Failure]) -> Iterator[Record | Failure]:
        """One `Record` or `Failure` per input, in input order; one bad input never stops the rest."""
        for batch in minibatch(inputs, self.settings.batch_size):
            cleaned = [item if isinstance(item, Failure) else _clean(item) for item in batch]
            english = [d for d in cleaned if isinstance(d, Document) and d.language in ("en", None)]
            parsed = dict(zip(map(id, english), self.nlp.pipe(d.text for d in english)))
            for item in cleaned:
                if isinstance(item, Failure):
                    yield item
                elif id(item) in parsed:
                    yield self._analyze(item, parsed[id(item)])
                else:  # truceline's language stages are English-only; keep the document, say why
                    yield Record(document=item)

    def _analyze(self, document: Document, doc: Doc) -> Record | Failure:
        try:
            title = self.nlp.make_doc(document.title or "")
            speaking_for = speaker_states(document.title, title, self.dictionary, document.published)
            mentions = find_mentions(doc, self.dictionary, document.published, speaking_for)
            events = tuple(code_events(doc, mentions, document.published))
            claims = tuple(find_claims(doc, mentions, document.published))
            agreements = tuple(find_agreements(doc, mentions, document.published))
            flags = (*name_variants(document.text, self.dictionary),
                     *roles_not_held(document.text, mentions, self.dictionary, document.published),
                     *dates_after_publication(events, claims, agreements, document.published))
            return Record(
                document=dataclasses.replace(document, flags=(*document.flags, *flags)),
                actors=distinct_actors(mentions), events=events, claims=claims, agreements=agreements,
            )
        except Exception as exc:  # a bug on one document must not stop the batch
            return Failure(document.source, f"internal error while analysing: {type(exc).__name__}: {exc}")


def _clean(raw: RawInput) -> Document | Failure:
    try:
        return clean(raw)
    except InputError as exc:
        return Failure(raw.source, str(exc))
