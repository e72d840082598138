"""Re-screening: when a watch list changes, every party on an open case's ownership chain
is matched again, and a new strong match puts the case in its officers' inbox.

Runs as a Celery task after each list import (reviews/receivers.py), once per import
(`Rescreening`); the sweep `rescreen_missed_imports` runs it for an import whose task
was lost. A match is new for a case when that party and entity were not a strong match
of the case before (`WatchlistHit`) and no reviewer rejected them; each is told once,
with what changed on the list, and audited on the case.

A chain screened before and unchanged since (`ChainScreening`: the same parties, as the
matcher reads them, at the same threshold and matcher version) is screened only against
the entities the list wrote since: a new match comes from them, but for the rare one
that list-wide key frequencies bring into reach (docs/matching.md §7). A new or changed
chain, and every chain once a week, is screened against the whole list.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.actors import Actor
from core.services import record_audit
from ownership.models import MatchDecision, Party, WatchlistEntity, WatchlistImport
from ownership.name_search import BY_KEYS, COMMON_KEY, MATCHER_VERSION, Candidate, search
from ownership.structure_query import upstream_record_ids
from ownership.watchlists import party_named
from reviews.deadline_watch import seniors
from reviews.inbox import notify
from reviews.models import Case, ChainScreening, Rescreening, WatchlistHit
from reviews.pure.workflow import UNDER_REVIEW
from screening.assessment import namespace_of

SYSTEM = Actor.system("system (watch-list re-screening)")
CASES_AT_ONCE = 200  # cases whose chains are matched together, in one search
# A re-screening started this long ago and not finished was lost: at the rate measured
# in BENCHMARKS.md (~80 names/s), three hours screen ~850,000 parties, far more than the
# ownership chains of a node's open cases hold.
RESCREENING_STALE = timedelta(hours=3)
# A chain is screened against the whole list at least this often: what the list-wide key
# frequencies bring into a party's reach is not among the entities written since.
WHOLE_LIST_EVERY = timedelta(days=7)
SCREENED_MARGIN = timedelta(minutes=10)  # of `_screened_as_of`


def rescreen(import_id: int) -> Rescreening:
    """Re-screen the open cases after list import `import_id`; once per import."""
    run = WatchlistImport.objects.get(pk=import_id)
    record, created = Rescreening.objects.get_or_create(watchlist_import=run)
    if record.finished_at is not None:
        return record
    if not created:  # lost before it finished: start again, as of now
        record.started_at = timezone.now()
    record.cases = record.parties = record.against_changes = record.hits = 0
    record.save()
    as_of = _screened_as_of(record)
    cases = Case.objects.filter(status__in=UNDER_REVIEW, filing__isnull=False).order_by("pk")
    for batch in _batches(cases.select_related("filing", "assignee", "authority").iterator()):
        chains = {case: chain for case in batch if (chain := _chain(case))}
        parties = _parties({record_id for chain in chains.values() for record_id in chain})
        fingerprints = {case: _fingerprint(chain, parties) for case, chain in chains.items()}
        since = _screened_since(chains, fingerprints)
        matches = _strong_matches(parties, since)
        record.cases += len(chains)
        record.parties += len(parties)
        record.against_changes += sum(1 for record_id in parties if record_id in since)
        for case, chain in chains.items():
            for record_id in chain:
                for candidate in matches.get(record_id, []):
                    record.hits += _told(case, parties[record_id], candidate, run)
            ChainScreening.objects.update_or_create(
                case=case, defaults={"fingerprint": fingerprints[case], "screened_at": as_of}
            )
    record.finished_at = timezone.now()
    record.save()
    return record


def missed_imports() -> list[int]:
    """Finished list imports whose re-screening never started, or started so long ago
    (`RESCREENING_STALE`) that its worker must have died; one still running is left."""
    running_since = timezone.now() - RESCREENING_STALE
    return list(
        WatchlistImport.objects.filter(status=WatchlistImport.Status.DONE)
        .exclude(
            pk__in=Rescreening.objects.filter(
                Q(finished_at__isnull=False) | Q(started_at__gte=running_since)
            ).values("watchlist_import_id")
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _batches(cases: Iterator[Case]) -> Iterator[list[Case]]:
    while batch := list(islice(cases, CASES_AT_ONCE)):
        yield batch


def _chain(case: Case) -> list[str]:
    """The record ids of the case's investor and of everyone upstream of it, as its
    latest filing version's ownership was resolved; empty before that is done."""
    version = case.filing.versions.order_by("-number").first() if case.filing else None
    assessment = getattr(version, "ownership_assessment", None) if version else None
    if version is None or assessment is None or assessment.status != "done":
        return []
    investor = (version.content.get("investor") or {}).get("bods_record_id")
    if not investor:
        return []
    record_id = f"{namespace_of(version)}/{investor}"
    as_of: date = assessment.as_of
    return [record_id, *upstream_record_ids(record_id, as_of)]


def _parties(record_ids: set[str]) -> dict[str, Party]:
    return {
        party.record_id: party for party in Party.objects.current().filter(record_id__in=record_ids)
    }


def _fingerprint(chain: list[str], parties: dict[str, Party]) -> str:
    """What a screening of the chain depends on: its parties as the matcher reads them,
    the matcher's version and retrieval settings, and the threshold."""
    read: list[list[Any]] = []
    for record_id in sorted(set(chain)):
        party = parties.get(record_id)
        if party is None:  # not (yet) recorded: nothing to screen
            read.append([record_id])
            continue
        named = party_named(party)
        countries, identifiers = sorted(named.countries), sorted(named.identifiers)
        read.append([record_id, list(named.names), named.schema, countries, identifiers])
    text = json.dumps(
        [MATCHER_VERSION, BY_KEYS, COMMON_KEY, settings.WATCHLIST_STRONG_MATCH, read],
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _screened_as_of(record: Rescreening) -> datetime:
    """The time a chain screened now has seen the list as of. An entity's `updated_at`
    is taken when an import writes it, before its batch commits: one of an import
    still running may be invisible now and older than our start. So: the start of the
    earliest import still running, if before ours, less a margin for clocks."""
    running = WatchlistImport.objects.filter(status=WatchlistImport.Status.RUNNING)
    starts = [record.started_at, *running.values_list("started_at", flat=True)]
    return min(starts) - SCREENED_MARGIN


def _screened_since(
    chains: dict[Case, list[str]], fingerprints: dict[Case, str]
) -> dict[str, datetime]:
    """Record id -> since when it needs screening, for the parties of chains screened
    before and unchanged; a party also on a new or changed chain is not here (it is
    screened against the whole list)."""
    stale = timezone.now() - WHOLE_LIST_EVERY
    earlier = {
        screening.case_id: screening
        for screening in ChainScreening.objects.filter(
            case__in=list(fingerprints), screened_at__gte=stale
        )
    }
    since: dict[str, datetime] = {}
    whole: set[str] = set()
    for case, chain in chains.items():
        before = earlier.get(case.pk)
        for record_id in chain:
            if before is None or before.fingerprint != fingerprints[case]:
                whole.add(record_id)
            else:
                since[record_id] = min(since.get(record_id, before.screened_at), before.screened_at)
    return {record_id: at for record_id, at in since.items() if record_id not in whole}


def _strong_matches(
    parties: dict[str, Party], since: dict[str, datetime]
) -> dict[str, list[Candidate]]:
    """The strong matches of each party: against the whole list, or only against the
    entities written since its `since`."""
    found: dict[str, list[Candidate]] = {}
    groups: dict[datetime | None, list[str]] = {}
    for record_id in sorted(parties):
        groups.setdefault(since.get(record_id), []).append(record_id)
    for changed_since, record_ids in groups.items():
        candidates = search(
            [party_named(parties[record_id]) for record_id in record_ids],
            threshold=settings.WATCHLIST_STRONG_MATCH,
            changed_since=changed_since,
        )
        found.update(zip(record_ids, candidates, strict=True))
    record_ids = sorted(parties)
    rejected = set(
        MatchDecision.objects.filter(
            party_record_id__in=record_ids, decision=MatchDecision.Decision.REJECTED
        ).values_list("party_record_id", "entity__entity_id")
    )
    return {
        record_id: [c for c in candidates if (record_id, c.entity_id) not in rejected]
        for record_id, candidates in found.items()
    }


def _told(case: Case, party: Party, candidate: Candidate, run: WatchlistImport) -> int:
    """Record a strong match on the case and tell its officers, if it is new: 1 if so."""
    entity = WatchlistEntity.objects.get(entity_id=candidate.entity_id)
    change = _change(entity, run)
    with transaction.atomic():
        hit, created = WatchlistHit.objects.get_or_create(
            case=case,
            party_record_id=party.record_id,
            entity=entity,
            defaults={
                "party_name": party.name[:500],
                "score": candidate.score,
                "reasons": candidate.reasons,
                "topics": candidate.topics,
                "change": change,
                "found_by": run,
            },
        )
        if not created:
            return 0
        record_audit(
            actor=SYSTEM,
            action="reviews.watchlist_hit",
            obj=case,
            organisation=case.authority,
            after={
                "party": party.record_id,
                "entity": entity.entity_id,
                "score": candidate.score,
                "topics": candidate.topics,
            },
            reason=f"Watch-list import {run.pk} ({run.source}): {change}",
        )
        for person in [case.assignee] if case.assignee else seniors(case):
            notify(
                person,
                case=case,
                key=f"watchlist-hit:{hit.pk}",
                subject=f"Watch-list match on {case.reference}: {party.name} ~ {entity.caption}",
                body=_body(case, party, entity, candidate, change),
            )
    return 1


def _change(entity: WatchlistEntity, run: WatchlistImport) -> str:
    """What the list import did to the entity, in words."""
    if entity.updated_at >= run.started_at:
        return f"{entity.caption} was added or changed on the list ({run.source})"
    return f"{entity.caption} was on the list before; the case's ownership now matches it"


def _body(
    case: Case, party: Party, entity: WatchlistEntity, candidate: Candidate, change: str
) -> str:
    topics = ", ".join(candidate.topics) or "no topic"
    reasons = "; ".join(candidate.reasons)
    return (
        f"{party.name} on the ownership chain of {case.reference} matches {entity.caption} "
        f"({entity.schema}, {topics}) at {candidate.score:.0f}: {reasons}.\n{change}.\n"
        "Confirm or reject the match on the party's matches."
    )
