"""The ownership picture of a case: the investor's upstream graph laid out for an SVG.

Owners are drawn above what they own, one row per step up from the investor (the
shortest way up, so a cross-holding does not stretch the picture); each edge carries its
share, as bounds where the filing gave a range. Parties on a chain to a third-country
state are marked with that country (and drawn in that country's colour), parties in a
cycle and declared-unknown owners are marked too. The target of the investment is drawn
below the investor, with the stake the investor acquires. Edges point from the owner to
what it owns (arrowheads); where two parties hold each other (a cross-holding), the two
edges run side by side, each with its own label, and every label sits a third of the
way from its owner, so labels of edges into one party do not meet. Names too long for a
box are cut on the box and given in full on hover and in the list of parties beside the
picture. The layout is plain arithmetic; the template draws it.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ownership.pure.resolution import STATE_ENTITY_TYPES
from ownership.structure_query import load_structure
from screening.assessment import namespace_of
from screening.models import FilingVersion

BOX_WIDTH, BOX_HEIGHT, GAP_X, GAP_Y, MARGIN = 230, 50, 28, 84, 14
NAME_ON_BOX = 26  # characters of a name that fit a box at the picture's 14 px
TARGET = "target of the investment"  # the target's key among the boxes
SIDE_BY_SIDE = 22  # how far apart the two edges of a cross-holding run
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
    x1: int
    y1: int
    x2: int
    y2: int
    label: str
    state_link: str = ""
    colour: int = 0
    owner: str = ""  # full names, for the edge's hover text
    owned: str = ""

    @property
    def label_x(self) -> int:
        # A third of the way from the owner: the edges into one party fan out from
        # different owners, so their labels stand apart.
        return self.x1 + (self.x2 - self.x1) // 3 + 6

    @property
    def label_y(self) -> int:
        return self.y1 + (self.y2 - self.y1) // 3 + 4


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
) -> Picture:
    owners: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for owner, owned, low, high in holdings:
        owners[owned].append((owner, low, high))
    # Rows: the shortest number of steps up from the subject.
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
    depth = max(row.values())
    lowest = min(row.values())
    rows: dict[int, list[str]] = defaultdict(list)
    for rid in sorted(row, key=lambda r: (row[r], parties.get(r, ("",))[0])):
        rows[row[rid]].append(rid)
    widest = max(len(members) for members in rows.values())
    width = MARGIN * 2 + widest * BOX_WIDTH + (widest - 1) * GAP_X
    boxes: dict[str, Box] = {}
    for level, members in rows.items():
        span = len(members) * BOX_WIDTH + (len(members) - 1) * GAP_X
        left = (width - span) // 2
        for index, rid in enumerate(members):
            name, country, kind, is_state = parties.get(rid, (rid, "", "unspecified", False))
            boxes[rid] = Box(
                record_id=rid,
                name=name or rid,
                country=country,
                kind=kind,
                x=left + index * (BOX_WIDTH + GAP_X),
                y=MARGIN + (depth - level) * (BOX_HEIGHT + GAP_Y),
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
    if target is not None:
        owners[TARGET].append((subject, -1.0, -1.0))  # the stake acquired: labelled below
    pairs = {(owner, owned) for owned, held_by in owners.items() for owner, _, _ in held_by}
    edges = []
    for owned, held_by in owners.items():
        for owner, low, high in held_by:
            if owner not in boxes or owned not in boxes:
                continue
            edges.append(_edge(boxes[owner], boxes[owned], low, high, (owned, owner) in pairs))
            if owned == TARGET and target is not None:
                edges[-1].label = target[2]
    height = MARGIN * 2 + (depth - lowest + 1) * BOX_HEIGHT + (depth - lowest) * GAP_Y
    return Picture(
        boxes=list(boxes.values()),
        edges=edges,
        width=width,
        height=height,
        countries=[(country, colour[country]) for country in countries],
    )


def _edge(top: Box, bottom: Box, low: float, high: float, two_way: bool) -> Edge:
    """The edge from an owner's box to the box of what it owns: from the owner's bottom
    to the owned party's top where the owner is drawn higher, else from side to side of
    their rows; the two edges of a cross-holding run apart."""
    shift = SIDE_BY_SIDE if two_way else 0
    # One of the two edges of a pair goes left of the centre, the other right.
    side = -1 if (top.record_id < bottom.record_id) else 1
    x1 = top.x + BOX_WIDTH // 2 + side * shift
    x2 = bottom.x + BOX_WIDTH // 2 + side * shift
    if top.y < bottom.y:
        y1, y2 = top.y + BOX_HEIGHT, bottom.y
    elif top.y > bottom.y:
        y1, y2 = top.y, bottom.y + BOX_HEIGHT
    else:  # the same row: from the owner's side to the owned party's side
        y1 = y2 = top.y + BOX_HEIGHT // 2 + side * 8
        x1, x2 = (
            (top.x + BOX_WIDTH, bottom.x) if top.x < bottom.x else (top.x, bottom.x + BOX_WIDTH)
        )
    label = f"{low:g} %" if low == high else f"{low:g}–{high:g} %"
    return Edge(
        x1=x1,
        y1=y1,
        x2=x2,
        y2=y2,
        label=label,
        state_link=top.state_link if top.state_link and bottom.state_link else "",
        colour=top.colour,
        owner=top.name,
        owned=bottom.name,
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
