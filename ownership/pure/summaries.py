"""Summary relationships: a relationship with `componentRecords` states an interest that
runs through a chain of other relationships (its components), docs/ownership.md §2.5.

Adding a summary's figure to its components' would count the chain twice; skipping the
summary loses the figure when the components leave a share unknown (the BODS examples
say "interest unknown" on a link and give the figure only on the summary). So:

- a *direct* interest of a summary that no component states (the owner holds the subject
  directly as well as through the chain) is an edge of its own;
- for an *indirect* share or vote figure, the components' links of unknown size are
  **inferred** from it. With the chains from the owner to the subject through the
  components, each link of unknown size x_e on chains whose other links are known
  (products K_e), and the figure f:  sum_e K_e x_e + (known chains) = f, so
      x_e >= (f_min - what all the other chains can give at most) / K_e
      x_e <= (f_max - what the other chains give at least) / K_e,
  each within 0-100 %. A chain with two or more unknown links is left unknown;
- the owner's integrated share of the subject is then held to the summary's figure plus
  its direct holdings (`Total`): the inferred ranges are for the links, the figure is
  for the whole;
- where the data holds none of the components, the figure is the only one there is and
  becomes an edge; where it holds them but they form no chain of shares (a link that is
  a right), the figure only bounds the owner's share;
- rights stated by a summary (other influence or control through a nomination, say) are
  rights of the owner over the subject: a right counted twice is still one right.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from ownership.pure.engine import EPSILON, Holding, active_on


@dataclass(frozen=True)
class SummaryFigure:
    """One share or vote interest of a summary relationship."""

    kind: str  # "shares" or "votes"
    direct: bool
    minimum: float
    maximum: float
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Summary:
    relationship: str
    owner: str
    subject: str
    components: frozenset[str]
    figures: tuple[SummaryFigure, ...]


@dataclass(frozen=True)
class Total:
    """`owner`'s integrated share of `subject` lies within these bounds (percent)."""

    owner: str
    subject: str
    minimum: float
    maximum: float


@dataclass
class Applied:
    shares: list[Holding]
    votes: list[Holding]
    totals: list[Total]
    notes: list[str]


def apply_summaries(
    summaries: list[Summary],
    shares: list[Holding],
    votes: list[Holding],
    links: dict[str, tuple[str, str]],
    *,
    as_of: date,
    name: dict[str, str],
    context: tuple[list[Summary], list[Holding], list[Holding]] | None = None,
) -> Applied:
    """The holdings with the summaries' figures taken in, and the totals they fix.

    `links` maps each non-summary relationship to its (owner, subject), to tell whether a
    component already states the owner's direct holding."""
    shares, votes = list(shares), list(votes)
    totals: list[Total] = []
    notes: list[str] = []
    for summary in summaries:
        direct_stated = any(
            links.get(component) == (summary.owner, summary.subject)
            for component in summary.components
        )
        for figure in summary.figures:
            if not active_on(as_of, figure.start, figure.end):
                continue
            held = shares if figure.kind == "shares" else votes
            edge = Holding(
                summary.owner,
                summary.subject,
                figure.minimum,
                figure.maximum,
                figure.start,
                figure.end,
                relationship=summary.relationship,
            )
            if figure.direct:
                if not direct_stated:
                    held.append(edge)
                    if figure.kind == "shares" and not _states_votes(summary):
                        votes.append(edge)
                continue
            inferred = _infer(summary, figure, held, as_of)
            if inferred is None:
                if any(component in links for component in summary.components):
                    # The components are here but hold no chain of shares (a link is a
                    # right, say): the figure cannot be placed on a link; it still bounds
                    # the owner's share below.
                    totals.append(
                        Total(summary.owner, summary.subject, figure.minimum, figure.maximum)
                    )
                    continue
                # No component in the data at all: the figure is all there is.
                held.append(edge)
                if figure.kind == "shares" and not _states_votes(summary):
                    votes.append(edge)
                continue
            source = (
                f"the indirect figure of {name.get(summary.owner, summary.owner)} in "
                f"{name.get(summary.subject, summary.subject)}"
            )
            for index, bounds in inferred.items():
                _size_link(held, votes, index, bounds, summary, figure, source, name, notes)
            if figure.kind == "shares":
                totals.append(Total(summary.owner, summary.subject, figure.minimum, figure.maximum))
    if context is not None:
        _infer_from_context(context, shares, votes, as_of, name, notes)
    return Applied(shares, votes, _with_direct(totals, shares, as_of), notes)


def _infer_from_context(
    context: tuple[list[Summary], list[Holding], list[Holding]],
    shares: list[Holding],
    votes: list[Holding],
    as_of: date,
    name: dict[str, str],
    notes: list[str],
) -> None:
    """Summaries about subsidiaries: their figures size the unknown links here, over the
    chains they run through (here and below); they add nothing else."""
    summaries, context_shares, context_votes = context
    for summary in summaries:
        for figure in summary.figures:
            if figure.direct or not active_on(as_of, figure.start, figure.end):
                continue
            held, below = (
                (shares, context_shares) if figure.kind == "shares" else (votes, context_votes)
            )
            combined = held + below
            inferred = _infer(summary, figure, combined, as_of) or {}
            source = "a figure stated about a company it holds"
            for index, bounds in inferred.items():
                if index < len(held):  # a link below the subject is not part of this one
                    _size_link(held, votes, index, bounds, summary, figure, source, name, notes)


def _size_link(
    held: list[Holding],
    votes: list[Holding],
    index: int,
    bounds: tuple[float, float],
    summary: Summary,
    figure: SummaryFigure,
    source: str,
    name: dict[str, str],
    notes: list[str],
) -> None:
    """Give the unknown link `held[index]` its inferred bounds, say so, and size its
    votes alike where its shares are its votes."""
    low, high = bounds
    link = held[index] = replace(held[index], minimum=low, maximum=high, known=True)
    notes.append(
        f"The share of {name.get(link.owner, link.owner)} in "
        f"{name.get(link.subject, link.subject)} is not given; "
        f"inferred as {_percent(low, high)} from {source}."
    )
    if figure.kind == "shares" and not _states_votes(summary):
        _infer_votes_alike(votes, link, low, high)


def _states_votes(summary: Summary) -> bool:
    return any(figure.kind == "votes" for figure in summary.figures)


def _infer_votes_alike(votes: list[Holding], holding: Holding, low: float, high: float) -> None:
    """One share, one vote: the unknown vote link of the same relationship, inferred
    the same."""
    for index, vote in enumerate(votes):
        if (
            not vote.known
            and vote.relationship == holding.relationship
            and (vote.owner, vote.subject) == (holding.owner, holding.subject)
        ):
            votes[index] = replace(vote, minimum=low, maximum=high, known=True)


def _infer(
    summary: Summary, figure: SummaryFigure, held: list[Holding], as_of: date
) -> dict[int, tuple[float, float]] | None:
    """Bounds (percent) for the unknown links of the summary's chains, by index in
    `held`; None when the data holds no chain of the components."""
    out: dict[str, list[int]] = defaultdict(list)
    for index, holding in enumerate(held):
        if holding.relationship in summary.components and holding.is_active(as_of):
            out[holding.owner].append(index)
    chains = _chains(summary.owner, summary.subject, out, held)
    if not chains:
        return None
    fixed_low = fixed_high = free_high = 0.0
    low_weight: dict[int, float] = defaultdict(float)
    high_weight: dict[int, float] = defaultdict(float)
    for chain in chains:
        unknown = [index for index in chain if not held[index].known]
        known = [held[index] for index in chain if held[index].known]
        low = _product(h.minimum for h in known)
        high = _product(h.maximum for h in known)
        if not unknown:
            fixed_low += low
            fixed_high += high
        elif len(unknown) == 1:
            low_weight[unknown[0]] += low
            high_weight[unknown[0]] += high
        else:
            free_high += high
    f_low, f_high = figure.minimum / 100.0, figure.maximum / 100.0
    inferred: dict[int, tuple[float, float]] = {}
    for index in low_weight:
        others_high = (
            fixed_high
            + free_high
            + sum(weight for other, weight in high_weight.items() if other != index)
        )
        top = min(1.0, (f_high - fixed_low) / low_weight[index]) if low_weight[index] else 1.0
        bottom = max(0.0, (f_low - others_high) / high_weight[index]) if high_weight[index] else 0.0
        if bottom > top + EPSILON:
            continue  # the figure and the known links disagree: leave the link unknown
        inferred[index] = (bottom * 100.0, max(top, bottom) * 100.0)
    return inferred


def _chains(
    owner: str, subject: str, out: dict[str, list[int]], held: list[Holding]
) -> list[list[int]]:
    """Simple chains (as indexes into `held`) from owner to subject."""

    def walk(party: str, seen: frozenset[str], path: list[int]) -> list[list[int]]:
        if party == subject:
            return [path]
        found = []
        for index in out.get(party, []):
            nxt = held[index].subject
            if nxt not in seen:
                found += walk(nxt, seen | {nxt}, [*path, index])
        return found

    return walk(owner, frozenset({owner}), [])


def _product(values: Iterable[float]) -> float:
    result = 1.0
    for value in values:
        result *= value / 100.0
    return result


def _with_direct(totals: list[Total], shares: list[Holding], as_of: date) -> list[Total]:
    """A summary's figure is the owner's indirect share; its direct holdings come on top."""
    result = []
    for total in totals:
        direct = [
            h
            for h in shares
            if (h.owner, h.subject) == (total.owner, total.subject) and h.is_active(as_of)
        ]
        result.append(
            Total(
                total.owner,
                total.subject,
                min(100.0, total.minimum + sum(h.minimum for h in direct)),
                min(100.0, total.maximum + sum(h.maximum for h in direct)),
            )
        )
    return result


def _percent(low: float, high: float) -> str:
    if abs(high - low) < 1e-6:
        return f"{low:g} %"
    return f"{low:g}-{high:g} %"
