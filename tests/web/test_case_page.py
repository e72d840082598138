"""The case page's summary of the filing, conditions proposed from the page, and
compliance with them recorded there."""

import pytest

from reviews.models import Condition
from tests.reviews.conftest import act, cleared_with_condition, make_staff


def test_the_summary_shows_the_stake_value_and_completion(verified, filed):
    _, case = filed

    page = verified.get(f"/review/cases/{case.pk}/").content.decode()

    assert "<dt>Stake (voting)</dt><dd>0 % → 30 %</dd>" in page
    assert "Critical technology: robotics" in page
    assert "<dt>Value</dt><dd>" in page and "EUR" in page
    assert "<dt>Completion</dt>" in page


def test_two_conditions_are_proposed_from_the_page(verified, filed):
    _, case = filed
    act(make_staff("senior_officer", name="c-senior"), case, "open_phase_1")
    case.refresh_from_db()

    response = verified.post(
        f"/review/cases/{case.pk}/act/",
        {
            "action": "propose_decision",
            "outcome": "cleared_with_conditions",
            "reasons": "Mitigated.",
            "condition_description": ["Appoint a security officer", "Keep data in the EU", ""],
            "condition_owner": ["Zielwerk GmbH", "Far East Holdings Ltd", ""],
            "condition_due": ["2027-03-31", "2027-06-30", ""],
        },
        follow=True,
    )

    assert "Decision proposed" in response.content.decode()
    assert sorted(Condition.objects.values_list("description", flat=True)) == [
        "Appoint a security officer",
        "Keep data in the EU",
    ]


def test_a_condition_without_its_due_date_is_refused_with_its_row(verified, filed):
    _, case = filed
    act(make_staff("senior_officer", name="c-senior"), case, "open_phase_1")

    response = verified.post(
        f"/review/cases/{case.pk}/act/",
        {
            "action": "propose_decision",
            "outcome": "cleared_with_conditions",
            "reasons": "Mitigated.",
            "condition_description": ["Appoint a security officer"],
            "condition_owner": ["Zielwerk GmbH"],
            "condition_due": [""],
        },
        follow=True,
    )

    # The API's words for the same refusal (the page reads its form into the API's input).
    assert "Condition 1 due date: Give the day it is due." in response.content.decode()


@pytest.fixture
def approved_condition(filed):
    """A conditional clearance proposed and approved by two seniors: (case, condition)."""
    _, case = filed
    cleared_with_condition(
        make_staff("senior_officer", "case_officer", name="c-s1"),
        make_staff("senior_officer", name="c-s2"),
        case,
    )
    return case, Condition.objects.get()


def test_compliance_with_a_condition_is_recorded_from_the_page(verified, approved_condition):
    case, condition = approved_condition

    response = verified.post(
        f"/review/cases/{case.pk}/act/",
        {
            "action": "record_compliance",
            "condition": condition.pk,
            "compliance": "met",
            "evidence": "Appointment letter of 2027-01-10.",
        },
        follow=True,
    )

    assert "Condition recorded as met." in response.content.decode()
    condition.refresh_from_db()
    assert (condition.compliance, condition.evidence) == (
        "met",
        "Appointment letter of 2027-01-10.",
    )


def test_compliance_without_evidence_is_refused_with_a_message(verified, approved_condition):
    case, condition = approved_condition

    response = verified.post(
        f"/review/cases/{case.pk}/act/",
        {"action": "record_compliance", "condition": condition.pk, "compliance": "met"},
        follow=True,
    )

    assert "Evidence: Say what shows it." in response.content.decode()


def test_a_proposal_is_one_entry_of_the_timeline_in_words(verified, filed):
    from core.models import AuditEntry

    _, case = filed
    act(make_staff("senior_officer", name="c-senior"), case, "open_phase_1")

    page = verified.post(
        f"/review/cases/{case.pk}/act/",
        {"action": "propose_decision", "outcome": "cleared", "reasons": "No risk."},
        follow=True,
    ).content.decode()

    assert page.count("Now: Decision proposed — No risk.") == 1
    assert AuditEntry.objects.filter(action="case.decision_proposed").count() == 1


def test_assigning_to_an_unknown_user_is_refused_and_keeps_the_assignee(verified, filed):
    _, case = filed
    verified.post(f"/review/cases/{case.pk}/act/", {"action": "assign", "assignee": "pages-senior"})

    response = verified.post(
        f"/review/cases/{case.pk}/act/",
        {"action": "assign", "assignee": "nobody-here"},
        follow=True,
    )

    assert "Assignee: No user &#x27;nobody-here&#x27;." in response.content.decode()
    case.refresh_from_db()
    assert case.assignee.username == "pages-senior"


def test_the_task_list_says_where_the_case_stands(verified, filed):
    _, case = filed
    act(make_staff("senior_officer", name="t-senior"), case, "open_phase_1")

    page = verified.get(f"/review/cases/{case.pk}/").content.decode()
    listed = page.split('<ul class="task-list"', 1)[1].split("</ul>", 1)[0]

    # Phase 1 opened: the check is behind it, phase 1 under way, the rest ahead.
    assert 'Check the filing is complete</span> <strong class="tag task-done">Done' in listed
    assert 'Phase 1: review</span> <strong class="tag task-in-progress">In progress' in listed
    assert listed.count("task-not-started") == 3
