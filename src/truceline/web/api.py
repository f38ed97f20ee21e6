"""The JSON API under /api/: the pages' data, records as `records.to_dict` writes them, lists
as `{"items", "total", "limit", "offset"}`."""

from __future__ import annotations

import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from truceline.export import flat, write_csv
from truceline.fulltext import MATCH_END, MATCH_START
from truceline.records import to_dict
from truceline.web import queries
from truceline.web.params import (ActorName, Conflict, Country, Location, Stating, Subject, AgreementKind, AgreementStatus, AsOf, ClaimKind, EventMode, EventType,
                                  ApiPageDep, Paged, PageDep, Since, StoreDep, Until, words_param)
from truceline.web.posting import check_token, read_body

router = APIRouter(prefix="/api", tags=["record"])


def _plain_snippet(hit: dict[str, Any]) -> dict[str, Any]:
    return {**hit, "snippet": hit["snippet"].replace(MATCH_START, "").replace(MATCH_END, "")}


def _listed(paged: Paged, serialize: Any = to_dict) -> Any:
    """A page as {"items", "total", "limit", "offset"}, or the whole list as the file asked for."""
    items = [serialize(item) for item in paged.items]
    if paged.file is None:
        return {"items": items, "total": paged.total, "limit": paged.limit, "offset": paged.offset}
    if paged.file.endswith(".csv"):
        body = io.StringIO()
        write_csv(items, body)
        content, media = body.getvalue(), "text/csv; charset=utf-8"
    else:
        content = "".join(json.dumps(item, ensure_ascii=False, default=flat) + "\n" for item in items)
        media = "application/x-ndjson"
    return Response(content, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{paged.file}"'})


@router.get("/agreements")
def agreements(store: StoreDep, page: ApiPageDep, as_of: AsOf = None, status: AgreementStatus = None,
               kind: AgreementKind = None, conflict: Conflict = None, country: Country = None) -> Any:
    """Merged agreements, those open on the as-of day (or the record's last day) first, each
    with `open`."""
    cards = [c for c in queries.board(store, as_of, status, conflict) if not kind or c.agreement.kind == kind]
    cards = queries.in_country(store, cards, country) if country else cards
    return _listed(page.of(cards), lambda c: {**to_dict(c.agreement), "open": c.open})


@router.get("/agreements/{agreement_id:path}")
def agreement(store: StoreDep, agreement_id: str, as_of: AsOf = None) -> dict[str, Any]:
    """One merged agreement: its name, conflict, parties, mediators, status history with sources,
    phases, terms, violations, every mention in date order, and the agreements that follow or
    replace it (`followed_by`; `links` are those it follows or replaces)."""
    found = queries.agreement(store, agreement_id, as_of)
    if found is None:
        raise HTTPException(404, f"No agreement {agreement_id!r}{' known on ' + str(as_of) if as_of else ''}.")
    return {**to_dict(found.agreement), "open": found.open, "mentions": [to_dict(s) for s in found.mentions],
            "followed_by": [{"agreement": a.id, "name": a.name, "relation": link.relation}
                            for a in found.followed_by for link in a.links if link.agreement == agreement_id]}


@router.get("/timeline")
def timeline(store: StoreDep, page: ApiPageDep, since: Since = None, until: Until = None, as_of: AsOf = None,
             actor: ActorName = None, event_type: EventType = None, mode: EventMode = None,
             conflict: Conflict = None, country: Country = None) -> dict[str, Any]:
    """Agreements' changes of status and events in date order, each with its source."""
    return _listed(queries.timeline(store, page, since=since, until=until, known_by=as_of, actor=actor,
                                    type=event_type, mode=mode, conflict=conflict, country=country), dict)


@router.get("/timeline/facets")
def timeline_facets(store: StoreDep, since: Since = None, until: Until = None, as_of: AsOf = None,
                    actor: ActorName = None, event_type: EventType = None, mode: EventMode = None,
                    conflict: Conflict = None, country: Country = None) -> dict[str, dict[str, int]]:
    """The timeline's filters with counts: for each filter, how many dated events each of its
    values keeps with the other filters applied (by type, mode, actor, country, conflict)."""
    return queries.timeline_facets(store, since=since, until=until, known_by=as_of, actor=actor, type=event_type,
                                   mode=mode, conflict=conflict, country=country)


@router.get("/network")
def network(store: StoreDep, page: ApiPageDep, since: Since = None, until: Until = None, as_of: AsOf = None,
            actor: ActorName = None, mode: EventMode = None) -> dict[str, Any]:
    """Edges source → target of one event type, weighted by their number of events."""
    return _listed(queries.network(store, page, since, until, as_of, actor, mode))


@router.get("/facts")
def facts(store: StoreDep, page: ApiPageDep, kind: ClaimKind = None, since: Since = None, until: Until = None,
          as_of: AsOf = None, conflict: Conflict = None, location: Location = None) -> dict[str, Any]:
    """Figures: each fact once with every source's figure, revisions and contradictions."""
    filters = {"kind": kind, "since": since, "until": until, "known_by": as_of, "conflict": conflict,
               "location": location}
    return _listed(page.holding(store.facts(limit=page.limit, offset=page.offset, **filters),
                                store.merged_count("facts", **filters)))


@router.get("/series")
def series(store: StoreDep, page: ApiPageDep, kind: ClaimKind = None, subject: Subject = None, actor: Stating = None,
           conflict: Conflict = None, since: Since = None, until: Until = None, as_of: AsOf = None) -> Any:
    """Every figure of a kind counting one thing (`subject`: hostages, killed, aid trucks…), in
    date order, each a running total or an increment, with its source: e.g. hostages released by date."""
    return _listed(page.of(queries.series(store, kind, subject, actor, conflict, since, until, as_of)), dict)


@router.get("/events")
def events(store: StoreDep, page: ApiPageDep, actor: ActorName = None, event_type: EventType = None,
           mode: EventMode = None, since: Since = None, until: Until = None, as_of: AsOf = None) -> dict[str, Any]:
    """Merged events (PLOVER) in date order, each with every source that states it."""
    filters = {"actor": actor, "type": event_type, "mode": mode, "since": since, "until": until, "known_by": as_of}
    return _listed(page.holding(store.merged_events(limit=page.limit, offset=page.offset, **filters),
                                store.merged_count("events", **filters)))


@router.get("/documents")
def documents(store: StoreDep, page: ApiPageDep, as_of: AsOf = None) -> dict[str, Any]:
    """Documents without their text, latest first."""
    return _listed(page.holding(*store.document_list(page.limit, page.offset, as_of)), dict)


@router.get("/documents/{document_id}")
def document(store: StoreDep, document_id: str) -> dict[str, Any]:
    """One document's full record: text, actors, events, claims, agreements."""
    try:
        return store.record(document_id).to_dict()
    except KeyError:
        raise HTTPException(404, f"no document {document_id!r}; /api/documents lists them") from None


@router.post("/documents", status_code=201, responses={200: {"description": "Every document was stored already"}})
async def post_document(request: Request, store: StoreDep) -> JSONResponse:
    """Ingest a posted article, as `truceline ingest` reads a file: a JSON article (`url`, `title`,
    `date`, and `text` or `html`) or a list of them, HTML, or plain text. Needs the server's
    token (`--token`) as `Authorization: Bearer TOKEN`; 201 if a document was added."""
    check_token(request, request.app.state.token)
    ingester = request.app.state.ingester
    body = await read_body(request, ingester.settings.max_input_bytes)
    result = await run_in_threadpool(ingester.ingest, body, store)
    if not result["added"] and not result["present"]:
        raise HTTPException(422, "nothing ingested: " + "; ".join(s["reason"] for s in result["skipped"]))
    return JSONResponse({"ok": True, **result}, 201 if result["added"] else 200)


@router.get("/search")
def search(store: StoreDep, page: ApiPageDep, q: words_param(min_length=1),
           as_of: AsOf = None) -> Any:
    """Documents holding every word, best first, each with a snippet of text around the words; in
    JSON, also the `actors` (canonical names, with their documents) and the `agreements` (ids and
    names) whose names hold them."""
    listed = _listed(page.holding(*store.search(q, page.limit, page.offset, as_of)), _plain_snippet)
    if page.file:
        return listed
    return {**listed, "actors": [{"name": name, "documents": n} for name, n in store.find_actors(q)],
            "agreements": [{"id": a.id, "name": a.name, "status": a.status}
                           for a in queries.matching_agreements(store, q, as_of)]}


@router.get("/state")
def state(store: StoreDep, page: PageDep, as_of: AsOf = None) -> dict[str, Any]:
    """Agreements open on the day (the as-of day, else the record's last) and one page of the
    latest figures (`facts`, paged as /api/facts)."""
    day = queries.reference_day(store, as_of)
    if day is None:
        raise HTTPException(404, "the database holds no dated document yet; ingest some first")
    current = store.state(day, page.limit, page.offset)
    facts = page.holding(current.facts, store.merged_count("facts", known_by=day))
    return {**to_dict(current), "facts": _listed(facts)}
