"""The README documents every command and every setting, so the docs cannot drift."""

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
