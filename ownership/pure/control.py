"""Who controls a subject: aggregated voting majorities and control by other means.

A pure module. A party controls an entity when it holds more than 50 % of the voting
rights directly or together with the entities it already controls, or when it holds a
right that gives control by itself: appointing or removing a majority of the board,
control under the articles, by contract (dominant influence), by a legal framework, or
through a golden share (docs/ownership.md §4). Control found on the lower bounds of voting
ranges is certain; control that needs the upper bounds is possible.

The one idea: control is a fixed point. Start from the rights that control by themselves
and the direct majorities, then let each controller add the votes of what it controls,
until nothing changes. Every step only adds, so it ends after at most one round per party.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ownership.pure.engine import Holding, active_on

MAJORITY = 50.0
# Rights that give control of the subject by themselves.
# A trustee administers its trust, a nominator instructs its nominee; other influence or
# control is control by other means.
CONTROLLING_BASES = {
    "board",
    "articles",
    "contract",
    "legal_framework",
    "golden_share",
    "trustee",
    "nominator",
    "other_influence",
}


@dataclass(frozen=True)
class Right:
    """`holder` has a right over `subject` other than a share: basis is one of
    board, articles, contract, legal_framework, golden_share, trustee, other_influence
    (control by themselves), veto, board_seat, conditional_contract (not), or a role in a
    legal arrangement (settlor, protector, ...: ownership/pure/interests.py)."""

    holder: str
    subject: str
    basis: str
    start: date | None = None
    end: date | None = None

    def is_active(self, on: date) -> bool:
        return active_on(on, self.start, self.end)


@dataclass(frozen=True)
class Control:
    controller: str
    certain: bool  # False: only if voting ranges are at their top
    basis: tuple[str, ...]  # e.g. ("voting",), ("golden_share",), ("voting", "board")


def controllers_of(
    subject: str, votes: list[Holding], rights: list[Right], *, as_of: date
) -> dict[str, Control]:
    """Every party that controls `subject`, directly or through what it controls."""
    votes = [v for v in votes if v.is_active(as_of)]
    rights = [r for r in rights if r.is_active(as_of) and r.basis in CONTROLLING_BASES]
    parties = {v.owner for v in votes} | {r.holder for r in rights}
    certain = _controlled_by_each(parties, votes, rights, use_upper=False)
    possible = _controlled_by_each(parties, votes, rights, use_upper=True)

    found: dict[str, Control] = {}
    for party in sorted(parties):
        if party == subject:
            continue
        if subject in possible[party]:
            found[party] = Control(
                controller=party,
                certain=subject in certain[party],
                basis=_basis(party, subject, votes, rights, possible[party]),
            )
    return found


def ultimate_controllers(
    controls: dict[str, Control], votes: list[Holding], rights: list[Right], *, as_of: date
) -> list[str]:
    """The controllers of `subject` that no other party controls.

    Where controllers control each other in a ring and nobody outside controls them, the
    whole ring is returned: none of them is above the others.
    """
    controlled_by = {
        party: set(controllers_of(party, votes, rights, as_of=as_of)) for party in controls
    }
    top = []
    for party in sorted(controls):
        above = controlled_by[party] - {party}
        # Above it only parties it also controls (a ring): it counts as ultimate.
        if all(party in controlled_by.get(other, set()) for other in above):
            top.append(party)
    return top


def _controlled_by_each(
    parties: set[str], votes: list[Holding], rights: list[Right], *, use_upper: bool
) -> dict[str, set[str]]:
    share_of: dict[tuple[str, str], float] = defaultdict(float)
    for vote in votes:
        share_of[(vote.owner, vote.subject)] += vote.maximum if use_upper else vote.minimum
    held_by: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for (holder, held), share in share_of.items():
        held_by[holder].append((held, share))
    rights_of: dict[str, set[str]] = defaultdict(set)
    for right in rights:
        rights_of[right.holder].add(right.subject)

    result: dict[str, set[str]] = {}
    for party in parties:
        controlled = set(rights_of[party])
        while True:
            group = {party} | controlled
            totals: dict[str, float] = defaultdict(float)
            for member in group:
                for held, share in held_by.get(member, []):
                    totals[held] += share
                for held in rights_of.get(member, ()):  # control by other means passes down
                    totals[held] = max(totals[held], 100.0)
            grown = {held for held, total in totals.items() if total > MAJORITY} - {party}
            if grown <= controlled:
                break
            controlled |= grown
        result[party] = controlled
    return result


def _basis(
    party: str, subject: str, votes: list[Holding], rights: list[Right], controlled: set[str]
) -> tuple[str, ...]:
    group = {party} | controlled
    bases = sorted({r.basis for r in rights if r.subject == subject and r.holder in group})
    if any(v.subject == subject and v.owner in group for v in votes):
        bases.insert(0, "voting")
    return tuple(bases) or ("voting",)
