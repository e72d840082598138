"""The right to be heard (Art. 4(14) of Regulation (EU) 2026/1386), the reasons a
prohibition needs (Art. 20(3)), the kinds of measures (Art. 20(4)) and penalties (Art.
4(11)), on a case under 2026/1386 in phase 1 from Wednesday 1 March 2028."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.models import AuditEntry
from reviews.models import Decision
from tests.factories import complete_content_2026, error_attrs, make_client
from tests.reviews.conftest import act, make_staff

pytestmark = pytest.mark.django_db

MARCH_1 = datetime(2028, 3, 1, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
CONDITION = {
    "description": "Keep the customer data in the Union",
    "measure": "data_in_eu",
    "owner": "Zielwerk GmbH",
    "due_date": "2028-12-31",
}


@pytest.fixture
def day():
    """Travel to a day after 1 March 2028 (0: that day) for the rest of the test."""
    with time_machine.travel(MARCH_1, tick=False) as traveller:

        def to(days_later):
            traveller.move_to(MARCH_1 + timedelta(days=days_later))

        yield to


@pytest.fixture
def senior(day):
    return make_staff("senior_officer", "case_officer", name="hearing-senior")


@pytest.fixture
def case(day, investor, file, senior):
    case = file(investor, complete_content_2026())
    assert case.regulation == "eu-2026-1386"
    assert act(senior, case, "open_phase_1").status_code == 200
    return case


def hear(senior, case, outcome="cleared_with_conditions", **more):
    return senior.post(
        f"/api/v1/cases/{case.pk}/hearings/",
        {"intended_outcome": outcome, "letter": "We intend to impose conditions.", **more},
        format="json",
    )


def propose(senior, case, outcome="cleared_with_conditions", **more):
    body = {"outcome": outcome, "reasons": "Risk to data.", **more}
    if outcome == "cleared_with_conditions":
        body.setdefault("conditions", [CONDITION])
    return act(senior, case, "propose_decision", **body)


def answer(investor, case, number=1):
    return investor.post(
        f"/api/v1/filings/{case.filing_id}/hearings/{number}/",
        {"answer": "We accept the condition."},
        format="json",
    )


def test_a_conditional_authorisation_without_a_hearing_is_refused(case, senior):
    response = propose(senior, case)

    assert response.status_code == 409
    assert response.json()["errors"][0]["detail"] == (
        "Art. 4(14): the investor must be heard before a decision 'cleared with "
        "conditions': send a hearing letter first."
    )


def test_the_answer_is_due_after_the_node_s_hearing_period(case, senior):
    # Sent Wednesday 1 March 2028 + 14 days (the default national period) = Wednesday 15.
    response = hear(senior, case)

    assert response.status_code == 201, response.json()
    assert response.json()["hearings"][0]["answer_due"] == "2028-03-15"


def test_an_answer_day_shorter_than_the_national_period_is_refused(case, senior):
    response = hear(senior, case, answer_due="2028-03-10")

    assert response.status_code == 400
    assert error_attrs(response) == {
        "answer_due": "The investor has at least until 2028-03-15 to answer "
        "(the node's hearing period)."
    }


def test_the_proposal_waits_for_the_answer_while_the_day_has_not_passed(case, senior):
    hear(senior, case)

    response = propose(senior, case)

    assert response.status_code == 409
    assert "may answer hearing letter 1 until 2028-03-15" in response.json()["errors"][0]["detail"]


def test_once_the_investor_answers_the_conditional_authorisation_may_be_proposed(
    case, senior, investor
):
    hear(senior, case)
    answered = answer(investor, case)

    response = propose(senior, case)

    assert answered.status_code == 200, answered.json()
    assert answered.json()["status"] == "answered"
    assert response.status_code == 200, response.json()
    assert response.json()["decisions"][0]["conditions"][0]["measure"] == "data_in_eu"


def test_once_the_day_passes_without_an_answer_the_proposal_may_go_ahead(case, senior, day):
    hear(senior, case)
    day(15)  # Thursday 16 March: the answer was due on the 15th
    signed_in_again = make_staff("senior_officer", "case_officer")  # sessions end after 30 min

    response = propose(signed_in_again, case)

    assert response.status_code == 200, response.json()


def test_a_hearing_on_another_outcome_does_not_count(case, senior, investor):
    hear(senior, case, outcome="prohibited")
    answer(investor, case)

    response = propose(senior, case)

    assert response.status_code == 409


def test_a_prohibition_needs_the_reasons_why_measures_would_not_do(case, senior, investor):
    hear(senior, case, outcome="prohibited")
    answer(investor, case)

    response = propose(senior, case, outcome="prohibited")

    assert response.status_code == 400
    assert error_attrs(response) == {
        "measures_would_not_do": "Art. 20(3): say why mitigating measures would not address "
        "the risk."
    }


def test_a_prohibition_with_its_reasons_is_proposed_and_keeps_them(case, senior, investor):
    hear(senior, case, outcome="unwinding_ordered")
    answer(investor, case)

    response = propose(
        senior,
        case,
        outcome="unwinding_ordered",
        measures_would_not_do="The target's only product is the controlled item itself.",
    )

    assert response.status_code == 200, response.json()
    assert Decision.objects.get(case=case).measures_would_not_do == (
        "The target's only product is the controlled item itself."
    )


def test_a_condition_must_name_its_kind_of_measure(case, senior, investor):
    hear(senior, case)
    answer(investor, case)
    condition = {k: v for k, v in CONDITION.items() if k != "measure"}

    response = propose(senior, case, conditions=[condition])

    assert response.status_code == 400
    assert list(error_attrs(response)) == ["conditions.0.measure"]


def test_another_investor_cannot_see_or_answer_the_hearing(case, senior):
    hear(senior, case)
    stranger = make_client()

    assert stranger.get(f"/api/v1/filings/{case.filing_id}/hearings/").status_code == 404
    assert answer(stranger, case).status_code == 404


def test_the_letter_and_the_answer_are_audited(case, senior, investor):
    hear(senior, case)
    answer(investor, case)

    actions = list(
        AuditEntry.objects.filter(object_id=str(case.pk)).values_list("action", flat=True)
    )
    assert actions[-2:] == ["case.hearing_letter_sent", "case.hearing_answered"]


def test_a_senior_records_a_penalty_and_it_is_audited(case, senior):
    response = senior.post(
        f"/api/v1/cases/{case.pk}/penalties/",
        {
            "kind": "breach_of_measures",
            "decided_on": "2028-02-20",
            "amount": "250000.00",
            "currency": "EUR",
            "reasons": "Data moved outside the Union against condition 1.",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["penalties"][0]["amount"] == "250000.00"
    entry = AuditEntry.objects.filter(object_id=str(case.pk)).last()
    assert entry is not None and entry.action == "case.penalty_recorded"


def test_a_case_officer_may_not_record_a_penalty(case):
    officer = make_staff("case_officer")

    response = officer.post(
        f"/api/v1/cases/{case.pk}/penalties/",
        {"kind": "failure_to_file", "decided_on": "2028-02-20", "reasons": "Not filed."},
        format="json",
    )

    assert response.status_code == 403
    assert response.json()["errors"][0]["detail"] == "Only a senior officer may record a penalty."


# --- requests for information under 2026/1386 (Art. 15(3)) ------------------------------


def ask(senior, case, **more):
    return senior.post(
        f"/api/v1/cases/{case.pk}/information-requests/",
        {"questions": ["Who funds the purchase?"], **more},
        format="json",
    )


def test_the_investor_has_15_days_to_answer_by_default(case, senior):
    # Sent Wednesday 1 March 2028 + 15 days = Thursday 16 March.
    response = ask(senior, case)

    assert response.status_code == 201, response.json()
    assert response.json()["information_requests"][0]["response_due"] == "2028-03-16"


def test_a_shorter_answer_period_is_refused(case, senior):
    response = ask(senior, case, response_due="2028-03-10")

    assert error_attrs(response) == {
        "response_due": "Art. 15(3): the investor has 15 days, until 2028-03-16; give that "
        "day or a later one."
    }


def test_the_answer_period_can_be_extended_and_the_extension_is_audited(case, senior):
    ask(senior, case)

    response = senior.post(
        f"/api/v1/cases/{case.pk}/information-requests/1/extend/",
        {"response_due": "2028-03-31", "reason": "The investor asked for time."},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["information_requests"][0]["response_due"] == "2028-03-31"
    entry = AuditEntry.objects.filter(object_id=str(case.pk)).last()
    assert entry is not None and entry.action == "case.information_request_extended"


def test_an_extension_must_end_later(case, senior):
    ask(senior, case)

    response = senior.post(
        f"/api/v1/cases/{case.pk}/information-requests/1/extend/",
        {"response_due": "2028-03-16", "reason": "Typo."},
        format="json",
    )

    assert error_attrs(response) == {
        "response_due": "An extension ends after the day now set (2028-03-16)."
    }


def test_under_2019_452_the_officer_sets_the_answer_day(day, investor, file, senior, settings):
    settings.EU_2026_1386_APPLIES_FROM = "2029-01-01"  # 1 March 2028 is still under 2019/452
    case = file(investor)
    act(senior, case, "open_phase_1")

    response = ask(senior, case)

    assert error_attrs(response) == {"response_due": "Give the day the answer is due."}


def test_an_answer_citing_a_document_not_in_the_filing_is_refused(case, senior, investor):
    hear(senior, case)
    stray = "00000000-0000-0000-0000-000000000001"

    response = investor.post(
        f"/api/v1/filings/{case.filing_id}/hearings/1/",
        {"answer": "See the attachment.", "documents": [stray]},
        format="json",
    )

    assert response.status_code == 422
    assert error_attrs(response) == {
        "documents": f"Upload documents to the filing first; not found there: {stray}"
    }
