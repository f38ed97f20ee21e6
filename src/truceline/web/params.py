"""What the routes take: the store, the query parameters the API and the pages share, and the
one way a list is cut into pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request
from pydantic import AfterValidator, BeforeValidator

from truceline import counted, records
from truceline.conflicts import conflicts
from truceline.dates import FIRST_DAY, LAST_DAY
from truceline.decoding import without_controls
from truceline.store import Store

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000  # past any list's end; SQLite's integers end at 2^63
# A form sends an empty field as "": that is no filter, not a bad value.
_blank_is_none = BeforeValidator(lambda value: value or None)
# Control characters are never in the record, and PostgreSQL refuses a NUL in any text.
_without_controls = BeforeValidator(lambda value: without_controls(value) if isinstance(value, str) else value)


def _in_range(day: date | None) -> date | None:
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"a day from {FIRST_DAY} to {LAST_DAY} (YYYY-MM-DD)")
    return day


def day_param(description: str) -> Any:
    return Annotated[date | None, _blank_is_none, AfterValidator(_in_range),
                     Query(description=f"{description} (YYYY-MM-DD, {FIRST_DAY} to {LAST_DAY}).")]


def text_param(description: str, alias: str | None = None) -> Any:
    return Annotated[str | None, _blank_is_none, _without_controls, Query(alias=alias, description=description)]


def words_param(**query: Any) -> Any:
    """Words to search for, without control characters."""
    return Annotated[str, _without_controls, Query(description="Words to find.", **query)]


def choice_param(choices: Any, description: str, alias: str | None = None, upper: bool = False) -> Any:
    """A parameter taking one of a records.py Literal's values: any other is a 422 that lists them."""
    normalise = BeforeValidator(lambda value: (value.upper() if upper else value) if value else None)
    return Annotated[choices | None, normalise, Query(alias=alias, description=description)]


AsOf = day_param("The record as the documents published by this day described it")
Since = day_param("Only items dated on or after this day")
Until = day_param("Only items dated on or before this day")
ActorName = text_param("Canonical name of an actor on either side, e.g. Hamas.")
EventType = choice_param(records.EventType, "PLOVER event type, e.g. REQUEST (any case).", alias="type", upper=True)
EventMode = choice_param(records.EventMode, "How the sentence states the event.")
AgreementStatus = choice_param(records.StatusFilter, "An agreement's current status, or open: those open on the "
                                                     "as-of day.")
AgreementKind = choice_param(records.AgreementKind, "Kind of agreement.")
ClaimKind = choice_param(records.ClaimKind, "Kind of figure.")
Subject = choice_param(Literal[counted.names()], "What a figure counts, whatever the wording (data/counted.toml).")
Conflict = choice_param(Literal[tuple(c.name for c in conflicts())], "A conflict (data/conflicts.toml).")
Stating = text_param("Who states a figure, as written (any part).")
Location = text_param("The place a figure is given for, as written in full, e.g. Gaza.")


def _country_code(code: str | None) -> str | None:
    if code is not None and not (len(code) == 3 and code.isascii() and code.isalpha()):
        raise ValueError("a country's ISO 3166-1 alpha-3 code, e.g. ISR")
    return code and code.upper()


Country = Annotated[str | None, _blank_is_none, AfterValidator(_country_code), Query(description=(
    "A country's ISO 3166-1 alpha-3 code, e.g. ISR: what an actor of that country takes part in."))]


def get_store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


ListFormat = Literal["json", "csv", "jsonl"]


@dataclass(frozen=True)
class Paged:
    """One page of a list, and where the list's other pages start."""

    items: Sequence[Any]
    total: int
    limit: int | None
    offset: int
    file: str | None = None  # "events.csv": the whole list as a file to download (api.py)

    @property
    def previous_offset(self) -> int | None:
        return max(self.offset - self.limit, 0) if self.offset and self.limit else None

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.limit and self.offset + self.limit < self.total else None


@dataclass(frozen=True)
class Page:
    limit: int | None  # None: every item
    offset: int
    file: str | None = None

    def of(self, items: Sequence[Any]) -> Paged:
        """This page of a whole list."""
        end = None if self.limit is None else self.offset + self.limit
        return Paged(items[self.offset:end], len(items), self.limit, self.offset, self.file)

    def holding(self, items: Sequence[Any], total: int) -> Paged:
        """This page, as a query that paged itself returned it."""
        return Paged(items, total, self.limit, self.offset, self.file)


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]


def page(limit: Limit = 50, offset: Offset = 0) -> Page:
    return Page(limit, offset)


def api_page(request: Request, limit: Limit = 50, offset: Offset = 0,
             fmt: Annotated[ListFormat, Query(alias="format", description=(
                 "json: this page; csv (flat: one value per cell) or jsonl: every item the filters keep, "
                 "as a file to download."))] = "json") -> Page:
    if fmt == "json":
        return Page(limit, offset)
    return Page(None, 0, f"{request.url.path.rstrip('/').rsplit('/', 1)[-1]}.{fmt}")


PageDep = Annotated[Page, Depends(page)]
ApiPageDep = Annotated[Page, Depends(api_page)]
