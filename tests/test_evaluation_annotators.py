"""The agreement of two annotators' codings of the same sentences (evaluation/annotators.py)."""

import json
import re
import shutil
from pathlib import Path

from truceline.evaluation import annotators
from truceline.models import examples


def _coded_twice(tmp_path: Path, change) -> Path:
    """A data folder whose first annotated file is coded again, each event passed through `change`."""
    data = tmp_path / "data"
    (data / "annotated").mkdir(parents=True)
    (data / "second").mkdir()
    first = sorted((examples.DATA / "annotated").glob("*.jsonl"))[0]
    shutil.copy(first, data / "annotated" / first.name)
    rows = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    again = [{**row, "id": f"{first.stem}:{n + 1}", "events": [change(e) for e in row["events"]]}
             for n, row in enumerate(rows)]
    (data / "second" / "events-second-001.jsonl").write_text("\n".join(map(json.dumps, again)), encoding="utf-8")
    return data


def test_a_coding_agrees_with_itself_wholly(tmp_path):
    found = annotators.agreement(_coded_twice(tmp_path, lambda e: e))
    assert found.first_events == found.second_events > 0
    assert (found.triple_f1, found.type_f1, found.relevance) == (1.0, 1.0, 1.0)


def test_other_targets_disagree_on_every_triple_not_on_types(tmp_path):
    found = annotators.agreement(_coded_twice(tmp_path, lambda e: {**e, "target": "Atlantis", "target_country": "ATL"}))
    assert (found.triple_precision, found.triple_recall) == (0.0, 0.0)
    assert (found.type_f1, found.relevance) == (1.0, 1.0)


def test_the_datasheet_states_the_agreement_measured():
    found = annotators.agreement()
    sheet = " ".join((examples.DATA / "DATASHEET.md").read_text(encoding="utf-8").split())
    stated = re.search(r"Triple F1 ([\d.]+) \(P ([\d.]+), R ([\d.]+); (\d+) and (\d+) events\), types per "
                       r"sentence F1 ([\d.]+), event or none ([\d.]+)", sheet)
    assert stated and stated.groups() == (
        f"{found.triple_f1:.3f}", f"{found.triple_precision:.3f}", f"{found.triple_recall:.3f}",
        str(found.first_events), str(found.second_events), f"{found.type_f1:.3f}", f"{found.relevance:.3f}")
