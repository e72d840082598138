"""Resolve a subject: ultimate owners, controllers, beneficial owners, state links.

A pure module that composes the ownership engine and the control rules into the one
result object the command, the API and the review show (docs/ownership.md §9).

State links (Art. 4(2)(a) of Regulation (EU) 2019/452): every `state` and `stateBody`
party of a country, and every entity a watch list marks as state-owned, acts as one
party "state:<country>". Holdings among them are dropped before anything is computed,
so the state's stake in its own ministry is never added to the ministry's stake.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ownership.pure import words
from ownership.pure.control import Control, Right, controllers_of, ultimate_controllers
from ownership.pure.engine import (
    EPSILON,
    Bounds,
    Holding,
    Ownership,
    integrated_ownership,
    party_ref,
)
from ownership.pure.summaries import Summary, Total, apply_summaries

STATE_ENTITY_TYPES = {"state", "stateBody"}
SPECIAL_RIGHTS = {"board", "board_seat", "golden_share", "veto"}
DEFAULT_BENEFICIAL_THRESHOLD = 25.0


@dataclass(frozen=True)
class Party:
    record_id: str
    name: str
    kind: str  # "entity", "person" or "unspecified"
    entity_type: str = ""
    country: str = ""
    is_state_owned: bool = False  # e.g. matched on a watch list with topic gov.soe
    # A declared unknown: an unspecified interested party, or an anonymous or unknown
    # person or entity: the BODS reason code and the publisher's words.
    reason: str = ""
    description: str = ""
    entity_subtype: str = ""  # trust, nomination, ... (entityType.subtype)
    # Every name with its type: original script and transliterations side by side.
    names: tuple[tuple[str, str], ...] = ()


@dataclass
class Structure:
    """What is known upstream: parties, economic shares, voting shares, rights (control
    and seats), roles in legal arrangements (beneficial ownership without a share), and
    summary relationships with the (owner, subject) of every other relationship."""

    parties: dict[str, Party]
    shares: list[Holding] = field(default_factory=list)
    votes: list[Holding] = field(default_factory=list)
    rights: list[Right] = field(default_factory=list)
    roles: list[Right] = field(default_factory=list)
    summaries: list[Summary] = field(default_factory=list)
    links: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Summaries about subsidiaries, with their components: only to infer the size of
    # links here that are unknown (pure/summaries.py); never edges of their own.
    context: Structure | None = None


def country_of(code: str) -> str:
    """The country of a jurisdiction: an ISO 3166-2 subdivision (CN-GD, US-DE) belongs to
    its country (CN, US)."""
    return code.split("-", 1)[0].strip().upper()


def state_node(country: str) -> str:
    return f"state:{country_of(country) or 'unknown'}"


def resolve(
    subject: str,
    structure: Structure,
    *,
    as_of: date,
    is_third_country: Callable[[str, date], bool],
    beneficial_threshold: float = DEFAULT_BENEFICIAL_THRESHOLD,
    secrecy_jurisdictions: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The resolution of `subject` as plain JSON-ready data."""
    node_of = {rid: _node(party) for rid, party in structure.parties.items()}
    names = {rid: party.name or rid for rid, party in structure.parties.items()}
    applied = apply_summaries(
        structure.summaries,
        structure.shares,
        structure.votes,
        structure.links,
        as_of=as_of,
        name=names,
        context=(
            (structure.context.summaries, structure.context.shares, structure.context.votes)
            if structure.context
            else None
        ),
    )
    shares = _merged(applied.shares, node_of)
    votes = _merged(applied.votes, node_of)
    rights = [
        Right(
            node_of.get(r.holder, r.holder),
            node_of.get(r.subject, r.subject),
            r.basis,
            r.start,
            r.end,
        )
        for r in structure.rights
        if node_of.get(r.holder, r.holder) != node_of.get(r.subject, r.subject)
    ]
    target = node_of.get(subject, subject)

    ownership = integrated_ownership(target, shares, as_of=as_of)
    _hold_to_totals(ownership, applied.totals, node_of, target)
    _show_state_members(ownership, applied.shares, node_of, as_of)
    ownership.warnings.extend(applied.notes)
    controls = controllers_of(target, votes, rights, as_of=as_of)
    top = set(ultimate_controllers(controls, votes, rights, as_of=as_of))

    def describe(node: str) -> dict[str, Any]:
        return {"record_id": node, "name": _name(node, structure.parties)}

    beneficial_owners = _beneficial_owners(
        structure, ownership, controls, top, beneficial_threshold, describe, target, as_of
    )
    unknowns = [
        {
            **describe(rid),
            "reason": party.reason,
            "description": party.description,
            # None: the declared unknown holds no share of the subject that is known
            "ownership": (
                ownership.integrated[rid].as_dict() if rid in ownership.integrated else None
            ),
        }
        for rid, party in sorted(structure.parties.items())
        if party.kind == "unspecified" or party.reason
    ]

    return {
        "subject": describe(subject),
        "as_of": as_of.isoformat(),
        "ultimate_owners": [
            {**describe(node), "ownership": bounds.as_dict(), "chains": _chains(ownership, node)}
            for node, bounds in _strongest(ownership.ultimate)
        ],
        "controllers": [
            {
                **describe(c.controller),
                "certain": c.certain,
                "basis": list(c.basis),
                "ultimate": c.controller in top,
            }
            for c in controls.values()
        ],
        "beneficial_owners": beneficial_owners,
        "beneficial_owner_fallback": (
            [] if beneficial_owners else _fallback(ownership, top, structure, describe)
        ),
        "state_links": _state_links(
            structure, ownership, controls, rights, target, as_of, is_third_country
        ),
        "unknowns": unknowns,
        "foreign_control": _foreign_control(
            structure, controls, votes, rights, target, as_of, is_third_country, describe
        ),
        "opaque": _opaque(structure, unknowns, as_of, secrecy_jurisdictions),
        "names": {
            rid: [{"type": kind, "name": name} for kind, name in party.names]
            for rid, party in sorted(structure.parties.items())
            if len(party.names) > 1
        },
        "cycles": [
            {
                "members": [describe(m) for m in cycle.members],
                "closed": cycle.closed,
                "closed_on": cycle.closed_on,
            }
            for cycle in ownership.cycles
        ],
        "warnings": [_named(warning, structure.parties) for warning in ownership.warnings],
    }


def _node(party: Party) -> str:
    if party.entity_type in STATE_ENTITY_TYPES or party.is_state_owned:
        return state_node(party.country)
    return party.record_id


def _named(warning: str, parties: dict[str, Party]) -> str:
    """A warning with each party it refers to by name (engine.party_ref)."""
    return re.sub("\u27e6([^\u27e7]*)\u27e7", lambda m: _name(m.group(1), parties), warning)


def _merged(holdings: list[Holding], node_of: dict[str, str]) -> list[Holding]:
    merged = []
    for h in holdings:
        owner, owned = node_of.get(h.owner, h.owner), node_of.get(h.subject, h.subject)
        if owner != owned:  # one state holding a part of itself is not ownership
            merged.append(replace(h, owner=owner, subject=owned))
    return merged


def _show_state_members(
    ownership: Ownership, holdings: list[Holding], node_of: dict[str, str], as_of: date
) -> None:
    """A state's chains through the body that holds: a state-owned enterprise or a
    ministry folded into its state keeps its place (the state holds the enterprise, the
    enterprise holds the next party), docs/ownership.md §6.1."""
    holder_of: dict[tuple[str, str], str] = {}
    for h in sorted(holdings, key=lambda h: (-h.maximum, h.owner)):
        owner = node_of.get(h.owner, h.owner)
        if owner.startswith("state:") and owner != h.owner and h.is_active(as_of):
            holder_of.setdefault((owner, node_of.get(h.subject, h.subject)), h.owner)
    if not holder_of:
        return
    for node, chains in ownership.chains.items():
        shown = []
        for chain in chains:
            parties: list[str] = []
            for index, party in enumerate(chain.parties):
                parties.append(party)
                following = chain.parties[index + 1] if index + 1 < len(chain.parties) else None
                member = holder_of.get((party, following)) if following else None
                if member is not None:
                    parties.append(member)
            shown.append(replace(chain, parties=tuple(parties)))
        ownership.chains[node] = shown


def _hold_to_totals(
    ownership: Ownership, totals: list[Total], node_of: dict[str, str], target: str
) -> None:
    """A summary relationship's figure is the owner's whole share of the subject: the
    figure computed from inferred links is held to it (ownership/pure/summaries.py)."""
    for total in totals:
        if node_of.get(total.subject, total.subject) != target:
            continue
        node = node_of.get(total.owner, total.owner)
        computed = ownership.integrated.get(node)
        if computed is None:
            continue
        low, high = max(computed.min, total.minimum), min(computed.max, total.maximum)
        if low > high + EPSILON:
            ownership.warnings.append(
                f"The figure stated for {party_ref(node)} "
                f"({total.minimum:g}-{total.maximum:g} %) "
                "does not match its chains; the chains' figure is shown."
            )
            continue
        ownership.integrated[node] = Bounds(low, max(low, high))
        if node in ownership.ultimate:
            ownership.ultimate[node] = ownership.integrated[node]


def _name(node: str, parties: dict[str, Party]) -> str:
    if node in parties:
        return parties[node].name
    if node.startswith("state:"):
        country = node.split(":", 1)[1]
        states = [
            p.name for p in parties.values() if p.entity_type == "state" and p.country == country
        ]
        return states[0] if states else f"State of {country}"
    if node.startswith("cycle:"):
        members = node.split(":", 1)[1].split("+")
        return "Closed cycle: " + ", ".join(_name(m, parties) for m in members)
    return node


def _strongest(figures: dict[str, Bounds]) -> list[tuple[str, Bounds]]:
    return sorted(figures.items(), key=lambda item: (-item[1].max, item[0]))


def _chains(ownership: Ownership, node: str) -> list[dict[str, Any]]:
    return [
        {"parties": list(chain.parties), "share": chain.share.as_dict()}
        for chain in ownership.chains.get(node, [])
    ]


def _beneficial_owners(
    structure: Structure,
    ownership: Ownership,
    controls: dict[str, Control],
    top: set[str],
    threshold: float,
    describe: Callable[[str], dict[str, Any]],
    target: str,
    as_of: date,
) -> list[dict[str, Any]]:
    """Natural persons who own at least `threshold` % or control, and those who hold a
    role in a legal arrangement (settlor, trustee, protector, beneficiary, ...) that is the
    subject or owns at least `threshold` % of it or controls it (Art. 58 of Regulation
    (EU) 2024/1624). A nominee is none of these by being a nominee."""
    counts = {
        node
        for node, bounds in ownership.integrated.items()
        if bounds.max >= threshold or node in controls
    } | {target}
    roles: dict[str, set[str]] = {}
    for role in structure.roles:
        if role.is_active(as_of) and role.subject in counts and role.basis not in NOT_BENEFICIAL:
            roles.setdefault(role.holder, set()).add(role.basis)
    owners = []
    for rid, party in sorted(structure.parties.items()):
        if party.kind != "person":
            continue
        basis = []
        bounds = ownership.integrated.get(rid)
        if bounds and bounds.min >= threshold:
            basis.append("ownership")
        elif bounds and bounds.max >= threshold:
            basis.append("ownership_possible")
        if rid in controls:
            basis.append("control" if controls[rid].certain else "control_possible")
        basis += sorted(roles.get(rid, ()))
        if basis:
            owners.append(
                {
                    **describe(rid),
                    "ownership": bounds.as_dict() if bounds else {"min": 0.0, "max": 0.0},
                    "basis": basis,
                    "ultimate_controller": rid in top,
                    "chains": _chains(ownership, rid),
                }
            )
    return owners


def _state_links(
    structure: Structure,
    ownership: Ownership,
    controls: dict[str, Control],
    rights: list[Right],
    target: str,
    as_of: date,
    is_third_country: Callable[[str, date], bool],
) -> list[dict[str, Any]]:
    states = sorted({_node(p) for p in structure.parties.values() if _node(p).startswith("state:")})
    subdivisions: dict[str, set[str]] = {}
    for party in structure.parties.values():
        if "-" in party.country and _node(party).startswith("state:"):
            subdivisions.setdefault(_node(party), set()).add(party.country.upper())
    links = []
    for node in states:
        bounds = ownership.integrated.get(node)
        control = controls.get(node)
        special = sorted(
            {
                r.basis
                for r in rights
                if r.holder == node and r.basis in SPECIAL_RIGHTS and r.is_active(as_of)
            }
        )
        if bounds is None and control is None and not special:
            continue  # a state in the data that holds nothing upstream of the subject
        country = node.split(":", 1)[1]
        if country == "unknown":
            # A state or state body with no jurisdiction: which state is not known, so
            # whether it is a third country's is not known either (docs/ownership.md §6).
            ownership.warnings.append(
                "A state or state body upstream has no jurisdiction: its country, and "
                "whether it is a third country, are unknown."
            )
        basis = []
        if bounds:
            basis.append(f"integrated ownership {words.percent(bounds.min, bounds.max)}")
        if control:
            basis.append(
                "control by "
                + ", ".join(control.basis)
                + ("" if control.certain else " (possible)")
            )
        basis += [f"special right: {right}" for right in special]
        links.append(
            {
                "country": "" if country == "unknown" else country,
                "subdivisions": sorted(subdivisions.get(node, ())),
                "third_country": None if country == "unknown" else is_third_country(country, as_of),
                "control": bool(control and control.certain),
                "ownership": (bounds or Bounds(0.0, 0.0)).as_dict(),
                "basis": basis,
                "chains": _chains(ownership, node),
            }
        )
    return links


# Roles that make no beneficial owner by themselves (docs/ownership.md §2.3).
NOT_BENEFICIAL = {"nominee", "seniorManagingOfficial"}


def _fallback(
    ownership: Ownership,
    top: set[str],
    structure: Structure,
    describe: Callable[[str], dict[str, Any]],
) -> list[dict[str, Any]]:
    """No natural person found: the legal persons at the highest identifiable level, the
    ultimate owners and ultimate controllers that are entities, marked as the fallback
    (recital 19 of Regulation (EU) 2026/1386; AMLR 2024/1624 Art. 63)."""
    highest = set(ownership.ultimate) | top
    found = []
    for node in sorted(highest):
        party = structure.parties.get(node)
        if node.startswith("cycle:") or (party is not None and party.kind != "entity"):
            continue
        bounds = ownership.integrated.get(node)
        found.append(
            {
                **describe(node),
                "ownership": bounds.as_dict() if bounds else {"min": 0.0, "max": 0.0},
                "basis": ["fallback"],
                "ultimate_controller": node in top,
                "chains": _chains(ownership, node),
            }
        )
    return found


def _country_of(node: str, parties: dict[str, Party]) -> str:
    if node.startswith("state:"):
        country = node.split(":", 1)[1]
        return "" if country == "unknown" else country
    party = parties.get(node)
    return country_of(party.country) if party else ""


def _foreign_control(
    structure: Structure,
    controls: dict[str, Control],
    votes: list[Holding],
    rights: list[Right],
    target: str,
    as_of: date,
    is_third_country: Callable[[str, date], bool],
    describe: Callable[[str], dict[str, Any]],
) -> dict[str, Any]:
    """Whether the subject is controlled, directly or indirectly, by a foreign investor: a
    person of a third country or an entity under a third country's law, or a third
    country's state (Art. 2(7) of Regulation (EU) 2026/1386), with each controlling chain.
    A controller whose country is unknown is not counted as foreign, and is named."""
    by, unknown = [], []
    for node, control in sorted(controls.items()):
        country = _country_of(node, structure.parties)
        if not country:
            unknown.append(describe(node))
            continue
        if not is_third_country(country, as_of):
            continue
        by.append(
            {
                **describe(node),
                "country": country,
                "certain": control.certain,
                "chain": [
                    describe(party) for party in _control_chain(node, target, votes, rights, as_of)
                ],
            }
        )
    return {
        "controlled": bool(by),
        "certain": any(entry["certain"] for entry in by),
        "by": by,
        "country_unknown": unknown,
    }


def _control_chain(
    controller: str, target: str, votes: list[Holding], rights: list[Right], as_of: date
) -> list[str]:
    """The shortest chain of holdings and rights from `controller` down to `target`
    through parties it controls."""
    edges: dict[str, set[str]] = {}
    for vote in votes:
        if vote.is_active(as_of) and vote.maximum > 0:
            edges.setdefault(vote.owner, set()).add(vote.subject)
    for right in rights:
        if right.is_active(as_of):
            edges.setdefault(right.holder, set()).add(right.subject)
    controlled: dict[str, bool] = {}

    def under(party: str) -> bool:
        if party not in controlled:
            controlled[party] = controller in controllers_of(party, votes, rights, as_of=as_of)
        return controlled[party]

    paths = {controller: [controller]}
    frontier = [controller]
    while frontier:
        following = []
        for party in frontier:
            for held in sorted(edges.get(party, ())):
                if held in paths or not (held == target or under(held)):
                    continue
                paths[held] = [*paths[party], held]
                if held == target:
                    return paths[held]
                following.append(held)
        frontier = following
    return [controller, target]


def _opaque(
    structure: Structure,
    unknowns: list[dict[str, Any]],
    as_of: date,
    secrecy_jurisdictions: frozenset[str],
) -> dict[str, Any]:
    """Whether the chain cannot be followed, and why (Art. 2(8) and 19(2) of Regulation
    (EU) 2026/1386): declared unknowns, a nominee whose nominator is not named, a trust
    whose beneficiaries are not named, a layer in a secrecy jurisdiction of the node's
    list (`SECRECY_JURISDICTIONS`)."""
    reasons = [
        {
            "code": "declared_unknown",
            "detail": f"{unknown['name']}: {unknown['reason']}".strip(": "),
        }
        for unknown in unknowns
    ]
    roles: dict[str, dict[str, set[str]]] = {}
    for role in structure.roles:
        if role.is_active(as_of):
            roles.setdefault(role.subject, {}).setdefault(role.basis, set()).add(role.holder)
    for rid, party in sorted(structure.parties.items()):
        held = roles.get(rid, {})
        if "nominee" in held and not held.get("nominator"):
            reasons.append({"code": "nominee_without_nominator", "detail": f"{party.name or rid}"})
        if party.entity_subtype == "trust" and not any(
            structure.parties.get(holder) is not None
            and structure.parties[holder].kind == "person"
            and not structure.parties[holder].reason
            for holder in held.get("beneficiaryOfLegalArrangement", ())
        ):
            reasons.append(
                {"code": "trust_without_named_beneficiaries", "detail": f"{party.name or rid}"}
            )
        country = country_of(party.country)
        if party.kind == "entity" and country and country in secrecy_jurisdictions:
            reasons.append(
                {
                    "code": "secrecy_jurisdiction",
                    "detail": f"{party.name or rid} ({party.country})",
                }
            )
    return {"opaque": bool(reasons), "reasons": reasons}
