"""Watch lists: match parties against them, remember reviewers' decisions.

The list itself is imported by `ftm_import.py`; candidates are retrieved and scored by
`name_search.py`. Matched parties feed the resolution: a party confirmed to be a
state-owned enterprise (topic gov.soe), or sharing its LEI with one, acts as its state
(docs/ownership.md §6.2, §7).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction

from core.actors import Actor
from core.services import record_audit
from ownership.ftm_import import import_ftm
from ownership.models import MatchDecision, Party, WatchlistEntity
from ownership.name_search import Candidate, NameQuery, scheme_identifier, search, warm_up
from ownership.pure.matching import Named

# The watch lists' entry points: importing a list, building the name engine before the
# first name (~5 s), matching, deciding.
__all__ = [
    "decide",
    "find_matches",
    "import_ftm",
    "match_candidates",
    "match_names",
    "party_named",
    "state_owned_parties",
    "warm_up",
]


def find_matches(named: Named) -> list[Candidate]:
    """The listed entities matching one name at the node's threshold, best first."""
    (found,) = search([named], threshold=settings.WATCHLIST_MATCH_THRESHOLD)
    return found


def match_candidates(party: Party) -> list[dict[str, Any]]:
    """Suggested watch-list matches of a party, best first, with earlier decisions."""
    found = find_matches(party_named(party))
    decisions = dict(
        MatchDecision.objects.filter(party_record_id=party.record_id).values_list(
            "entity__entity_id", "decision"
        )
    )
    return [{**c.as_dict(), "decision": decisions.get(c.entity_id)} for c in found]


def match_names(
    queries: Sequence[NameQuery],
    *,
    threshold: float | None = None,
    limit: int | None = None,
    changed_since: datetime | None = None,
) -> list[dict[str, Any]]:
    """`{"id", "candidates"}` for each name, in the order given (batch screening); only
    among the entities written since `changed_since`, if given."""
    if threshold is None:
        threshold = settings.WATCHLIST_MATCH_THRESHOLD
    found = search(
        [query.named for query in queries], threshold=threshold, changed_since=changed_since
    )
    return [
        {"id": query.id, "candidates": [c.as_dict() for c in candidates[:limit]]}
        for query, candidates in zip(queries, found, strict=True)
    ]


def party_named(party: Party) -> Named:
    """A party as the matcher sees it: every name it has, its country, its identifiers."""
    names = [str(n["fullName"]) for n in party.names if isinstance(n, dict) and n.get("fullName")]
    identifiers = {
        found
        for entry in party.identifiers or []
        if isinstance(entry, dict)
        and (found := scheme_identifier(str(entry.get("scheme", "")), str(entry.get("id", ""))))
    }
    return Named(
        names=tuple(dict.fromkeys(name for name in [party.name, *names] if name.strip())),
        schema="Person" if party.record_type == "person" else "Organization",
        countries=frozenset({party.country[:2].upper()}) if party.country else frozenset(),
        identifiers=frozenset(identifiers),
    )


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
        elif match.entity.is_state_owned and match.entity.removed_at is None:
            found[match.party_record_id] = (match.entity.countries or [""])[0]

    leis = {
        party.record_id: (lei, party.country)
        for party in Party.objects.current().filter(record_id__in=record_ids)
        if (lei := _lei(party)) and party.record_id not in found
    }
    state_owned_by_lei: dict[str, WatchlistEntity] = {}
    listed = WatchlistEntity.objects.filter(removed_at__isnull=True)
    for entity in listed.filter(lei__in={lei for lei, _ in leis.values()}):
        if entity.is_state_owned:
            state_owned_by_lei.setdefault(entity.lei, entity)
    for record_id, (lei, country) in leis.items():
        soe = state_owned_by_lei.get(lei)
        if soe and (record_id, soe.pk) not in rejected:
            found[record_id] = (soe.countries or [country])[0]
    return found


def _lei(party: Party) -> str:
    """The party's LEI, normalised as the list's are; empty if it has none that checks."""
    for entry in party.identifiers or []:
        if isinstance(entry, dict) and "LEI" in str(entry.get("scheme", "")).upper():
            found = scheme_identifier("lei", str(entry.get("id", "")))
            if found:
                return found[1]
    return ""
