"""The regression gate: every suite, in full, at or above its floor in eval/floors.toml."""

from __future__ import annotations

import pytest

from truceline.evaluation import below_floor, load_floors, run_suite

from conftest import ROOT, SHARED

FLOORS = load_floors(ROOT / "eval" / "floors.toml")


@pytest.mark.parametrize("suite", sorted(FLOORS))
def test_gate_suite_holds_its_floors(suite):
    assert below_floor(run_suite(suite, SHARED), FLOORS) == []
