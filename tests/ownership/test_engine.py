"""The ownership engine on hand-computed structures (docs/ownership.md §3, no database)."""

from datetime import date

import pytest

from ownership.pure.engine import Holding, integrated_ownership

ON = date(2026, 6, 1)


def own(owner, subject, low, high=None, **dates):
    return Holding(owner, subject, low, low if high is None else high, **dates)


def figure(result, party):
    bounds = result.integrated[party]
    return pytest.approx(bounds.min, abs=1e-6), pytest.approx(bounds.max, abs=1e-6)


def test_a_chain_multiplies_its_shares():
    # P holds 60 % of A, A holds 50 % of S: 0.6 * 0.5 = 30 %.
    result = integrated_ownership("S", [own("P", "A", 60), own("A", "S", 50)], as_of=ON)

    assert figure(result, "P") == (30, 30)
    assert result.ultimate.keys() == {"P"}


def test_a_diamond_adds_its_chains():
    # P holds all of A and B; A holds 30 % of S and B 20 %: 30 + 20 = 50 %.
    holdings = [own("P", "A", 100), own("P", "B", 100), own("A", "S", 30), own("B", "S", 20)]

    result = integrated_ownership("S", holdings, as_of=ON)

    assert figure(result, "P") == (50, 50)


def test_the_cross_holding_example_of_the_domain():
    # X 70 % of A, B 30 % of A, A 50 % of B, Y 50 % of B. Chains from X to A pass the
    # cycle A->B->A any number of times: 0.7 * (1 + 0.15 + 0.15^2 + ...) = 0.7 / 0.85.
    holdings = [own("X", "A", 70), own("B", "A", 30), own("A", "B", 50), own("Y", "B", 50)]

    result = integrated_ownership("A", holdings, as_of=ON)

    assert figure(result, "X") == (70 / 0.85, 70 / 0.85)  # 82.35 %
    assert figure(result, "Y") == (15 / 0.85, 15 / 0.85)  # 0.5 * 0.3 / 0.85 = 17.65 %
    assert result.ultimate.keys() == {"X", "Y"}


def test_the_cross_holding_is_reported_as_an_open_cycle():
    holdings = [own("X", "A", 70), own("B", "A", 30), own("A", "B", 50), own("Y", "B", 50)]

    result = integrated_ownership("A", holdings, as_of=ON)

    assert [(c.members, c.closed) for c in result.cycles] == [(("A", "B"), False)]


def test_a_closed_cycle_is_one_owner_and_never_200_percent():
    # A holds all of B, B all of A, and A holds 60 % of C: the cycle holds 60 % of C.
    holdings = [own("A", "B", 100), own("B", "A", 100), own("A", "C", 60), own("Z", "C", 40)]

    result = integrated_ownership("C", holdings, as_of=ON)

    assert result.ultimate.keys() == {"cycle:A+B", "Z"}
    assert figure(result, "cycle:A+B") == (60, 60)
    assert [(c.members, c.closed) for c in result.cycles] == [(("A", "B"), True)]
    assert "A" not in result.integrated and "B" not in result.integrated


def test_a_subject_inside_a_closed_cycle_is_not_named_its_own_owner():
    result = integrated_ownership("A", [own("A", "B", 100), own("B", "A", 100)], as_of=ON)

    assert result.ultimate == {}
    assert "B" not in result.integrated
    assert any("closed cycle" in warning for warning in result.warnings)


def test_share_ranges_give_bounds():
    # P holds 20-30 % of A, A holds 50 % of S: 10 % to 15 %.
    result = integrated_ownership("S", [own("P", "A", 20, 30), own("A", "S", 50)], as_of=ON)

    assert figure(result, "P") == (10, 15)


def test_an_upper_bound_is_limited_by_what_the_other_holders_hold_at_least():
    # P declares 0-100 % of S, but Q holds exactly 70 %: P holds at most 30 %.
    result = integrated_ownership("S", [own("P", "S", 0, 100), own("Q", "S", 70)], as_of=ON)

    assert figure(result, "P") == (0, 30)


def test_an_interest_that_ended_before_the_date_is_ignored():
    holdings = [own("P", "S", 60, end=date(2026, 5, 31)), own("Q", "S", 40)]

    result = integrated_ownership("S", holdings, as_of=ON)

    assert result.ultimate.keys() == {"Q"}


def test_an_interest_ending_on_the_date_still_counts():
    result = integrated_ownership("S", [own("P", "S", 60, end=ON)], as_of=ON)

    assert figure(result, "P") == (60, 60)


def test_an_interest_starting_after_the_date_is_ignored():
    result = integrated_ownership("S", [own("P", "S", 60, start=date(2027, 1, 1))], as_of=ON)

    assert result.integrated == {}


def test_chains_are_listed_strongest_first():
    holdings = [own("P", "A", 100), own("P", "B", 100), own("A", "S", 30), own("B", "S", 20)]

    result = integrated_ownership("S", holdings, as_of=ON)

    chains = result.chains["P"]
    assert [c.parties for c in chains] == [("P", "A", "S"), ("P", "B", "S")]
    assert [round(c.share.max, 6) for c in chains] == [30, 20]


def test_declared_shares_over_100_percent_are_warned_about():
    result = integrated_ownership("S", [own("P", "S", 70), own("Q", "S", 60)], as_of=ON)

    assert any("add up to 130 %" in warning for warning in result.warnings)


def test_a_subject_nobody_owns_has_no_owners():
    result = integrated_ownership("S", [own("S", "T", 50)], as_of=ON)

    assert result.integrated == {} and result.ultimate == {}


def test_a_party_the_subject_holds_back_is_capped_at_100_percent_with_a_warning():
    # P holds 67 % of S and S holds 50 % of P: 0.67 / (1 - 0.335) = 100.75 %, shown as 100.
    result = integrated_ownership("S", [own("P", "S", 67), own("S", "P", 50)], as_of=ON)

    assert figure(result, "P") == (100, 100)
    assert any("hold each other" in warning for warning in result.warnings)
