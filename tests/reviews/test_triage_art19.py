"""Triage of a case under 2026/1386 by its Art. 19 factors: the articles named, and the
investor factors it adds (prior prohibitions or breaches, configured country lists,
opaque ownership), each with its reason."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from reviews.pure.triage import InvestorFacts, assess
from tests.factories import complete_content_2026
from tests.reviews.conftest import act

CONTENT = {
    "investor": {"name": "Far East Holdings Ltd", "country": "CN"},
    "ultimate_investors": [{"name": "Li Na", "country": "CN", "kind": "natural_person"}],
    "sectors": ["technology.semiconductors"],
    "funding": [],
}


def test_the_factors_name_the_articles_of_2026_1386():
    _, reasons = assess(CONTENT, None, regulation="eu-2026-1386", investor=InvestorFacts())

    assert [(r.factor, r.points) for r in reasons] == [("Art. 19(1)", 12)]


def test_an_earlier_prohibition_of_the_investor_counts():
    facts = InvestorFacts(prior_measures=("DE-2027-000014: prohibited or unwound",))

    score, reasons = assess(CONTENT, None, regulation="eu-2026-1386", investor=facts)

    # 12 (semiconductors) + 30 (earlier prohibition) = 42.
    assert score == 42
    assert reasons[0].detail == (
        "Earlier prohibition or breached measures: DE-2027-000014: prohibited or unwound"
    )


def test_the_configured_country_lists_count_for_the_investor_and_its_owners():
    facts = InvestorFacts(
        high_risk_countries=frozenset({"KP"}), intelligence_law_countries=frozenset({"CN"})
    )

    score, reasons = assess(CONTENT, None, regulation="eu-2026-1386", investor=facts)

    # 12 + 15 (intelligence-sharing laws, CN); KP is not the investor's country.
    assert score == 27
    assert reasons[0].detail == (
        "Established in a country whose laws oblige sharing with its intelligence services: CN"
    )


def test_opaque_ownership_counts_with_its_reasons():
    ownership = {
        "state_links": [],
        "unknowns": [],
        "opaque": {
            "opaque": True,
            "reasons": [{"code": "nominee_without_nominator", "detail": "Nominee Ltd"}],
        },
    }

    _, reasons = assess(CONTENT, ownership, regulation="eu-2026-1386", investor=InvestorFacts())

    assert ("Art. 19(2), 2(8)", 15, "Opaque ownership structure: Nominee Ltd") in [
        (r.factor, r.points, r.detail) for r in reasons
    ]


def test_a_2019_452_case_keeps_its_factors():
    facts = InvestorFacts(prior_measures=("DE-2027-000014: prohibited or unwound",))

    score, reasons = assess(CONTENT, None, regulation="eu-2019-452", investor=facts)

    assert (score, [r.factor for r in reasons]) == (12, ["Art. 4(1)"])


def test_a_case_under_2026_1386_finds_the_investor_s_earlier_prohibition(
    investor, file, senior, other_senior
):
    earlier = file(investor)  # under 2019/452, today
    act(senior, earlier, "open_phase_1")
    act(senior, earlier, "propose_decision", outcome="prohibited", reasons="Grid security.")
    assert act(other_senior, earlier, "approve_decision").status_code == 200

    with time_machine.travel(datetime(2028, 3, 1, 10, tzinfo=ZoneInfo("Europe/Berlin"))):
        # The same investor (its LEI), under 2026/1386.
        later = file(investor, complete_content_2026())

    expected = (
        f"Earlier prohibition or breached measures: {earlier.reference}: prohibited or unwound"
    )
    assert expected in [reason["detail"] for reason in later.risk_reasons]
