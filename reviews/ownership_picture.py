"""The ownership picture of a case: the investor's upstream graph laid out for an SVG.

Owners are drawn above what they own, one row per step up from the investor (the
shortest way up, so a cross-holding does not stretch the picture); each edge carries its
share, as bounds where the filing gave a range. Parties on a chain to a third-country
state are marked with that country (and drawn in that country's colour), parties in a
cycle and declared-unknown owners are marked too. The layout is plain arithmetic; the
template draws it.
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

BOX_WIDTH, BOX_HEIGHT, GAP_X, GAP_Y, MARGIN = 190, 46, 24, 70, 12
MAX_PARTIES = 60  # a bigger structure is shown as tables only
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
    colour: int = 0  # which of the picture's state-link colours (one per country)

    @property
    def label(self) -> str:
        return self.name if len(self.name) <= 28 else self.name[:27] + "…"

    @property
    def classes(self) -> str:
        marks = ["party"]
        for flag, name in (
            (self.state_link, "state-link"),
            (self.is_state, "state"),
            (self.in_cycle, "cycle"),
            (self.is_unknown, "unknown"),
            (self.is_subject, "subject"),
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

    @property
    def label_x(self) -> int:
        return (self.x1 + self.x2) // 2

    @property
    def label_y(self) -> int:
        return (self.y1 + self.y2) // 2


@dataclass
class Picture:
    boxes: list[Box] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    width: int = 0
    height: int = 0
    too_big: bool = False
    # The third countries whose chains are drawn, each with its colour (class link-N).
    countries: list[tuple[str, int]] = field(default_factory=list)


def for_version(version: FilingVersion, result: dict[str, Any], as_of: date) -> Picture | None:
    investor = (version.content.get("investor") or {}).get("bods_record_id")
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
    return layout(
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
    )


def layout(
    *,
    subject: str,
    parties: dict[str, tuple[str, str, str, bool]],
    holdings: list[tuple[str, str, float, float]],
    state_links: dict[str, str],
    cycles: set[str],
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
    depth = max(row.values())
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
            )
    countries = sorted({box.state_link for box in boxes.values() if box.state_link})
    colour = {country: index % LINK_COLOURS for index, country in enumerate(countries)}
    for box in boxes.values():
        box.colour = colour.get(box.state_link, 0)
    edges = []
    for owned, held_by in owners.items():
        for owner, low, high in held_by:
            if owner not in boxes or owned not in boxes:
                continue
            top, bottom = boxes[owner], boxes[owned]
            label = f"{low:g} %" if low == high else f"{low:g}–{high:g} %"
            edges.append(
                Edge(
                    x1=top.x + BOX_WIDTH // 2,
                    y1=top.y + BOX_HEIGHT,
                    x2=bottom.x + BOX_WIDTH // 2,
                    y2=bottom.y,
                    label=label,
                    state_link=top.state_link if top.state_link and bottom.state_link else "",
                    colour=top.colour,
                )
            )
    height = MARGIN * 2 + (depth + 1) * BOX_HEIGHT + depth * GAP_Y
    return Picture(
        boxes=list(boxes.values()),
        edges=edges,
        width=width,
        height=height,
        countries=[(country, colour[country]) for country in countries],
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
