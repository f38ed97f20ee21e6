"""Extraction on a Ray cluster, for `truceline ingest --ray auto|ADDRESS`.

Ray Data reads the inputs (each path given, in a task), a pool of actors, each holding one loaded
pipeline, extracts them in batches, and the results come back to this process in input order:
it is the single sink that writes them to the store as they arrive, and the store links each
document as it is written. `auto` joins the cluster `ray start` made on this machine, else
starts a local one; an ADDRESS (`ray://head:10001`, `head:6379`) joins that cluster. Its nodes
need truceline and the spaCy model installed, and the paths readable (a shared folder); the
actors look up which documents are stored before parsing them, so a cluster of several machines
needs a database they all reach (PostgreSQL). The time budget of a document applies to `--workers`
only: an actor is not stopped.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from typing import Any

import numpy as np

from truceline.config import Settings
from truceline.records import Failure, RawInput, Record, Skipped, Stored

Result = Record | Failure | Skipped | Stored
_BATCH = 4  # documents per actor call
_BLOCK_BYTES = 64 * 1024  # of inputs read, per block (a block goes to one actor): a few articles


class RayExtraction:
    """A connection to a Ray cluster (closed with `with`, shutting down a cluster it started)."""

    def __init__(self, settings: Settings, address: str):
        import ray

        self.settings = settings
        self._started = not ray.is_initialized()
        if self._started:
            ray.init(address=None if address == "auto" else address, include_dashboard=False,
                     log_to_driver=False, logging_level="ERROR")
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True  # results in input order
        context.enable_progress_bars = False
        # Small blocks: the inputs one path gives are split among the actors, not all sent to one.
        context.target_max_block_size = _BLOCK_BYTES
        # `--workers`, else one actor per CPU of the cluster
        self.actors = settings.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))

    def extract(self, paths: list[str], skip_stored_in: str | None = None) -> Iterator[Result]:
        """One result per input of `paths` (as `Pipeline.extract`), in input order."""
        import ray

        if "-" in paths:
            yield Failure("-", "stdin cannot be read on a Ray cluster: give files or folders")
            paths = [p for p in paths if p != "-"]
        inputs = ray.data.from_items([{"path": path} for path in paths])
        read = inputs.flat_map(_read, fn_args=(self.settings,), num_cpus=0)  # reading is light: the CPUs extract
        extracted = read.map_batches(_Extractor, fn_constructor_args=(self.settings, skip_stored_in),
                                     batch_size=_BATCH, compute=ray.data.ActorPoolStrategy(size=self.actors),
                                     num_cpus=1)
        for batch in extracted.iter_batches(batch_size=_BATCH, batch_format="numpy"):
            yield from map(pickle.loads, batch["result"])

    def close(self) -> None:
        import ray

        if self._started:
            ray.shutdown()

    def __enter__(self) -> RayExtraction:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read(row: dict[str, Any], settings: Settings) -> list[dict[str, bytes]]:
    from truceline.ingest import read_inputs

    return [{"item": pickle.dumps(item)} for item in read_inputs([row["path"]], settings)]


class _Extractor:
    """An actor: the pipeline loaded once, then batches of inputs extracted."""

    def __init__(self, settings: Settings, skip_stored_in: str | None):
        from truceline.pipeline import Pipeline
        from truceline.storage.reader import Reader
        from truceline.storage.schema import open_database

        self.pipeline = Pipeline(settings)
        self.stored = Reader(open_database(skip_stored_in, create=False)).stored if skip_stored_in else None

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        items = [pickle.loads(blob) for blob in batch["item"]]
        results = list(self.pipeline.extract(items, self.stored))
        return {"result": np.array([pickle.dumps(result) for result in results], dtype=object)}
