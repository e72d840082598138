"""Resolve a subject: ultimate owners, controllers, beneficial owners, state links.

A pure module that composes the ownership engine and the control rules into the one
result object the command, the API and the review show (docs/ownership.md §9).

State links (Art. 4(2)(a) of Regulation (EU) 2019/452): every `state` and `stateBody`
party of a country, and every entity a watch list marks as state-owned, acts as one
party "state:<country>". Holdings among them are dropped before anything is computed,
so the state's stake in its own ministry is never added to the ministry's stake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ownership.pure.control import Control, Right, controllers_of, ultimate_controllers
from ownership.pure.engine import Bounds, Holding, Ownership, integrated_ownership

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
    reason: str = ""  # for an unspecified party: the BODS reason code
    description: str = ""


@dataclass
class Structure:
    """What is known upstream: parties, economic shares, voting shares, other rights."""

    parties: dict[str, Party]
    shares: list[Holding] = field(default_factory=list)
    votes: list[Holding] = field(default_factory=list)
    rights: list[Right] = field(default_factory=list)


def state_node(country: str) -> str:
    return f"state:{country or 'unknown'}"


def resolve(
    subject: str,
    structure: Structure,
    *,
    as_of: date,
    is_third_country: Callable[[str, date], bool],
    beneficial_threshold: float = DEFAULT_BENEFICIAL_THRESHOLD,
) -> dict[str, Any]:
    """The resolution of `subject` as plain JSON-ready data."""
    node_of = {rid: _node(party) for rid, party in structure.parties.items()}
    shares = _merged(structure.shares, node_of)
    votes = _merged(structure.votes, node_of)
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
    controls = controllers_of(target, votes, rights, as_of=as_of)
    top = set(ultimate_controllers(controls, votes, rights, as_of=as_of))

    def describe(node: str) -> dict[str, Any]:
        return {"record_id": node, "name": _name(node, structure.parties)}

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
        "beneficial_owners": _beneficial_owners(
            structure, ownership, controls, top, beneficial_threshold, describe
        ),
        "state_links": _state_links(
            structure, ownership, controls, rights, target, as_of, is_third_country
        ),
        "unknowns": [
            {
                **describe(rid),
                "reason": party.reason,
                "description": party.description,
                "ownership": ownership.integrated[rid].as_dict(),
            }
            for rid, party in sorted(structure.parties.items())
            if party.kind == "unspecified" and rid in ownership.integrated
        ],
        "cycles": [
            {
                "members": [describe(m) for m in cycle.members],
                "closed": cycle.closed,
                "closed_on": cycle.closed_on,
            }
            for cycle in ownership.cycles
        ],
        "warnings": ownership.warnings,
    }


def _node(party: Party) -> str:
    if party.entity_type in STATE_ENTITY_TYPES or party.is_state_owned:
        return state_node(party.country)
    return party.record_id


def _merged(holdings: list[Holding], node_of: dict[str, str]) -> list[Holding]:
    merged = []
    for h in holdings:
        owner, owned = node_of.get(h.owner, h.owner), node_of.get(h.subject, h.subject)
        if owner != owned:  # one state holding a part of itself is not ownership
            merged.append(Holding(owner, owned, h.minimum, h.maximum, h.start, h.end))
    return merged


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
) -> list[dict[str, Any]]:
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
        basis = []
        if bounds:
            basis.append(f"integrated ownership {bounds.min:.2f}-{bounds.max:.2f} %")
        if control:
            basis.append(
                "control by "
                + ", ".join(control.basis)
                + ("" if control.certain else " (possible)")
            )
        basis += [f"special right: {right}" for right in special]
        links.append(
            {
                "country": country,
                "third_country": is_third_country(country, as_of),
                "control": bool(control and control.certain),
                "ownership": (bounds or Bounds(0.0, 0.0)).as_dict(),
                "basis": basis,
                "chains": _chains(ownership, node),
            }
        )
    return links
