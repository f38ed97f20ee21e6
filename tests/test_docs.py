"""The README documents every command and every setting, and docs/architecture.md names only
modules, functions, stages, settings and commands that exist, so the docs cannot drift."""

import importlib
import inspect
import json
import re
from pathlib import Path
from types import ModuleType

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from truceline import stages
from truceline.cli import app
from truceline.config import Settings
from truceline.evaluation import SUITES

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "truceline"
README = (ROOT / "README.md").read_text()
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text()


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


# The answers the README's questions give, as the sample's own texts state them: read by hand in
# samples/ (not copied from truceline's output), so that an answer that prints but is wrong fails.
REJECTIONS = {  # every sentence of the sample that tells of a rejection or refusal, and who refuses
    "Hamas has refused, for months and months, to negotiate": "Hamas",
    "has rejected the Trump administration as a mediator": "Palestinian Authority",
    "who have long refused to negotiate peace with Kabul": "Taliban",
}
RELEASED = [  # hostages released, as the texts state them: (the words, the number, published on)
    ("two Americans were reunited with their loved ones", 2, "2023-11-21"),  # "in late October": one occasion
    ("more than 50 hostages have now been released", 50, "2023-11-27"),  # "thus far": a running total
    ("the release of four more Israeli hostages", 4, "2025-01-25"),  # "four more": an increment
]


def test_docs_readme_answers_hold_in_the_sample_texts(demo_db):
    from fastapi.testclient import TestClient

    from truceline.ingest import read_inputs
    from truceline.store import database_url
    from truceline.web import create_app

    texts = " ".join(" ".join(i.content.decode("utf-8", "replace").split())
                     for i in read_inputs(["samples"], Settings()))
    with TestClient(create_app(database_url(str(demo_db)))) as client:
        def api(path: str) -> list[dict]:
            return client.get(path).json()["items"]

        # State on 2025-01-20: the Jan 2025 talks in Doha are open, as proposed; nothing reported later is shown.
        open_ = api("/api/agreements?as_of=2025-01-20&status=open&conflict=Israel–Hamas")
        assert "negotiations in Doha for a ceasefire and hostage release deal" in texts
        doha = [a for a in open_ if any("negotiations in Doha" in s["text"] for s in a["sources"])]
        assert [a["status"] for a in doha] == ["proposed"]
        assert all(s["published"] <= "2025-01-20" for a in open_ for s in a["sources"])
        # Who mediates: the statement on the November 2023 pause thanks Qatar's Amir and Egypt's President.
        assert "I thank Sheikh Tamim bin Hamad Al-Thani of Qatar and President Abdel-Fattah El-Sisi of Egypt" in texts
        [pause] = [a for a in api("/api/agreements?limit=500")
                   if a["name"].startswith("Israel–Hamas humanitarian pause") and a["status"] != "proposed"]
        assert set(pause["mediators"]) == {"Qatar", "Egypt"}
        assert "Qatar" in client.get("/actors/Qatar").text and "mediator" in client.get("/actors/Qatar").text
        # What did Israel reject: the sample's every rejection is someone else's.
        told = {" ".join(s.split()) for s in re.findall(r"[^.]*\b(?:reject|refus)\w*[^.]*", texts, re.IGNORECASE)}
        assert len(told) == len(REJECTIONS) and all(any(words in s for s in told) for words in REJECTIONS)
        assert api("/api/events?actor=Israel&type=REJECT") == []
        refused = api("/api/events?actor=Hamas&type=REJECT")
        assert any("Hamas has refused, for months and months" in s["text"] for e in refused for s in e["sources"])
        # Hostages released by date: each number the texts give, on its document's day, with its source.
        points = api("/api/series?kind=released&subject=hostages")
        assert len(points) == len(RELEASED)
        for (words, value, day), point in zip(RELEASED, points):
            assert words in texts and words in " ".join(point["text"].split())
            assert (point["value"], point["when"], point["published"]) == (value, day, day)
        assert [p["change"] for p in points][1:] == ["total", "increment"]  # the first, one occasion, is typed a total: a known miss


# docs/architecture.md: each row of its table (stage, module, what the module offers) names code in
# `spans`: paths, Python names ("read_inputs(paths, settings) -> ..."), stages, settings, commands.
TABLE = [[cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
         for line in ARCHITECTURE.splitlines() if line.startswith("| ")][1:]  # not the header
PROSE = "\n".join(line for line in ARCHITECTURE.splitlines() if not line.startswith("|"))
# A Python name, dotted or called: "coder.EventModel", "Pipeline(settings).extract(inputs, stored=None)".
PYTHON = re.compile(r"[A-Za-z_]\w*(?:\([^()]*\))?(?:\.[A-Za-z_]\w*(?:\([^()]*\))?)*")


def _spans(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


def _is_path(span: str) -> bool:
    return bool(re.fullmatch(r"\w[\w./-]*(?:\.(?:py|toml|md|onnx|joblib)|/)|\w+/[\w./-]+", span))


def _folder(row: list[str]) -> Path:
    """The folder of a row's module, where the files the row names are: "models/", "runners/ray.py"."""
    [module] = _spans(row[1])
    return SRC / module if module.endswith("/") else (SRC / module).parent


def _files(row: list[str]) -> list[Path]:
    """The files a row names: its module (each module of a package: "models/"), and those it
    names beside ("places.py")."""
    folder = _folder(row)
    [module] = _spans(row[1])
    files = sorted(folder.glob("*.py")) if module.endswith("/") else [SRC / module]
    return files + [file for span in _spans(row[2]) if span.endswith(".py") for file in (folder / span, SRC / span)
                    if file.exists()]


def _modules(row: list[str]) -> list[ModuleType]:
    """The importable modules of the row's files (`_imported`)."""
    names = {".".join(("truceline", *file.relative_to(SRC).with_suffix("").parts)).removesuffix(".__init__")
             for file in _files(row)}
    return [module for name in sorted(names) if (module := _imported(name)) is not None]


def _imported(name: str) -> ModuleType | None:
    """The module, or None where it needs the `train` extra (torch), which CI does not install;
    its names are then looked for in its text (`_files`)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as missing:
        if missing.name != "torch":
            raise
        return None


def _attribute(owner: object, name: str) -> object | None:
    """`owner.name`: an attribute, a package's module, or a field a class declares without a default."""
    if hasattr(owner, name):
        return getattr(owner, name)
    if isinstance(owner, ModuleType):
        try:
            return importlib.import_module(f"{owner.__name__}.{name}")
        except ModuleNotFoundError:
            return None
    return getattr(owner, "__annotations__", {}).get(name)


def _resolve(span: str, modules: list[ModuleType]) -> object | None:
    """The code a Python span names, read from the row's modules, the package or the records, each
    call's shown arguments among its parameters ("..." stands for any)."""
    calls = re.findall(r"([A-Za-z_]\w*)(\([^()]*\))?", span)
    for owner in [*modules, importlib.import_module("truceline"), importlib.import_module("truceline.records")]:
        for name, arguments in calls:
            owner = _attribute(owner, name)
            if owner is None:
                break
            shown = {re.match(r"\s*(\w*)", a).group(1) for a in arguments.strip("()").split(",")} - {""}
            if arguments and not shown <= set(inspect.signature(owner).parameters):
                break
        else:
            return owner
    return None


def test_docs_architecture_names_files_that_exist():
    named = [(span, SRC) for span in _spans(PROSE)]
    named += [(span, _folder(row)) for row in TABLE for span in _spans(row[1]) + _spans(row[2])]
    missing = [span for span, folder in named
               if _is_path(span) and not any((base / span).exists() for base in (folder, SRC, ROOT))]
    assert not missing


def test_docs_architecture_names_code_that_exists():
    """Each name the table shows is defined in its row's modules, a call with the parameters it
    shows; a bare word ("`evidence`", "`immutable`") is at least written in them."""
    missing = []
    for row in TABLE:
        modules = _modules(row)
        source = "".join(file.read_text() for file in _files(row))
        for span in _spans(row[2]):
            name = span.split(" -> ")[0]
            if (_is_path(span) or not PYTHON.fullmatch(name) or name.startswith("settings.")  # a setting: below
                    or _resolve(name, modules) is not None):
                continue
            if not (re.fullmatch(r"\w+", name) and re.search(rf"\b{name}\b", source)):
                missing.append(f"{row[0]}: {span}")
    assert not missing


def test_docs_architecture_names_every_stage():
    available = stages.available()
    named = set(re.findall(r"`(\w+)=(\w+)`", ARCHITECTURE))
    assert named <= {(name, variant) for name, variants in available.items() for variant in variants}
    rows = {row[0] for row in TABLE}
    for name, variants in available.items():
        assert name in rows | {n for n, _ in named}, f"stage {name!r} is not in the architecture"
        if len(variants) > 1:
            assert {(name, v) for v in variants} <= named, f"a variant of stage {name!r} is not in the architecture"


def test_docs_architecture_names_every_suite():
    [evaluation] = [row for row in TABLE if row[0] == "evaluation"]
    assert set(re.findall(r"`(\w+)` \(", evaluation[2])) == set(SUITES)


def test_docs_architecture_settings_and_commands_exist():
    settings = {name for name, _default, _help in Settings.describe()}
    assert set(re.findall(r"`settings\.(\w+)`", ARCHITECTURE)) <= settings
    makefile = (ROOT / "Makefile").read_text()
    for target in re.findall(r"`make (\w+)`", ARCHITECTURE):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), f"make {target}"
    for command, options in re.findall(r"`truceline (\w+)((?: --[\w-]+)*)`", ARCHITECTURE):
        result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0 and all(o in result.stdout for o in options.split()), f"truceline {command}{options}"
