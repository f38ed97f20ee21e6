"""The pipeline: the stages `Settings.stages` names (by default clean → actors → clauses → events
→ claims → agreements → quality), one record per document."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from truceline import torchless  # noqa: F401  (first: before spaCy)
from spacy.util import minibatch

from truceline.actors import ActorDictionary
from truceline.budget import html_refusal, text_refusal
from truceline.config import Settings
from truceline.decoding import decode
from truceline.errors import InputError
from truceline.language import load_nlp
from truceline.parsing import Analysis
from truceline.records import Failure, RawInput, Record, Skipped, Stored
from truceline.stages import Shared, Stage, Work, build


class Pipeline:
    """Loads the language model, the actor dictionary and the stages once, then extracts records."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.from_env()
        self.nlp = load_nlp(self.settings.spacy_model)
        shared = Shared(self.settings, self.nlp, ActorDictionary.load(self.settings.actors_path()))
        self.stages = build(self.settings.stages, shared)
        # Stages before the first that reads the parse run on each input alone; spaCy then
        # parses the batch at once, and the rest run on each parsed document.
        first = next((i for i, s in enumerate(self.stages) if "doc" in s.requires), len(self.stages))
        self._before: list[Stage] = self.stages[:first]
        self._after: list[Stage] = self.stages[first:]
        self._analyse_batch = Analysis(self.nlp, self.settings.parse, [s.parses for s in self._after],
                                       self.settings.batch_size)

    def extract(self, inputs: Iterable[RawInput | Failure | Skipped],
                stored: Callable[[list[str]], set[str]] | None = None) -> Iterator[Record | Failure | Skipped | Stored]:
        """One `Record` or `Failure` per input, in input order; one bad input never stops the rest;
        `Skipped` passes through. `stored` says which of some document ids a database holds: those
        documents are not parsed but given as `Stored`."""
        for work in self.analyse(inputs, stored):
            yield work.record() if isinstance(work, Work) else work

    def analyse(self, inputs: Iterable[RawInput | Failure | Skipped],
                stored: Callable[[list[str]], set[str]] | None = None) -> Iterator[Work | Failure | Skipped | Stored]:
        """`extract`, keeping each document's parse and mentions (`Work`) for those who read them
        (the event models' training); a document the English-only stages leave is a `Work` without
        a parse."""
        for batch in minibatch(inputs, self.settings.batch_size):
            works = [self._prepare(item) if isinstance(item, RawInput) else item for item in batch]
            if stored is not None:
                known = stored([w.document.id for w in works if isinstance(w, Work)])
                works = [Stored(w.document.source, w.document.id) if isinstance(w, Work) and w.document.id in known else w
                         for w in works]
            english = [w for w in works if isinstance(w, Work) and w.document.language in ("en", None)]
            unparsed = self._parse(english)
            for work in works:
                if isinstance(work, Work) and id(work) in unparsed:
                    yield unparsed[id(work)]
                else:
                    yield self._analyse(work) if isinstance(work, Work) and work.doc is not None else work

    def _prepare(self, raw: RawInput) -> Work | Failure:
        """The stages before the parse, or why the input goes no further: over its budget,
        unreadable, or a bug met on it."""
        work = Work(raw)
        try:
            refusal = html_refusal(decode(raw.content).text, self.settings) if raw.kind == "html" else None
            if refusal is None:
                for stage in self._before:
                    stage(work)
                refusal = text_refusal(work.document.text, self.settings) if work.document else None
        except InputError as exc:
            return Failure(raw.source, str(exc))
        except Exception as exc:  # a bug on one input must not stop the batch
            return Failure(raw.source, f"internal error while cleaning: {type(exc).__name__}: {exc}")
        return Failure(raw.source, refusal) if refusal else work

    def _parse(self, works: list[Work]) -> dict[int, Failure]:
        """Parses the documents in one batch; if the model fails on the batch, each alone, so
        that one it fails on fails alone (returned by id() of its `Work`)."""
        try:
            self._analyse_batch(works)
            return {}
        except Exception:
            failed = {}
            for work in works:
                try:
                    self._analyse_batch([work])
                except Exception as exc:
                    failed[id(work)] = Failure(work.document.source,
                                               f"internal error while parsing: {type(exc).__name__}: {exc}")
            return failed

    def _analyse(self, work: Work) -> Work | Failure:
        try:
            for stage in self._after:
                stage(work)
            return work
        except Exception as exc:  # a bug on one document must not stop the batch
            return Failure(work.document.source, f"internal error while analysing: {type(exc).__name__}: {exc}")
