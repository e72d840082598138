"""Load a subject's upstream structure from the database for the resolution engine.

A few set-based queries: one recursive query walks up from the subject to every owner
(closed relationships and indirect summaries left out), then one fetches those
relationships with their interests and one the parties. What comes back is the plain
`Structure` the pure engine reads.
"""

from __future__ import annotations

from django.db import connection

from ownership.models import Interest, Party, Relationship
from ownership.pure.control import Right
from ownership.pure.engine import Holding
from ownership.pure.resolution import Party as EngineParty
from ownership.pure.resolution import Structure
from ownership.watchlists import state_owned_parties

# BODS interest types that give control by themselves, and special rights (docs/ownership.md §2.3).
RIGHTS_BY_TYPE = {
    "appointmentOfBoard": "board",
    "controlViaCompanyRulesOrArticles": "articles",
    "rightsGrantedByContract": "contract",
    "controlByLegalFramework": "legal_framework",
    "boardMember": "board_seat",
    "boardChair": "board_seat",
}

UPSTREAM_SQL = """
WITH RECURSIVE upstream(record_id) AS (
    SELECT CAST(%s AS VARCHAR(300))
    UNION
    SELECT r.interested_party_record_id
    FROM ownership_relationship r
    JOIN upstream u ON r.subject_record_id = u.record_id
    WHERE r.status <> 'closed'
      AND r.interested_party_record_id <> ''
      AND r.component_records = %s
)
SELECT record_id FROM upstream
"""


def upstream_record_ids(record_id: str) -> list[str]:
    # UNION (not UNION ALL) stops at records already reached: cycles end the recursion.
    empty_list = "[]"
    with connection.cursor() as cursor:
        cursor.execute(UPSTREAM_SQL, [record_id, empty_list])
        return [row[0] for row in cursor.fetchall()]


def load_structure(record_id: str) -> Structure:
    upstream = upstream_record_ids(record_id)
    relationships = list(
        Relationship.objects.filter(subject_record_id__in=upstream)
        .exclude(status="closed")
        .prefetch_related("interests")
    )
    state_owned = state_owned_parties(upstream)
    parties = {
        party.record_id: EngineParty(
            record_id=party.record_id,
            name=party.name,
            kind=party.record_type,
            entity_type=party.subtype if party.record_type == "entity" else "",
            # A state-owned enterprise acts as the state of its watch-list country.
            country=state_owned.get(party.record_id) or party.country,
            is_state_owned=party.record_id in state_owned,
        )
        for party in Party.objects.filter(record_id__in=upstream).exclude(status="closed")
    }
    structure = Structure(parties=parties)
    for relationship in relationships:
        if relationship.is_summary:
            continue  # summarises a chain whose links are here too: never an extra edge
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
        _add_interests(structure, owner, relationship)
    return structure


def _add_interests(structure: Structure, owner: str, relationship: Relationship) -> None:
    subject = relationship.subject_record_id
    interests: list[Interest] = list(relationship.interests.all())
    has_votes = any(i.type == "votingRights" for i in interests)
    for interest in interests:
        low, high = _bounds(interest)
        dates = {"start": interest.start_date, "end": interest.end_date}
        if interest.type == "shareholding":
            structure.shares.append(Holding(owner, subject, low, high, **dates))
            if not has_votes:
                # No voting rights declared: one share, one vote.
                structure.votes.append(Holding(owner, subject, low, high, **dates))
        elif interest.type == "votingRights":
            structure.votes.append(Holding(owner, subject, low, high, **dates))
        elif interest.type in RIGHTS_BY_TYPE:
            structure.rights.append(Right(owner, subject, RIGHTS_BY_TYPE[interest.type], **dates))
        elif interest.type == "otherInfluenceOrControl":
            details = interest.details.lower()
            basis = (
                "golden_share"
                if "golden share" in details
                else ("veto" if "veto" in details else "")
            )
            if basis:
                structure.rights.append(Right(owner, subject, basis, **dates))


def _bounds(interest: Interest) -> tuple[float, float]:
    if interest.share_min is None and interest.share_max is None:
        return 0.0, 100.0  # a holding of unknown size: anything from nothing to all
    return (
        interest.share_min or 0.0,
        interest.share_max if interest.share_max is not None else 100.0,
    )
