"""The web pages: server-rendered HTML over the same views as the API (queries.py)."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any, get_args

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from truceline import counted, records
from truceline.conflicts import conflicts
from truceline.web import axis, graph, queries, worldmap
from truceline.web.highlight import highlight, record_marks, snippet_html
from truceline.web.params import (ActorName, AgreementStatus, AsOf, ClaimKind, Conflict, Country, EventMode,
                                  EventType, Location, PageDep, Since,
                                  Stating, StoreDep, Subject, Until, words_param)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Words = words_param()


def render(request: Request, template: str, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context)


@router.get("/")
def board(request: Request, store: StoreDep, page: PageDep, as_of: AsOf = None,
          status: AgreementStatus = None, conflict: Conflict = None, country: Country = None) -> HTMLResponse:
    def kept(cards: list[queries.BoardCard]) -> list[queries.BoardCard]:
        return queries.in_country(store, cards, country) if country else cards

    every = kept(queries.board(store, as_of, conflict=conflict))
    counts = Counter(c.agreement.status for c in every) + Counter(queries.OPEN for c in every if c.open)
    cards = kept(queries.board(store, as_of, status, conflict))  # merged agreements are kept: no second merge
    conflict_counts = Counter(c.agreement.conflict for c in kept(queries.board(store, as_of, status)))
    by_country = queries.agreement_countries(store, [c.agreement for c in queries.board(store, as_of, status, conflict)])
    country_counts = Counter(code for codes in by_country.values() for code in codes)
    return render(request, "board.html", as_of=as_of, status=status, conflict=conflict, country=country,
                  day=queries.reference_day(store, as_of), statuses=get_args(records.StatusFilter), counts=counts,
                  conflicts=[c.name for c in conflicts()], conflict_counts=conflict_counts,
                  countries=sorted(country_counts), country_counts=country_counts, cards=page.of(cards))


@router.get("/map")
def world(request: Request, store: StoreDep, as_of: AsOf = None, since: Since = None, until: Until = None,
          event_type: EventType = None, mode: EventMode = None, status: AgreementStatus = None,
          conflict: Conflict = None) -> HTMLResponse:
    events, agreements = queries.country_counts(store, as_of, since, until, event_type, mode, status, conflict)
    shaded = worldmap.shade(events, agreements)
    places = worldmap.places(queries.place_counts(store, as_of, since, until, conflict))
    return render(request, "map.html", as_of=as_of, since=since, until=until, event_type=event_type, mode=mode,
                  status=status, conflict=conflict, event_types=get_args(records.EventType),
                  modes=get_args(records.EventMode), statuses=get_args(records.StatusFilter),
                  conflicts=[c.name for c in conflicts()], shaded=shaded, places=places,
                  listed=sorted((s for s in shaded if s.shade), key=lambda s: (-s.events - s.agreements, s.country.name)),
                  size=(worldmap.WIDTH, worldmap.HEIGHT))


@router.get("/agreements/{agreement_id:path}")
def agreement(request: Request, store: StoreDep, agreement_id: str, as_of: AsOf = None) -> HTMLResponse:
    found = queries.agreement(store, agreement_id, as_of)
    if found is None:
        raise HTTPException(404, f"No agreement {agreement_id!r}{' known on ' + str(as_of) if as_of else ''}; "
                                 "the board lists them.")
    return render(request, "agreement.html", as_of=as_of, page=found, a=found.agreement)


@router.get("/timeline")
def timeline(request: Request, store: StoreDep, page: PageDep, since: Since = None, until: Until = None,
             as_of: AsOf = None, actor: ActorName = None, event_type: EventType = None, mode: EventMode = None,
             conflict: Conflict = None, country: Country = None) -> HTMLResponse:
    filters = {"since": since, "until": until, "known_by": as_of, "actor": actor, "type": event_type, "mode": mode,
               "conflict": conflict, "country": country}
    facets = queries.timeline_facets(store, **filters)
    return render(request, "timeline.html", as_of=as_of, since=since, until=until, actor=actor,
                  event_type=event_type, mode=mode, conflict=conflict, country=country, facets=facets,
                  event_types=get_args(records.EventType), modes=get_args(records.EventMode),
                  conflicts=[c.name for c in conflicts()], countries=sorted(facets["country"]),
                  actors=sorted(facets["actor"], key=lambda name: -facets["actor"][name])[:100],
                  rows=queries.timeline(store, page, **filters), axis=queries.timeline_axis(store, **filters),
                  axis_size=(axis.WIDTH, axis.HEIGHT))


@router.get("/network")
def network(request: Request, store: StoreDep, page: PageDep, since: Since = None, until: Until = None,
            as_of: AsOf = None, actor: ActorName = None,
            unasserted: Annotated[bool, Query(description="Draw proposed, hypothetical, hedged and negated events "
                                                          "too.")] = False) -> HTMLResponse:
    # What did not happen (proposed, hypothetical, negated) is not drawn beside what did, unless asked.
    mode = None if unasserted else "asserted"
    edges = queries.network(store, page, since, until, as_of, actor, mode)
    nodes, arcs = graph.layout(edges.items)
    actor_counts = store.event_sides("canonical", mode=mode, since=since, until=until, known_by=as_of)
    return render(request, "network.html", as_of=as_of, since=since, until=until, actor=actor, unasserted=unasserted,
                  actors=sorted(actor_counts, key=lambda name: -actor_counts[name])[:100], actor_counts=actor_counts,
                  edges=edges, nodes=nodes, arcs=arcs,
                  quads=graph.QUAD_CLASSES, width=graph.WIDTH, height=graph.HEIGHT)


@router.get("/figures")
def figures(request: Request, store: StoreDep, page: PageDep, as_of: AsOf = None, kind: ClaimKind = None,
            since: Since = None, until: Until = None, conflict: Conflict = None,
            location: Location = None) -> HTMLResponse:
    where = {"since": since, "until": until, "known_by": as_of, "conflict": conflict, "location": location}
    facts = page.holding(store.facts(kind=kind, limit=page.limit, offset=page.offset, **where),
                         store.merged_count("facts", kind=kind, **where))
    return render(request, "figures.html", as_of=as_of, kind=kind, kinds=get_args(records.ClaimKind), facts=facts,
                  since=since, until=until, conflict=conflict, location=location,
                  conflicts=[c.name for c in conflicts()], kind_counts=store.facet("facts", "kind", **where),
                  views=[queries.FactView.of(fact) for fact in facts.items])


@router.get("/figures/series")
def series(request: Request, store: StoreDep, page: PageDep, kind: ClaimKind = None, subject: Subject = None,
           actor: Stating = None, conflict: Conflict = None, since: Since = None, until: Until = None,
           as_of: AsOf = None) -> HTMLResponse:
    points = queries.series(store, kind, subject, actor, conflict, since, until, as_of)
    chart = [{"x": p["when"].isoformat(), "y": p["value"], "change": p["change"]} for p in points]
    return render(request, "series.html", as_of=as_of, kind=kind, subject=subject, actor=actor, conflict=conflict,
                  since=since, until=until, kinds=get_args(records.ClaimKind), subjects=counted.names(),
                  conflicts=[c.name for c in conflicts()], points=page.of(points), chart=chart)


@router.get("/actors/{name:path}")
def actor(request: Request, store: StoreDep, name: str, as_of: AsOf = None) -> HTMLResponse:
    view = queries.actor(store, name, as_of)
    if view is None:
        raise HTTPException(404, f"No actor {name!r} is named in the documents{' by ' + str(as_of) if as_of else ''}; "
                                 "names are canonical, as the timeline's actor list gives them.")
    return render(request, "actor.html", as_of=as_of, view=view)


@router.get("/documents")
def documents(request: Request, store: StoreDep, page: PageDep, as_of: AsOf = None) -> HTMLResponse:
    listed = page.holding(*store.document_list(page.limit, page.offset, as_of))
    return render(request, "documents.html", as_of=as_of, documents=listed)


@router.get("/documents/{document_id}")
def document(request: Request, store: StoreDep, document_id: str, as_of: AsOf = None) -> HTMLResponse:
    try:
        record = store.record(document_id)
    except KeyError:
        raise HTTPException(404, f"No document {document_id!r} is stored: it may come from another database.") from None
    return render(request, "document.html", as_of=as_of, record=record,
                  text=highlight(record.document.text, record_marks(record)))


@router.get("/search")
def search(request: Request, store: StoreDep, page: PageDep, q: Words = "", as_of: AsOf = None) -> HTMLResponse:
    hits = page.holding(*store.search(q, page.limit, page.offset, as_of))
    return render(request, "search.html", as_of=as_of, q=q, hits=hits, actors=store.find_actors(q) if q else [],
                  agreements=queries.matching_agreements(store, q, as_of) if q else [],
                  snippets=[snippet_html(hit["snippet"]) for hit in hits.items])
