"""Integrated ownership: how much of a subject each upstream party holds, as of a date.

A pure module (no Django): plain dataclasses in and out, NumPy/SciPy for the algebra.

The one idea. Integrated ownership sums, over every chain from a party to the subject,
the product of the shares along the chain (Art. 52 of Regulation (EU) 2024/1624:
multiply along a chain, add across chains). With B[p, m] the share p holds in m, the
integrated ownership y_p of every upstream party solves

    y_p = [p is the subject] + sum_m B[p, m] * y_m,   i.e.   (I - B) y = e_subject,

on the subject's upstream subgraph. Cross-holdings make the sum an infinite but
converging series; the linear solve sums it exactly, never enumerating chains
(docs/ownership.md §3.1). A cycle nobody outside owns (A holds 100 % of B, B 100 % of A) makes
I - B singular: such a strongly connected component is reported as a closed cycle and
treated as one party, so no member is ever named as its own owner.

Shares given as ranges give two systems: all lower bounds and all upper bounds. The
solution is monotone in every share, so the two solutions bound every figure.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph
from scipy.sparse.linalg import spsolve

# Shares are percentages 0-100 at the edges of this module and fractions inside it.
# Warnings name parties as `party(record_id)`: the resolution puts their names there.
EPSILON = 1e-9
MAX_CHAIN_EXPANSIONS = 20_000


def party_ref(record_id: str) -> str:
    """A party named in a warning, for the resolution to replace with its name."""
    return f"\u27e6{record_id}\u27e7"


def active_on(on: date, start: date | None, end: date | None) -> bool:
    """An interest that ended before the as-of date no longer counts; one that ends on
    that date still held on it."""
    return (start is None or start <= on) and (end is None or on <= end)


@dataclass(frozen=True)
class Holding:
    """`owner` holds between `minimum` and `maximum` percent of `subject`."""

    owner: str
    subject: str
    minimum: float
    maximum: float
    start: date | None = None
    end: date | None = None
    # The BODS relationship it comes from, and whether its size was given (an interest of
    # unknown size is 0-100 until a summary relationship tells more: pure/summaries.py).
    relationship: str = ""
    known: bool = True

    def is_active(self, on: date) -> bool:
        return active_on(on, self.start, self.end)


@dataclass(frozen=True)
class Bounds:
    """A percentage known to lie between `min` and `max` (equal when exact)."""

    min: float
    max: float

    def as_dict(self) -> dict[str, float]:
        return {"min": round(self.min, 6), "max": round(self.max, 6)}


@dataclass(frozen=True)
class Chain:
    """Parties from an owner down to the subject, and the product of shares along it."""

    parties: tuple[str, ...]
    share: Bounds


@dataclass(frozen=True)
class Cycle:
    """Parties that own each other; `closed` when nobody outside owns them."""

    members: tuple[str, ...]
    closed: bool
    # "exact": closed on the declared shares; "upper bound": only if ranges are at their top.
    closed_on: str = ""

    @property
    def record_id(self) -> str:
        return "cycle:" + "+".join(self.members)


@dataclass
class Ownership:
    subject: str
    as_of: date
    integrated: dict[str, Bounds] = field(default_factory=dict)
    ultimate: dict[str, Bounds] = field(default_factory=dict)
    cycles: list[Cycle] = field(default_factory=list)
    chains: dict[str, list[Chain]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def integrated_ownership(
    subject: str,
    holdings: Iterable[Holding],
    *,
    as_of: date,
    chains_per_owner: int = 3,
) -> Ownership:
    """Integrated ownership of `subject` by every upstream party, with bounds and chains."""
    result = Ownership(subject=subject, as_of=as_of)
    lower, upper = _share_maps(
        [h for h in holdings if h.is_active(as_of)], subject, result.warnings
    )
    if not lower:
        return result
    parties = sorted({p for edge in lower for p in edge} | {subject})
    low = _solve(subject, parties, lower, result, bound="exact")
    high = _solve(subject, parties, upper, result, bound="upper bound")

    for party in sorted(set(low) | set(high)):
        minimum = low.get(party)
        maximum = high.get(party)
        if minimum is None:
            continue  # part of a cycle that is closed on the declared shares
        if maximum is None:
            # Closed only when ranges are at their top: the upper figure is unknown.
            maximum = 100.0
        if maximum <= EPSILON:
            continue  # upstream, but holds nothing of the subject
        if minimum > 100.0 + 1e-6:
            # Only a party that the subject itself holds (a cycle through the subject) can
            # pass 100 %: its chains run through its own stake again.
            result.warnings.append(
                f"{party_ref(party)} and the subject hold each other; its integrated figure "
                f"({minimum:.2f} %) is shown as 100 %."
            )
        result.integrated[party] = Bounds(min(minimum, 100.0), min(max(maximum, minimum), 100.0))

    owned = {owned_party for (_, owned_party) in lower}
    closed = {member for cycle in result.cycles if cycle.closed for member in cycle.members}
    for party, bounds in result.integrated.items():
        is_root = party not in owned or party.startswith("cycle:")
        if is_root and party not in closed:
            result.ultimate[party] = bounds
    for owner in result.ultimate:
        if not owner.startswith("cycle:"):
            result.chains[owner] = strongest_chains(
                owner, subject, lower, upper, limit=chains_per_owner
            )
    return result


def _share_maps(
    holdings: list[Holding], subject: str, warnings: list[str]
) -> tuple[dict[tuple[str, str], float], dict[tuple[str, str], float]]:
    """Lower and upper shares (fractions) of the subject's upstream edges."""
    by_subject: dict[str, list[Holding]] = defaultdict(list)
    for holding in holdings:
        by_subject[holding.subject].append(holding)

    upstream, frontier = {subject}, [subject]
    while frontier:
        owned_party = frontier.pop()
        for holding in by_subject.get(owned_party, []):
            if holding.owner not in upstream:
                upstream.add(holding.owner)
                frontier.append(holding.owner)

    lower: dict[tuple[str, str], float] = defaultdict(float)
    upper: dict[tuple[str, str], float] = defaultdict(float)
    for owned_party in sorted(upstream):
        declared = by_subject.get(owned_party, [])
        minimum_total = sum(h.minimum for h in declared)
        if minimum_total > 100 + EPSILON:
            warnings.append(
                f"The shares declared in {party_ref(owned_party)} add up to {minimum_total:g} %."
            )
        for holding in declared:
            # Each upper bound is also limited by what the other holders hold at least.
            others = minimum_total - holding.minimum
            top = min(holding.maximum, max(holding.minimum, 100.0 - others))
            lower[(holding.owner, owned_party)] += holding.minimum / 100.0
            upper[(holding.owner, owned_party)] += top / 100.0
    return dict(lower), dict(upper)


def _solve(
    subject: str,
    parties: list[str],
    shares: dict[tuple[str, str], float],
    result: Ownership,
    *,
    bound: str,
) -> dict[str, float]:
    """Integrated percentages on one share matrix, closed cycles taken as one party."""
    index = {party: i for i, party in enumerate(parties)}
    size = len(parties)
    rows = [index[owner] for owner, _ in shares]
    cols = [index[owned] for _, owned in shares]
    matrix = sparse.csr_matrix((list(shares.values()), (rows, cols)), shape=(size, size))

    closed = _closed_components(matrix, parties)
    for members in closed:
        if not any(c.members == tuple(members) and c.closed for c in result.cycles):
            result.warnings.append(
                " and ".join(party_ref(member) for member in members)
                + " hold each other and nobody outside owns them: a closed cycle, shown as "
                f"one owner (on the {bound} shares)."
            )
        _note_cycle(result, members, bound)
    # Strongly connected components that are not closed are open cycles: report them too.
    for members in _open_components(matrix, parties, closed):
        _note_cycle(result, members, bound, closed=False)

    node_of = {party: party for party in parties}
    for members in closed:
        name = Cycle(tuple(members), closed=True).record_id
        for member in members:
            node_of[member] = name
    nodes = sorted(set(node_of.values()))
    position = {node: i for i, node in enumerate(nodes)}
    collapsed: dict[tuple[int, int], float] = defaultdict(float)
    for (owner, owned), share in shares.items():
        a, b = node_of[owner], node_of[owned]
        if a != b:  # shares inside a closed cycle are the cycle holding itself
            collapsed[(position[a], position[b])] += share

    n = len(nodes)
    b_matrix = sparse.csc_matrix(
        (list(collapsed.values()), ([k[0] for k in collapsed], [k[1] for k in collapsed])),
        shape=(n, n),
    )
    target = position[node_of[subject]]
    rhs = np.zeros(n)
    rhs[target] = 1.0
    system = (sparse.identity(n, format="csc") - b_matrix).tocsc()
    solution = np.atleast_1d(spsolve(system, rhs))
    if not np.all(np.isfinite(solution)):
        result.warnings.append(f"The {bound} shares give no finite solution.")
        return {}
    if node_of[subject] != subject:
        result.warnings.append(
            f"The subject is part of a closed cycle ({party_ref(node_of[subject])}): nobody "
            "outside owns it."
        )
    # Every solved node, zeros included: a party missing from the answer is one that was
    # folded into a closed cycle, not one that holds nothing.
    return {
        node: max(float(solution[i]), 0.0) * 100.0 for node, i in position.items() if i != target
    }


def _components(matrix: sparse.csr_matrix) -> list[list[int]]:
    _, labels = csgraph.connected_components(matrix, directed=True, connection="strong")
    groups: dict[int, list[int]] = defaultdict(list)
    for node, label in enumerate(labels):
        groups[int(label)].append(node)
    return [nodes for nodes in groups.values() if len(nodes) > 1 or matrix[nodes[0], nodes[0]] > 0]


def _closed_components(matrix: sparse.csr_matrix, parties: list[str]) -> list[list[str]]:
    """Components whose own shares sum to a spectral radius of 1: nobody else owns them."""
    closed = []
    for nodes in _components(matrix):
        block = matrix[nodes][:, nodes].toarray()
        radius = max(abs(np.linalg.eigvals(block))) if len(nodes) <= 500 else _radius(block)
        if radius >= 1.0 - EPSILON:
            closed.append(sorted(parties[i] for i in nodes))
    return closed


def _open_components(
    matrix: sparse.csr_matrix, parties: list[str], closed: list[list[str]]
) -> list[list[str]]:
    closed_members = {member for members in closed for member in members}
    groups = [sorted(parties[i] for i in nodes) for nodes in _components(matrix)]
    return [group for group in groups if not set(group) & closed_members]


def _radius(block: np.ndarray) -> float:
    """Spectral radius by power iteration, for the rare very large component."""
    vector = np.ones(block.shape[0]) / block.shape[0]
    radius = 0.0
    for _ in range(1000):
        following = block.T @ vector
        norm = float(np.abs(following).sum())
        if norm == 0.0:
            return 0.0
        if abs(norm - radius) < 1e-12:
            break
        radius, vector = norm, following / norm
    return radius


def _note_cycle(result: Ownership, members: list[str], bound: str, *, closed: bool = True) -> None:
    members_tuple = tuple(members)
    for i, known in enumerate(result.cycles):
        if known.members == members_tuple:
            if closed and not known.closed:
                result.cycles[i] = Cycle(members_tuple, closed=True, closed_on=bound)
            return
    result.cycles.append(Cycle(members_tuple, closed=closed, closed_on=bound if closed else ""))


def strongest_chains(
    owner: str,
    subject: str,
    lower: dict[tuple[str, str], float],
    upper: dict[tuple[str, str], float],
    *,
    limit: int = 3,
) -> list[Chain]:
    """The `limit` strongest simple chains from `owner` to `subject`, strongest first.

    Best-first search on the upper-bound product: shares are at most 1, so a chain's
    product only falls as it grows, and the first chains to reach the subject are the
    strongest. Bounded by MAX_CHAIN_EXPANSIONS on pathological graphs.
    """
    holdings_of: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for (holder, held), share in upper.items():
        if share > 0:
            holdings_of[holder].append((held, share))

    chains: list[Chain] = []
    queue: list[tuple[float, tuple[str, ...]]] = [(-1.0, (owner,))]
    expansions = 0
    while queue and len(chains) < limit and expansions < MAX_CHAIN_EXPANSIONS:
        negative_product, path = heapq.heappop(queue)
        expansions += 1
        last = path[-1]
        if last == subject:
            minimum = math.prod(lower[edge] for edge in itertools.pairwise(path))
            chains.append(Chain(path, Bounds(minimum * 100.0, -negative_product * 100.0)))
            continue
        for held, share in holdings_of.get(last, []):
            if held not in path:
                heapq.heappush(queue, (negative_product * share, (*path, held)))
    return chains
