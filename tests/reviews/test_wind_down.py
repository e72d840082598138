"""A case that ends early, withdrawn or declared outside scope, winds down
(reviews/services.py `_wind_down`): its open request lapses and its clock stop ends, its
phase ends that day, a proposed decision lapses, nobody is chased about it afterwards,
and the year's report counts it."""

import pytest

from reviews.services import node_authority
from reviews.statistics import annual_report
from tests.reviews.conftest import act
from tests.reviews.test_information_requests import THIRTY_CALENDAR_DAYS, answer, ask, on

REASON = "The investor abandoned the deal."
EARLY_ENDS = pytest.mark.parametrize("ending", ["withdraw", "declare_outside_scope"])


@pytest.fixture
def in_phase_1(settings, filed, senior):
    """The filing's case in phase 1 from Wednesday 1 July 2026: (filing id, case)."""
    settings.REVIEW_REGIME = THIRTY_CALENDAR_DAYS
    settings.SESSION_COOKIE_AGE = 365 * 24 * 3600  # the tests jump weeks ahead, signed in
    filing_id, case = filed
    with on("2026-07-01"):
        assert act(senior, case, "open_phase_1").status_code == 200
    return filing_id, case


def ended_while_asking(senior, case, ending):
    """A request sent on Monday 6 July (the clock stops; due 20 July), and the case ended
    on Wednesday 8 July: the case as the ending's answer shows it."""
    with on("2026-07-06"):
        assert ask(senior, case).status_code == 201
    with on("2026-07-08"):
        ended = act(senior, case, ending, reason=REASON)
    assert ended.status_code == 200, ended.json()
    return ended.json()


@EARLY_ENDS
def test_the_open_request_lapses_with_the_case(in_phase_1, senior, ending):
    _, case = in_phase_1

    ended = ended_while_asking(senior, case, ending)

    assert [r["status"] for r in ended["information_requests"]] == ["withdrawn"]


@EARLY_ENDS
def test_the_investor_can_no_longer_answer_the_lapsed_request(in_phase_1, senior, investor, ending):
    filing_id, case = in_phase_1
    ended_while_asking(senior, case, ending)

    with on("2026-07-09"):
        late = answer(
            investor, filing_id, [{"question": 1, "text": "a"}, {"question": 2, "text": "b"}]
        )

    assert (late.status_code, late.json()["errors"][0]["detail"]) == (
        409,
        "This request is withdrawn, not open.",
    )


@EARLY_ENDS
def test_the_clock_stop_and_the_phase_end_the_day_the_case_does(in_phase_1, senior, ending):
    _, case = in_phase_1

    phase = ended_while_asking(senior, case, ending)["phases"][0]

    assert (phase["ended_on"], phase["is_stopped"]) == ("2026-07-08", False)
    assert phase["stops"] == [
        {
            "started_on": "2026-07-06",
            "ended_on": "2026-07-08",
            "reason": "Request for information 1",
        }
    ]


@EARLY_ENDS
def test_nobody_is_chased_about_the_lapsed_request(in_phase_1, senior, ending):
    from reviews.deadline_watch import watch_deadlines

    _, case = in_phase_1
    ended_while_asking(senior, case, ending)

    with on("2026-08-10"):  # long past the answer's due date and the phase's deadline
        watch_deadlines()
        inbox = senior.get("/api/v1/inbox/").json()["results"]

    assert [item["subject"] for item in inbox if "Overdue" in item["subject"]] == []


def test_a_proposed_decision_lapses_when_the_case_is_withdrawn(in_phase_1, senior):
    _, case = in_phase_1
    with on("2026-07-06"):
        act(senior, case, "propose_decision", outcome="cleared", reasons="No concern.")
    with on("2026-07-08"):
        withdrawn = act(senior, case, "withdraw", reason=REASON).json()

    proposal = withdrawn["decisions"][0]
    assert (proposal["status"], proposal["review_note"]) == ("returned", f"Lapsed: {REASON}")


@pytest.mark.parametrize(
    ("ending", "item"),
    [("withdraw", "withdrawn"), ("declare_outside_scope", "outside scope or inadmissible")],
)
def test_the_years_report_counts_the_case_that_ended_early(in_phase_1, senior, ending, item):
    _, case = in_phase_1

    ended_while_asking(senior, case, ending)

    assert ("Outcomes", item, 1) in annual_report(node_authority(), 2026).rows()
