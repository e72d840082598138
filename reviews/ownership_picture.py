"""The ownership picture of a case: the investor's upstream graph, ready for the SVG.

Owners are drawn above what they own; each arrow points from the owner to what it owns
and carries its share, as bounds where the filing gave a range. Parties on a chain to a
third-country state are marked with that country (and drawn in that country's colour),
parties in a cycle and declared-unknown owners are marked too. The target of the
investment is drawn below the investor, with the stake the investor acquires. Names too
long for a box are cut on the box and given in full on hover and in the list of parties
beside the picture. Where the boxes and arrows go is `picture_layout`'s (Graphviz where
the server has it); the template draws them.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ownership.pure.resolution import STATE_ENTITY_TYPES
from ownership.structure_query import load_structure
from reviews.picture_layout import IN_ROWS, place
from screening.assessment import namespace_of
from screening.models import FilingVersion

NAME_ON_BOX = 26  # characters of a name that fit a box at the picture's 14 px
TARGET = "target of the investment"  # the target's key among the boxes
MAX_PARTIES = 300  # a bigger structure is shown as tables only (200 are drawn, scrolled in a frame)
LINK_COLOURS = 4  # distinct colours for state-linked chains, by country (then repeated)


@dataclass
class Box:
    record_id: str
    name: str
    country: str
    kind: str
    x: int = 0
    y: int = 0
    state_link: str = ""  # the third country whose chain it is on
    is_state: bool = False
    in_cycle: bool = False
    is_unknown: bool = False
    is_subject: bool = False
    is_target: bool = False
    colour: int = 0  # which of the picture's state-link colours (one per country)

    @property
    def label(self) -> str:
        return self.name if len(self.name) <= NAME_ON_BOX else self.name[: NAME_ON_BOX - 1] + "…"

    @property
    def is_cut(self) -> bool:
        return len(self.name) > NAME_ON_BOX

    @property
    def classes(self) -> str:
        marks = ["party"]
        for flag, name in (
            (self.state_link, "state-link"),
            (self.is_state, "state"),
            (self.in_cycle, "cycle"),
            (self.is_unknown, "unknown"),
            (self.is_subject, "subject"),
            (self.is_target, "target"),
        ):
            if flag:
                marks.append(name)
        if self.state_link:
            marks.append(f"link-{self.colour}")
        return " ".join(marks)


@dataclass
class Edge:
    """An arrow from an owner to what it owns: its path, where it starts and where its
    arrowhead's tip is, and the middle of its label."""

    path: str
    x1: float
    y1: float
    x2: float
    y2: float
    label: str
    label_x: float
    label_y: float
    state_link: str = ""
    colour: int = 0
    owner: str = ""  # full names, for the edge's hover text
    owned: str = ""

    @property
    def label_baseline(self) -> float:
        return round(self.label_y + 5, 1)  # the label's middle is label_y; 13 px text


@dataclass
class Picture:
    boxes: list[Box] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    width: int = 0
    height: int = 0
    too_big: bool = False
    # The third countries whose chains are drawn, each with its colour (class link-N).
    countries: list[tuple[str, int]] = field(default_factory=list)
    # Each party's name by its record id in the filing (as the resolution's chains name them).
    names: dict[str, str] = field(default_factory=dict)
    laid_out_by: str = ""  # "graphviz", or why it is in rows (picture_layout.IN_ROWS)

    @property
    def in_rows_because(self) -> str:
        return IN_ROWS.get(self.laid_out_by, "")


def for_version(version: FilingVersion, result: dict[str, Any], as_of: date) -> Picture | None:
    content = version.content
    investor = (content.get("investor") or {}).get("bods_record_id")
    if not investor:
        return None
    namespace = f"{namespace_of(version)}/"
    structure = load_structure(namespace + investor, as_of)
    local = {rid: rid.removeprefix(namespace) for rid in structure.parties}
    marks = _marks(result)
    third_countries = set(marks["state"].values())
    links = {}
    for rid, party in structure.parties.items():
        country = marks["state"].get(local[rid], "")
        if not country and party.entity_type in STATE_ENTITY_TYPES:
            # The state body itself: the result names it by its country ("state:CN").
            country = party.country if party.country in third_countries else ""
        links[rid] = country
    drawn = layout(
        subject=namespace + investor,
        parties={
            rid: (p.name, p.country, p.kind, p.entity_type in STATE_ENTITY_TYPES)
            for rid, p in structure.parties.items()
        },
        holdings=[
            (h.owner, h.subject, h.minimum, h.maximum)
            for h in structure.shares
            if h.is_active(as_of)
        ],
        state_links=links,
        cycles={rid for rid in structure.parties if local[rid] in marks["cycle"]},
        target=_target(content),
    )
    drawn.names = {local[rid]: party.name for rid, party in structure.parties.items()}
    return drawn


def _target(content: dict[str, Any]) -> tuple[str, str, str] | None:
    """The target's name and country, and the stake the investor acquires, as filed."""
    target = content.get("target") or {}
    if not target.get("name"):
        return None
    stake = content.get("stake") or {}
    after = stake.get("voting_after") or stake.get("economic_after")
    return target["name"], target.get("country", ""), f"acquires {after} %" if after else "acquires"


def layout(
    *,
    subject: str,
    parties: dict[str, tuple[str, str, str, bool]],
    holdings: list[tuple[str, str, float, float]],
    state_links: dict[str, str],
    cycles: set[str],
    target: tuple[str, str, str] | None = None,
    engine: str = "auto",
) -> Picture:
    owners: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for owner, owned, low, high in holdings:
        owners[owned].append((owner, low, high))
    # Who is drawn: every party up from the subject, with its steps up (the rows of the
    # drawing without Graphviz).
    row = {subject: 0}
    queue = deque([subject])
    while queue:
        current = queue.popleft()
        for owner, _, _ in owners.get(current, []):
            if owner not in row:
                row[owner] = row[current] + 1
                queue.append(owner)
    if len(row) > MAX_PARTIES:
        return Picture(too_big=True)
    if target is not None:
        row[TARGET] = -1  # below the investor
        parties = {**parties, TARGET: (target[0], target[1], "target", False)}
    keys = sorted(row, key=lambda r: (row[r], parties.get(r, ("",))[0], r))
    boxes: dict[str, Box] = {}
    for rid in keys:
        name, country, kind, is_state = parties.get(rid, (rid, "", "unspecified", False))
        boxes[rid] = Box(
            record_id=rid,
            name=name or rid,
            country=country,
            kind=kind,
            state_link=state_links.get(rid, ""),
            is_state=is_state,
            in_cycle=rid in cycles,
            is_unknown=kind == "unspecified",
            is_subject=rid == subject,
            is_target=rid == TARGET,
        )
    countries = sorted({box.state_link for box in boxes.values() if box.state_link})
    colour = {country: index % LINK_COLOURS for index, country in enumerate(countries)}
    for box in boxes.values():
        box.colour = colour.get(box.state_link, 0)
    arrows = [
        (owner, owned, f"{low:g} %" if low == high else f"{low:g}–{high:g} %")
        for owned in keys
        for owner, low, high in owners.get(owned, [])
        if owner in boxes
    ]
    if target is not None:
        arrows.append((subject, TARGET, target[2]))  # the stake acquired
    placed = place(keys, arrows, row, engine=engine)
    for rid, spot in placed.spots.items():
        boxes[rid].x, boxes[rid].y = spot.x, spot.y
    edges = []
    for (owner, owned, label), route in zip(arrows, placed.routes, strict=True):
        top, bottom = boxes[owner], boxes[owned]
        edges.append(
            Edge(
                path=route.path,
                x1=route.start[0],
                y1=route.start[1],
                x2=route.end[0],
                y2=route.end[1],
                label=label,
                label_x=route.label_at[0],
                label_y=route.label_at[1],
                state_link=top.state_link if top.state_link and bottom.state_link else "",
                colour=top.colour,
                owner=top.name,
                owned=bottom.name,
            )
        )
    return Picture(
        boxes=list(boxes.values()),
        edges=edges,
        width=placed.width,
        height=placed.height,
        countries=[(country, colour[country]) for country in countries],
        laid_out_by=placed.by,
    )


def _marks(result: dict[str, Any]) -> dict[str, Any]:
    """Parties on a third-country state's chains (with the country), and cycle members."""
    state: dict[str, str] = {}
    for link in result.get("state_links") or []:
        if not link.get("third_country"):
            continue
        for chain in link.get("chains") or []:
            for party in chain.get("parties") or []:
                state.setdefault(party, link["country"])
    cycle = {
        member["record_id"] if isinstance(member, dict) else member
        for found in result.get("cycles") or []
        for member in found.get("members") or []
    }
    return {"state": state, "cycle": cycle}
