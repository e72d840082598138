"""Watch lists: import FollowTheMoney entities, suggest matches, remember decisions.

Matched parties feed the resolution: a party confirmed to be a state-owned enterprise
(topic gov.soe), or sharing its LEI with one, acts as its state (docs/ownership.md §6.2, §7).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from core.actors import Actor
from core.services import record_audit
from ownership.bods_import import read_statements
from ownership.models import MatchDecision, Party, WatchlistEntity
from ownership.pure.matching import Candidate, candidates, comparable

NAME_PROPERTIES = ("name", "alias", "previousName", "weakAlias")
COUNTRY_PROPERTIES = ("country", "jurisdiction", "nationality", "mainCountry")


def import_ftm(path: str | Path) -> dict[str, int]:
    """Upsert every entity of a FtM JSON-lines (or gzip) file by its id."""
    counts = {"read": 0, "stored": 0, "refused": 0}
    batch: list[WatchlistEntity] = []
    for _, entity in read_statements(path):
        counts["read"] += 1
        if not isinstance(entity, dict) or not entity.get("id") or not entity.get("schema"):
            counts["refused"] += 1
            continue
        batch.append(_entity(entity))
        if len(batch) >= 1000:
            counts["stored"] += _store(batch)
            batch = []
    counts["stored"] += _store(batch)
    return counts


def _entity(entity: dict[str, Any]) -> WatchlistEntity:
    properties = entity.get("properties") or {}

    def values(*keys: str) -> list[str]:
        found = [str(v) for key in keys for v in properties.get(key, [])]
        return list(dict.fromkeys(found))

    names = values(*NAME_PROPERTIES)
    return WatchlistEntity(
        entity_id=str(entity["id"])[:300],
        schema=str(entity["schema"])[:60],
        caption=str(entity.get("caption") or (names[0] if names else entity["id"]))[:500],
        names=names,
        search_text=" | ".join(comparable(name) for name in names),
        countries=[c.upper() for c in values(*COUNTRY_PROPERTIES)],
        topics=values("topics") + [t for t in entity.get("topics", []) if isinstance(t, str)],
        lei=(values("leiCode") or [""])[0][:20],
        properties=properties,
        datasets=entity.get("datasets", []),
    )


def _store(batch: list[WatchlistEntity]) -> int:
    if not batch:
        return 0
    with transaction.atomic():
        WatchlistEntity.objects.bulk_create(
            batch,
            update_conflicts=True,
            unique_fields=["entity_id"],
            update_fields=[
                "schema",
                "caption",
                "names",
                "search_text",
                "countries",
                "topics",
                "lei",
                "properties",
                "datasets",
                "updated_at",
            ],
        )
    return len(batch)


def match_candidates(party: Party) -> list[dict[str, Any]]:
    """Suggested watch-list matches of a party, with earlier decisions attached."""
    key = max(comparable(party.name).split() or [""], key=len)
    pool = WatchlistEntity.objects.exclude(schema="Ownership")
    if key:
        # Narrow by the longest token; a trigram index is the scalable form of this.
        pool = pool.filter(search_text__icontains=key) | pool.filter(lei=_lei(party) or "-")
    found: list[Candidate] = candidates(
        party.name, party.country, ((e.entity_id, e.names, e.countries) for e in pool)
    )
    decisions = {
        d.entity.entity_id: d
        for d in MatchDecision.objects.filter(party_record_id=party.record_id).select_related(
            "entity"
        )
    }
    return [
        {
            "entity_id": c.entity_id,
            "name": c.name,
            "score": c.score,
            "reasons": c.reasons,
            "decision": decisions[c.entity_id].decision if c.entity_id in decisions else None,
        }
        for c in found
    ]


def decide(
    *, party: Party, entity: WatchlistEntity, decision: str, actor: Actor, reason: str = ""
) -> MatchDecision:
    with transaction.atomic():
        record, _ = MatchDecision.objects.update_or_create(
            party_record_id=party.record_id,
            entity=entity,
            defaults={"decision": decision, "reason": reason, "decided_by": actor.label},
        )
        record_audit(
            actor=actor,
            action=f"ownership.match_{decision}",
            obj=record,
            after={"party": party.record_id, "entity": entity.entity_id},
            reason=reason,
        )
    return record


def state_owned_parties(record_ids: list[str]) -> dict[str, str]:
    """Record id -> country, for parties known to be state-owned enterprises: a confirmed
    match to a gov.soe entity, or the same LEI as one unless a reviewer rejected it.

    Three queries whatever the number of parties: it runs in every resolution.
    """
    decisions = MatchDecision.objects.filter(party_record_id__in=record_ids).select_related(
        "entity"
    )
    rejected = set()
    found: dict[str, str] = {}
    for match in decisions:
        if match.decision == MatchDecision.Decision.REJECTED:
            rejected.add((match.party_record_id, match.entity_id))
        elif match.entity.is_state_owned:
            found[match.party_record_id] = (match.entity.countries or [""])[0]

    leis = {
        party.record_id: (lei, party.country)
        for party in Party.objects.current().filter(record_id__in=record_ids)
        if (lei := _lei(party)) and party.record_id not in found
    }
    state_owned_by_lei: dict[str, WatchlistEntity] = {}
    for entity in WatchlistEntity.objects.filter(lei__in={lei for lei, _ in leis.values()}):
        if entity.is_state_owned:
            state_owned_by_lei.setdefault(entity.lei, entity)
    for record_id, (lei, country) in leis.items():
        soe = state_owned_by_lei.get(lei)
        if soe and (record_id, soe.pk) not in rejected:
            found[record_id] = (soe.countries or [country])[0]
    return found


def _lei(party: Party) -> str:
    for identifier in party.identifiers or []:
        if isinstance(identifier, dict) and "LEI" in str(identifier.get("scheme", "")).upper():
            return str(identifier.get("id", ""))
    return ""
