"""`truceline ingest --ray` on a real local Ray cluster (2 CPUs, no dashboard, on the loopback
address): the records stored are those of a plain ingest of the same inputs, and stored documents
are found before they are parsed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import ray
from typer.testing import CliRunner

from truceline.cli import app
from truceline.store import Store, database_url

ROOT = Path(__file__).resolve().parents[1]


def ingest(*args: str):
    result = CliRunner().invoke(app, ["ingest", str(ROOT / "samples"), *args], env={"TRUCELINE_DATABASE_URL": None})
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", object_store_memory=200_000_000,
             log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_ingest_stores_what_a_plain_ingest_stores(cluster, tmp_path):
    plain, on_ray = str(tmp_path / "plain.db"), str(tmp_path / "ray.db")
    ingest("--db", plain)
    assert re.search(r"documents added\s+13\n", ingest("--db", on_ray, "--ray", "auto").stdout)
    with Store(database_url(plain), create=False) as expected, Store(database_url(on_ray), create=False) as store:
        assert store.counts() == expected.counts()
        assert list(store.records()) == list(expected.records())
        assert store.merged_agreements() == expected.merged_agreements()
    assert re.search(r"already stored\s+13\n", ingest("--db", on_ray, "--ray", "auto").stdout)
