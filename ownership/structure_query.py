"""Load a subject's upstream structure from the database for the resolution engine.

A few set-based queries: one recursive query walks up from the subject to every owner
(closed relationships left out), then one fetches those relationships with their
interests and one the parties. What comes back is the plain
`Structure` the pure engine reads.
"""

from __future__ import annotations

from datetime import date

from django.db import connection

from ownership.models import Interest, Party, Relationship
from ownership.pure.control import Right
from ownership.pure.engine import Holding
from ownership.pure.interests import CONTROLLING_ROLES, meaning_of, right_basis
from ownership.pure.resolution import Party as EngineParty
from ownership.pure.resolution import Structure
from ownership.pure.summaries import Summary, SummaryFigure
from ownership.watchlists import state_owned_parties

UPSTREAM_SQL = """
WITH RECURSIVE upstream(record_id) AS (
    SELECT CAST(%(record)s AS VARCHAR(300))
    UNION
    SELECT r.interested_party_record_id
    FROM ownership_relationship r
    JOIN upstream u ON r.subject_record_id = u.record_id
    WHERE r.status <> 'closed'
      AND r.interested_party_record_id <> ''
      AND {version}
)
SELECT record_id FROM upstream
"""
# Which row of each relationship counts: the newest, or the one valid on a day.
CURRENT = "r.valid_to IS NULL"
AS_OF = "r.statement_day <= %(day)s AND (r.valid_to IS NULL OR r.valid_to > %(day)s)"

# What an anonymous or unknown party is called where it has no name.
UNNAMED = {
    "anonymousPerson": "Anonymous person",
    "unknownPerson": "Unknown person",
    "anonymousEntity": "Anonymous entity",
    "unknownEntity": "Unknown entity",
}

# An exclusive bound (exclusiveMinimum 50: more than 50 %) is taken this far inside, so
# "more than 50 % of the votes" is a majority and shows as 50 % (figures are rounded to
# 6 decimals).
EXCLUSIVE = 1e-7


def upstream_record_ids(record_id: str, as_of: date | None = None) -> list[str]:
    """The record and every record upstream of it, as the statements dated on or before
    `as_of` had them (None: as the newest statements have them)."""
    # UNION (not UNION ALL) stops at records already reached: cycles end the recursion.
    sql = UPSTREAM_SQL.format(version=CURRENT if as_of is None else AS_OF)
    params = {"record": record_id, "day": as_of.isoformat() if as_of else ""}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def load_structure(record_id: str, as_of: date) -> Structure:
    """The subject's upstream structure as the statements dated on or before `as_of`
    had it: a record's newest statement of then (docs/ownership.md §2.2)."""
    upstream = upstream_record_ids(record_id, as_of)
    relationships = list(
        Relationship.objects.as_of(as_of)
        .filter(subject_record_id__in=upstream)
        .exclude(status="closed")
        .prefetch_related("interests")
    )
    state_owned = state_owned_parties(upstream)
    parties = {
        party.record_id: EngineParty(
            record_id=party.record_id,
            name=party.name or UNNAMED.get(party.subtype, "Unnamed party"),
            kind=party.record_type,
            entity_type=party.subtype if party.record_type == "entity" else "",
            # A state-owned enterprise acts as the state of its watch-list country.
            country=state_owned.get(party.record_id) or party.country,
            is_state_owned=party.record_id in state_owned,
            reason=party.unspecified_reason,
            description=party.unspecified_description,
            entity_subtype=party.entity_subtype,
            names=tuple(
                (str(n.get("type", "")), str(n.get("fullName", "")))
                for n in party.names
                if isinstance(n, dict) and n.get("fullName")
            ),
        )
        for party in Party.objects.as_of(as_of)
        .filter(record_id__in=upstream)
        .exclude(status="closed")
    }
    structure = Structure(parties=parties)
    for relationship in relationships:
        owner = relationship.interested_party_record_id
        if not owner:
            owner = f"unspecified:{relationship.record_id}"
            parties[owner] = EngineParty(
                record_id=owner,
                name=relationship.unspecified_description or "Unspecified owner",
                kind="unspecified",
                reason=relationship.unspecified_reason,
                description=relationship.unspecified_description,
            )
        if relationship.is_summary:
            _add_summary(structure, owner, relationship)
        else:
            structure.links[relationship.record_id] = (owner, relationship.subject_record_id)
            _add_interests(structure, owner, relationship)
    _add_context(structure, as_of)
    return structure


def _add_context(structure: Structure, as_of: date) -> None:
    """Summaries about a subsidiary that say what an unknown link here holds: resolving
    B, whose owner P has an interest of unknown size, a summary "P holds 30 % of A through
    B" with B's 60 % of A tells that P holds 50 % of B (docs/ownership.md §2.5). Looked up
    only when the structure has a link of unknown size."""
    unknown = {h.relationship for h in structure.shares + structure.votes if not h.known}
    if not unknown:
        return
    summaries = Relationship.objects.as_of(as_of).exclude(status="closed")
    if connection.vendor == "postgresql":
        found = list(summaries.filter(component_records__has_any_keys=sorted(unknown)))
    else:  # SQLite has no JSON containment for arrays: the demo's few summaries, in Python
        found = [
            r for r in summaries.exclude(component_records=[]) if unknown & set(r.component_records)
        ]
    found = [r for r in found if r.record_id not in {s.relationship for s in structure.summaries}]
    if not found:
        return
    context = Structure(parties={})
    for summary in found:
        owner = summary.interested_party_record_id or f"unspecified:{summary.record_id}"
        _add_summary(context, owner, summary)
    loaded = set(structure.links)
    components = {c for s in context.summaries for c in s.components} - loaded
    for relationship in (
        Relationship.objects.as_of(as_of)
        .filter(record_id__in=components)
        .exclude(status="closed")
        .prefetch_related("interests")
    ):
        owner = relationship.interested_party_record_id
        if owner and not relationship.is_summary:
            context.links[relationship.record_id] = (owner, relationship.subject_record_id)
            _add_interests(context, owner, relationship)
    structure.context = context


def _add_interests(structure: Structure, owner: str, relationship: Relationship) -> None:
    """Each interest as what it counts as (ownership/pure/interests.py)."""
    subject, rid = relationship.subject_record_id, relationship.record_id
    interests: list[Interest] = list(relationship.interests.all())
    if not interests:
        if owner.startswith("unspecified:"):
            return  # "not disclosed" (exempt, no beneficial owners, ...): listed as unknown
        # A named party with no interest stated: an interest of unknown nature and size.
        structure.shares.append(Holding(owner, subject, 0.0, 100.0, relationship=rid, known=False))
        structure.votes.append(Holding(owner, subject, 0.0, 100.0, relationship=rid, known=False))
        return
    has_votes = any(meaning_of(i.type).kind == "votes" for i in interests)
    for interest in interests:
        meaning = meaning_of(interest.type)
        low, high, known = _bounds(interest)
        dates = {"start": interest.start_date, "end": interest.end_date}
        holding = Holding(
            owner,
            subject,
            low,
            high,
            interest.start_date,
            interest.end_date,
            relationship=rid,
            known=known,
        )
        if meaning.kind in ("shares", "unknown"):
            structure.shares.append(holding)
            if not has_votes:
                # No voting rights declared: one share, one vote (an interest of unknown
                # nature may be either).
                structure.votes.append(holding)
        elif meaning.kind == "votes":
            structure.votes.append(holding)
        elif meaning.kind in ("control", "seat"):
            basis = right_basis(interest.type, interest.details)
            structure.rights.append(Right(owner, subject, basis, **dates))
        elif meaning.kind == "role":
            structure.roles.append(Right(owner, subject, meaning.basis, **dates))
            if meaning.basis in CONTROLLING_ROLES:
                structure.rights.append(Right(owner, subject, meaning.basis, **dates))
        elif meaning.kind in ("nominee", "officer"):
            # No ownership and no control of their own; kept to tell who stands where
            # (a nominee whose nominator is not named makes the structure opaque).
            structure.roles.append(Right(owner, subject, meaning.basis, **dates))


def _add_summary(structure: Structure, owner: str, relationship: Relationship) -> None:
    figures = []
    for interest in relationship.interests.all():
        meaning = meaning_of(interest.type)
        dates = {"start": interest.start_date, "end": interest.end_date}
        low, high, known = _bounds(interest)
        if meaning.kind in ("shares", "votes", "unknown"):
            if known:
                kind = "votes" if meaning.kind == "votes" else "shares"
                direct = interest.direct_or_indirect == "direct"
                figures.append(SummaryFigure(kind, direct, low, high, **dates))
        elif meaning.kind in ("control", "seat"):
            basis = right_basis(interest.type, interest.details)
            structure.rights.append(Right(owner, relationship.subject_record_id, basis, **dates))
        elif meaning.kind == "role":
            structure.roles.append(
                Right(owner, relationship.subject_record_id, meaning.basis, **dates)
            )
    structure.summaries.append(
        Summary(
            relationship=relationship.record_id,
            owner=owner,
            subject=relationship.subject_record_id,
            components=frozenset(relationship.component_records),
            figures=tuple(figures),
        )
    )


def _bounds(interest: Interest) -> tuple[float, float, bool]:
    """The share's bounds (percent) and whether a share was given at all."""
    if interest.share_min is None and interest.share_max is None:
        return 0.0, 100.0, False  # a holding of unknown size: anything from nothing to all
    low = interest.share_min or 0.0
    high = interest.share_max if interest.share_max is not None else 100.0
    if interest.min_exclusive:
        low = min(low + EXCLUSIVE, high)
    if interest.max_exclusive:
        high = max(high - EXCLUSIVE, low)
    return low, high, True
