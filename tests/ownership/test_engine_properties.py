"""The engine against brute-force references on small random structures (Hypothesis)."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ownership.pure.engine import Holding, integrated_ownership

ON = date(2026, 1, 1)


@st.composite
def structures(draw, *, acyclic: bool, column_limit: float):
    """Holdings among parties 0..n-1 (0 is the subject); each party's owners hold at most
    `column_limit` percent of it in all."""
    size = draw(st.integers(min_value=2, max_value=7))
    shares: dict[tuple[int, int], float] = {}
    for owned in range(size):
        candidates = [o for o in range(size) if o != owned and (not acyclic or o > owned)]
        owners = draw(st.lists(st.sampled_from(candidates), unique=True)) if candidates else []
        room = column_limit
        for owner in owners:
            share = draw(st.floats(min_value=0.5, max_value=max(0.5, room)))
            if share > room:
                break
            shares[(owner, owned)] = share
            room -= share
    return shares


def holdings_of(shares):
    return [Holding(str(o), str(s), share, share) for (o, s), share in shares.items()]


def all_paths_reference(shares):
    """Sum over every path to the subject of the product of shares (a DAG has no walks
    other than its paths)."""
    owners_of: dict[int, list[tuple[int, float]]] = {}
    for (owner, owned), share in shares.items():
        owners_of.setdefault(owned, []).append((owner, share / 100))
    totals: dict[int, float] = {}

    def walk(node: int, product: float) -> None:
        for owner, share in owners_of.get(node, []):
            totals[owner] = totals.get(owner, 0.0) + product * share
            walk(owner, product * share)

    walk(0, 1.0)
    return {str(p): 100 * v for p, v in totals.items() if v > 0}


def fixed_point_reference(shares, rounds=600):
    """y = e_subject + B y by plain iteration: the series the linear solve sums at once."""
    nodes = {n for edge in shares for n in edge} | {0}
    y = {n: 0.0 for n in nodes}
    for _ in range(rounds):
        y = {
            p: (1.0 if p == 0 else 0.0)
            + sum(share / 100 * y[m] for (o, m), share in shares.items() if o == p)
            for p in nodes
        }
    return {str(p): 100 * v for p, v in y.items() if p != 0 and v > 1e-9}


@settings(max_examples=200, deadline=None)
@given(structures(acyclic=True, column_limit=100.0))
def test_acyclic_structures_match_the_sum_over_all_paths(shares):
    result = integrated_ownership("0", holdings_of(shares), as_of=ON)

    expected = all_paths_reference(shares)
    assert set(result.integrated) == set(expected)
    for party, value in expected.items():
        assert result.integrated[party].min == pytest.approx(value, abs=1e-6)
        assert result.integrated[party].max == pytest.approx(value, abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(structures(acyclic=False, column_limit=90.0))
def test_structures_with_cross_holdings_match_the_converged_series(shares):
    # Owners hold at most 90 % of each party, so every cycle has an outside owner and the
    # series converges: 600 rounds leave an error below 0.9^600.
    result = integrated_ownership("0", holdings_of(shares), as_of=ON)

    expected = fixed_point_reference(shares)
    assert set(result.integrated) == set(expected)
    for party, value in expected.items():
        # A party in a cycle through the subject can pass 100 %; it is shown as 100 %.
        assert result.integrated[party].min == pytest.approx(min(value, 100.0), abs=1e-6)
    assert not any(cycle.closed for cycle in result.cycles)


@settings(max_examples=200, deadline=None)
@given(structures(acyclic=True, column_limit=100.0), st.data())
def test_any_exact_shares_within_the_ranges_land_within_the_bounds(shares, data):
    ranges, exact = {}, {}
    for edge, top in shares.items():
        low = data.draw(st.floats(min_value=0.0, max_value=top))
        ranges[edge] = (low, top)
        exact[edge] = data.draw(st.floats(min_value=low, max_value=top))
    holdings = [Holding(str(o), str(s), low, high) for (o, s), (low, high) in ranges.items()]

    bounds = integrated_ownership("0", holdings, as_of=ON).integrated
    point = integrated_ownership("0", holdings_of(exact), as_of=ON).integrated

    for party, value in point.items():
        assert bounds[party].min - 1e-6 <= value.min <= bounds[party].max + 1e-6
