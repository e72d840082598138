"""Where the ownership picture's boxes, arrows and labels go (docs/review.md, "The
ownership picture").

Graphviz's `dot` lays the graph out where the server has it: a layered drawing of a
directed graph, owners above what they own, with as few crossings as it can find, each
arrow a curve that goes round the boxes in its way, and each share's label placed so
that it meets no box and no other label. We give it only the graph's shape (numbered
boxes of a fixed size and the labels' text, which it needs to make room for them) and
read back positions, so no name from a filing ever reaches it; the drawing itself stays
ours (the template's SVG). Its answer is kept in the cache under a digest of what we
asked, so a page shown again does not run it again, and can never be shown a stale
layout.

Where `dot` is not installed, fails or does not answer in time (the failure is kept like
an answer, so a page shown again does not wait again), or the structure has more
holdings than it should be asked to lay out, the boxes go in rows of our own arithmetic
(one row per step up from the investor) with straight arrows, and the picture says why.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache

logger = logging.getLogger(__name__)

BOX_WIDTH, BOX_HEIGHT, GAP_X, GAP_Y, MARGIN = 230, 50, 28, 84, 14
POINTS = 72  # Graphviz measures in points, 72 to the inch; we draw 1 point to 1 pixel
SIDE_BY_SIDE = 22  # in rows: how far apart the two edges of a cross-holding run
DOT_SECONDS = 5  # 300 parties with 750 holdings take dot about 3 s, most well under 1 s
DOT_ARROWS = 600  # more holdings than this go in rows: dot could take too long
KEPT_SECONDS = 24 * 3600
FAILED = "failed"  # kept in place of an answer, so a structure dot fails on is not retried
# Why a picture is in rows, in the caption's words.
IN_ROWS = {
    "rows": "this server has no Graphviz to lay the picture out",
    "rows-failed": "Graphviz could not lay this structure out in time",
    "rows-large": f"the structure has more than {DOT_ARROWS} holdings",
}
# What of a label dot sees: its length and most of its letters (it needs the width).
NOT_FOR_DOT = re.compile(r"[^0-9A-Za-z .,%–-]")

Point = tuple[float, float]


@dataclass
class Spot:
    """A box's top-left corner."""

    x: int
    y: int


@dataclass
class Route:
    """An arrow: its SVG path from the owner's box to the owned party's box (the end is
    where the arrowhead's tip sits), and the middle of its label."""

    path: str
    start: Point
    end: Point
    label_at: Point


@dataclass
class Placed:
    spots: dict[str, Spot]
    routes: list[Route]
    width: int
    height: int
    by: str  # "graphviz", or a key of IN_ROWS


def place(
    keys: Sequence[str],
    arrows: Sequence[tuple[str, str, str]],
    row: dict[str, int],
    *,
    engine: str = "auto",
) -> Placed:
    """Boxes for `keys` and a route for each (owner, owned, label) of `arrows`; `row` is
    each key's steps up from the investor, for the rows used without Graphviz."""
    dot = shutil.which("dot") if engine in ("auto", "graphviz") else None
    if not dot:
        return _in_rows(keys, arrows, row, "rows")
    if len(arrows) > DOT_ARROWS:
        return _in_rows(keys, arrows, row, "rows-large")
    return _by_graphviz(dot, keys, arrows, row) or _in_rows(keys, arrows, row, "rows-failed")


def _by_graphviz(
    dot: str, keys: Sequence[str], arrows: Sequence[tuple[str, str, str]], row: dict[str, int]
) -> Placed | None:
    node = {key: f"n{index}" for index, key in enumerate(keys)}
    # An arrow back down a cycle (from a party nearer the investor to one further up) is
    # given to dot the other way round, drawn with its head at the start (dir=back): dot
    # puts the tail above the head, so the investor's owners stay above it, whatever they
    # own. (constraint=false would say the same, but dot 2.43 fails on it in dense
    # cycles: "trouble in init_rank".)
    back = {index for index, (owner, owned, _) in enumerate(arrows) if row[owner] < row[owned]}
    lines = [
        "digraph ownership {",
        f"graph [rankdir=TB nodesep={GAP_X / POINTS:.3f} ranksep={GAP_Y / POINTS / 2:.3f}"
        " margin=0 splines=true];",
        f"node [shape=box fixedsize=true width={BOX_WIDTH / POINTS:.4f}"
        f' height={BOX_HEIGHT / POINTS:.4f} label=""];',
        'edge [fontname="Helvetica-Bold" fontsize=13 arrowsize=0.9];',
        *(f"{node[key]};" for key in keys),
        *(
            f'{node[owned]} -> {node[owner]} [id="a{index}" dir=back label="{_safe(label)}"];'
            if index in back
            else f'{node[owner]} -> {node[owned]} [id="a{index}" label="{_safe(label)}"];'
            for index, (owner, owned, label) in enumerate(arrows)
        ),
        "}",
    ]
    source = "\n".join(lines)
    kept = "picture-layout:" + hashlib.sha256(source.encode()).hexdigest()
    answer = cache.get(kept)
    if answer is None:
        try:
            run = subprocess.run(  # noqa: S603 (our own DOT text, no filing text in it)
                [dot, "-Tjson0"],
                input=source,
                capture_output=True,
                text=True,
                timeout=DOT_SECONDS,
                check=True,
            )
            answer = json.loads(run.stdout)
        except (OSError, subprocess.SubprocessError, ValueError) as error:
            said = getattr(error, "stderr", "") or ""
            logger.warning("Graphviz did not lay out the ownership picture: %s %s", error, said)
            answer = FAILED
        cache.set(kept, answer, KEPT_SECONDS)
    return None if answer == FAILED else _read(answer, keys, len(arrows), back)


def _safe(label: str) -> str:
    return NOT_FOR_DOT.sub("x", label)


def _read(answer: dict, keys: Sequence[str], arrows: int, back: set[int]) -> Placed:
    """dot's answer in our picture's terms: y runs down, the picture's margin added, each
    box by its top-left corner, and every arrow from its owner to what it owns (an arrow
    given to dot the other way round is read backwards, its tip at dot's start)."""
    left, bottom, right, top = (float(n) for n in answer["bb"].split(","))

    def point(text: str) -> Point:
        x, y = text.split(",")
        return round(float(x) - left + MARGIN, 1), round(top - float(y) + MARGIN, 1)

    key_of = {f"n{index}": key for index, key in enumerate(keys)}
    spots = {}
    for found in answer.get("objects") or []:
        x, y = point(found["pos"])
        spots[key_of[found["name"]]] = Spot(round(x - BOX_WIDTH / 2), round(y - BOX_HEIGHT / 2))
    routes: list[Route | None] = [None] * arrows
    for found in answer.get("edges") or []:
        tips: dict[str, Point] = {}
        points = []
        for part in found["pos"].split():
            if part[:2] in ("s,", "e,"):
                tips[part[0]] = point(part[2:])
            else:
                points.append(point(part))
        index = int(found["id"][1:])
        if index in back:
            points.reverse()
        end = tips.get("s" if index in back else "e")
        curves = " ".join(
            f"C {_xy(points[i])} {_xy(points[i + 1])} {_xy(points[i + 2])}"
            for i in range(1, len(points) - 2, 3)
        )
        path = f"M {_xy(points[0])} {curves}" + (f" L {_xy(end)}" if end else "")
        routes[index] = Route(
            path=path, start=points[0], end=end or points[-1], label_at=point(found["lp"])
        )
    return Placed(
        spots=spots,
        routes=[route for route in routes if route is not None],
        width=round(right - left) + 2 * MARGIN,
        height=round(top - bottom) + 2 * MARGIN,
        by="graphviz",
    )


def _xy(point: Point) -> str:
    return f"{point[0]:g},{point[1]:g}"


def _in_rows(
    keys: Sequence[str], arrows: Sequence[tuple[str, str, str]], row: dict[str, int], why: str
) -> Placed:
    """One row per step up from the investor, each row centred, straight arrows; the
    two edges of a cross-holding run side by side, each label a third of the way from
    its owner (the edges into one party fan out from different owners)."""
    rows: dict[int, list[str]] = {}
    for key in keys:
        rows.setdefault(row[key], []).append(key)
    depth, lowest = max(rows), min(rows)
    widest = max(len(members) for members in rows.values())
    width = MARGIN * 2 + widest * BOX_WIDTH + (widest - 1) * GAP_X
    spots = {}
    for level, members in rows.items():
        span = len(members) * BOX_WIDTH + (len(members) - 1) * GAP_X
        start = (width - span) // 2
        for index, key in enumerate(members):
            spots[key] = Spot(
                start + index * (BOX_WIDTH + GAP_X), MARGIN + (depth - level) * (BOX_HEIGHT + GAP_Y)
            )
    pairs = {(owner, owned) for owner, owned, _ in arrows}
    routes = []
    for owner, owned, label in arrows:
        top, bottom = spots[owner], spots[owned]
        shift = SIDE_BY_SIDE if (owned, owner) in pairs else 0
        side = -1 if owner < owned else 1  # one edge of a pair left of the centre, one right
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
        # The label's middle: a third of the way, and half its width to the right.
        label_at = (x1 + (x2 - x1) // 3 + 6 + 4 * len(label), y1 + (y2 - y1) // 3)
        routes.append(Route(f"M {x1},{y1} L {x2},{y2}", (x1, y1), (x2, y2), label_at))
    height = MARGIN * 2 + (depth - lowest + 1) * BOX_HEIGHT + (depth - lowest) * GAP_Y
    return Placed(spots=spots, routes=routes, width=width, height=height, by=why)
