"""Extraction in worker processes: each worker loads the pipeline once, documents go to the
workers one at a time and their results come back in input order. A document that takes longer
than the time budget has its worker stopped and replaced, and is skipped with the reason; one
that kills its worker is skipped too. The rest go on.

pebble's process pool does this: the standard library's pools cannot stop one task's worker
without breaking the whole pool. Workers start from a fork server, so that they share nothing
with this process (its database connections above all).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, TimeoutError

from pebble import ProcessExpired, ProcessPool

from truceline.config import Settings
from truceline.errors import TrucelineError
from truceline.records import Failure, RawInput, Record, Skipped, Stored
from truceline.storage.reader import Reader
from truceline.storage.schema import open_database

Result = Record | Failure | Skipped | Stored
_AHEAD = 4  # documents sent per worker before the first result is awaited: keeps workers busy, memory bounded

# A synthetic sentence, extracted by each worker as it starts.
_WARM_UP = RawInput(source="warm-up", kind="text",
                    content=b"On 2 May 2024 Qatar said Israel and Hamas agreed to a three-day pause; 40 hostages were freed.")
_pipeline = None  # this worker's Pipeline
_unusable: TrucelineError | None = None  # why this worker could not load them (e.g. a model not installed)


class Workers:
    """A pool of worker processes, each with the pipeline loaded once. Made when a worker has
    loaded it: a setting it cannot use raises its TrucelineError here. Close it (`with`) to stop
    them."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.count = settings.workers or len(os.sched_getaffinity(0))  # 0: one per core this process may use
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["truceline.pipeline"])  # workers, replacements too, start with spaCy imported
        self._pool = ProcessPool(max_workers=self.count, initializer=_start, initargs=(settings,), context=context)
        try:
            self._pool.schedule(_ready).result()
        except BaseException:
            self.close()
            raise

    def extract(self, inputs: Iterable[RawInput | Failure | Skipped],
                skip_stored_in: str | None = None) -> Iterator[Result]:
        """One result per input, in input order (as `Pipeline.extract`). With `skip_stored_in`, a
        database URL, documents that database holds are not parsed but given as `Stored`."""
        pending: deque[tuple[RawInput | Failure | Skipped, Future | None]] = deque()
        for item in inputs:
            task = None if not isinstance(item, RawInput) else self._pool.schedule(
                _extract_one, (item, skip_stored_in), timeout=self.settings.time_budget)
            pending.append((item, task))
            if len(pending) > self.count * _AHEAD:
                yield _result(*pending.popleft(), self.settings)
        while pending:
            yield _result(*pending.popleft(), self.settings)

    def close(self) -> None:
        self._pool.stop()
        self._pool.join()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _result(item: RawInput | Failure | Skipped, task: Future | None, settings: Settings) -> Result:
    if task is None:
        return item
    try:
        return task.result()
    except TrucelineError:  # a setting the workers cannot use: the run stops
        raise
    except TimeoutError:
        return Failure(item.source, f"exceeded the time budget of {settings.time_budget} s")
    except ProcessExpired as exc:
        return Failure(item.source, f"its worker process died (exit code {exc.exitcode})")
    except Exception as exc:  # a bug outside Pipeline.extract's own guard must not stop the batch
        return Failure(item.source, f"internal error: {type(exc).__name__}: {exc}")


def _start(settings: Settings) -> None:
    global _pipeline, _unusable
    from truceline.pipeline import Pipeline  # here, in the worker: spaCy loads there

    try:
        _pipeline = Pipeline(settings)
        list(_pipeline.extract([_WARM_UP]))  # what the stages load on first use counts against no document's budget
    except TrucelineError as exc:  # raised again by each task, and so in the caller, as one line
        _unusable = exc


def _ready() -> None:
    if _unusable:
        raise _unusable


def _extract_one(raw: RawInput, skip_stored_in: str | None) -> Result:
    _ready()
    [result] = _pipeline.extract([raw], _stored_in(skip_stored_in).stored if skip_stored_in else None)
    _trim()
    return result


def _trim() -> None:
    """Give the system back the memory the document's parse has freed: glibc keeps freed heap
    pages, and each worker would hold the peak of its largest document for the rest of the run."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


# glibc's; other C libraries (musl, macOS) have none
_MALLOC_TRIM = getattr(ctypes.CDLL(ctypes.util.find_library("c")), "malloc_trim", None) if sys.platform == "linux" else None


@functools.cache
def _stored_in(database: str) -> Reader:
    """This worker's reader of the database whose documents are not parsed again, opened on its
    first document (the caller makes the database after the workers have loaded the pipeline)."""
    return Reader(open_database(database, create=False))
