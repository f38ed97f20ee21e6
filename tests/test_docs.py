"""The README documents every command and every setting, so the docs cannot drift."""

import json
import re
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

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


QUESTIONS = README.split("## Questions an analyst asks")[1].split("\n## ")[0]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """The bundled sample ingested, as `make demo` does."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(app, ["ingest", "samples", "--db", str(db)], env={"TRUCELINE_DATABASE_URL": None})
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize("block", re.findall(r"```console\n\$ truceline (.*?)```", QUESTIONS, re.DOTALL))
def test_docs_readme_questions_are_answered_with_real_output(demo_db, block):
    command, *shown = block.rstrip("\n").split("\n")
    args = [str(demo_db) if word == "demo.db" else word for word in command.split()]
    result = CliRunner().invoke(app, args, env={"TRUCELINE_DATABASE_URL": None, "COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert [line.rstrip() for line in result.stdout.rstrip("\n").split("\n")] == shown


def test_docs_readme_questions_pages_answer(demo_db):
    from fastapi.testclient import TestClient

    from truceline.store import database_url
    from truceline.web import create_app

    pages = re.findall(r"`(/[^`\s]*)`", QUESTIONS)
    assert len(pages) >= 4
    with TestClient(create_app(database_url(str(demo_db)))) as client:
        for page in pages:
            assert client.get(page).status_code == 200, page
