"""The README documents every command and every setting, so the docs cannot drift."""

import json
import re
from pathlib import Path

from typer.main import get_command

from truceline.cli import app
from truceline.config import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_docs_readme_lists_every_command():
    for name in get_command(app).commands:
        assert f"truceline {name}" in README, f"command {name!r} is not in the README"


def test_docs_readme_lists_every_setting():
    for name, _default, _help in Settings.describe():
        assert f"TRUCELINE_{name.upper()}" in README, f"setting {name!r} is not in the README"


def _abridges(example, real) -> bool:
    """`example` is `real` with strings cut at "…" and lists shortened."""
    if isinstance(example, str) and example.endswith("…"):
        return isinstance(real, str) and real.startswith(example[:-1])
    if isinstance(example, dict):
        return isinstance(real, dict) and all(k in real and _abridges(v, real[k]) for k, v in example.items())
    if isinstance(example, list) and example and isinstance(example[0], dict):
        return all(any(_abridges(e, r) for r in real) for e in example)
    return example == real


def test_docs_readme_example_is_real_output():
    from truceline.ingest import read_inputs
    from truceline.pipeline import Pipeline

    [example] = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", README, re.DOTALL)]
    inputs = list(read_inputs(["samples/white-house-gaza-lebanon.jsonl"], Settings()))
    record = list(Pipeline(Settings()).extract(inputs))[3]  # `sed -n 4p`; its source is the article's URL
    assert _abridges(example, record.to_dict())
