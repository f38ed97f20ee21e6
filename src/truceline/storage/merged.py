"""The merged records as tables (schema.merged_agreements, merged_events, merged_facts), written
in the linker's transaction (Store.link): the merged rows the relinked documents touch are built
again from their per-document rows with merge.py, as the reader merges them for the CLI, so that
SQL tools (datasette, DuckDB, psql) see what the CLI shows."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from itertools import islice
from typing import Any

import sqlalchemy as sa

from truceline.merge import merge_agreements, merge_claims, merge_events
from truceline.records import Fact, MergedAgreement, MergedEvent
from truceline.storage.reader import PUBLICATION_ORDER, agreements_query, claims_query, events_query
from truceline.storage.schema import claims, events, merged_agreements, merged_events, merged_facts

_CHUNK = 2_000  # merge keys per query: well under any driver's limit of bound parameters


def keys_of(conn: sa.Connection, document_ids: Collection[str]) -> set[tuple[str, str]]:
    """The merged events and facts (as `(table, merge key)`) the rows of these documents belong to."""
    found: set[tuple[str, str]] = set()
    for table in (events, claims):
        for chunk in _chunks(document_ids):
            found |= {(table.name, key) for key in conn.scalars(
                sa.select(table.c.merge_key).distinct().where(table.c.document_id.in_(chunk))) if key}
    return found


def write(conn: sa.Connection, keys: set[tuple[str, str]] | None) -> None:
    """Write again the merged events and facts of `keys` (every one when None), those whose rows
    have no merged row yet (stored by an ingest stopped before it linked), and every merged
    agreement (an agreement's link to the one before it depends on all of them); drop the merged
    rows no row points at any more."""
    for table, merged, merge, row_of in ((events, merged_events, merge_events, _event_row),
                                         (claims, merged_facts, merge_claims, _fact_row)):
        wanted = None if keys is None else {key for name, key in keys if name == table.name}
        conn.execute(merged.delete().where(merged.c.id.not_in(sa.select(table.c.merge_key).where(
            table.c.merge_key.is_not(None)))))
        if wanted is not None:
            wanted |= set(conn.scalars(sa.select(table.c.merge_key).distinct().where(
                table.c.merge_key.is_not(None), table.c.merge_key.not_in(sa.select(merged.c.id)))))
        query, _ = (events_query if table is events else claims_query)()
        query = query.order_by(*PUBLICATION_ORDER, table.c.seq)
        for chunk in [None] if wanted is None else _chunks(wanted):
            conn.execute(merged.delete() if chunk is None else merged.delete().where(merged.c.id.in_(chunk)))
            selected = query if chunk is None else query.where(table.c.merge_key.in_(chunk))
            rows = [dict(r) for r in conn.execute(selected).mappings()]
            if rows:
                conn.execute(merged.insert(), [row_of(m) for m in merge(rows)])
    conn.execute(merged_agreements.delete())
    query, _ = agreements_query()
    rows = [dict(r) for r in conn.execute(query).mappings()]
    if rows:
        conn.execute(merged_agreements.insert(), [_agreement_row(a) for a in merge_agreements(rows)])


def _chunks(items: Collection[str]) -> Iterator[list[str]]:
    ordered = iter(sorted(items))
    while chunk := list(islice(ordered, _CHUNK)):
        yield chunk


def _event_row(event: MergedEvent) -> dict[str, Any]:
    return {"id": event.id, "type": event.type, "mode": event.mode, "source_canonical": event.source.canonical,
            "target_canonical": event.target.canonical if event.target else None, "day": event.date,
            "reports": event.reports, "sources": len(event.sources)}


def _fact_row(fact: Fact) -> dict[str, Any]:
    return {"id": fact.id, "kind": fact.kind, "subject": fact.subject, "location": fact.location,
            "counted": fact.counted, "value": fact.latest.value, "qualifier": fact.latest.qualifier,
            "as_of": fact.latest.as_of, "reports": fact.reports, "figures": len(fact.figures),
            "revisions": len(fact.revisions), "contradictions": len(fact.contradictions)}


def _agreement_row(agreement: MergedAgreement) -> dict[str, Any]:
    link = agreement.links[0] if agreement.links else None
    return {"id": agreement.id, "name": agreement.name, "kind": agreement.kind, "conflict": agreement.conflict,
            "status": agreement.status, "parties": agreement.parties,
            "parties_of_war": agreement.parties_of_war, "mediators": agreement.mediators,
            "proposers": agreement.proposers, "effective": agreement.effective,
            "duration_days": agreement.duration_days, "scope": agreement.scope, "phases": agreement.phases,
            "terms": [{"category": t.category, "status": t.status} for t in agreement.terms],
            "history": [{"status": c.status, "on": c.on and c.on.isoformat(), "document_id": c.source.document_id}
                        for c in agreement.history],
            "follows": link and link.agreement, "relation": link and link.relation,
            "first_reported": agreement.first_reported, "last_reported": agreement.last_reported,
            "reports": agreement.reports, "sources": len(agreement.sources)}
