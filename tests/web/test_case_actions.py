"""The case page's actions (issue 17, defects 5 and 6): every step the workflow refuses is
shown with its reason, the steps that had no page (urgency, extensions, withdrawing a
request) have one, and a refused form keeps what was typed with each message beside its
field."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from core.actors import Actor
from reviews.models import Case
from reviews.services import set_comment_period
from tests.reviews.conftest import act, assign, make_staff

BERLIN = ZoneInfo("Europe/Berlin")


def case_page(client, case):
    response = client.get(f"/review/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def post(client, case, **form):
    return client.post(f"/review/cases/{case.pk}/act/", form, follow=True)


def not_open(page):
    """The "Not open to you now" list, as text."""
    found = re.search(r'<div class="blocked" id="not-open">(.*?)</div>', page, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else ""


def test_an_officer_sees_why_phase_2_is_not_open_to_them(filed):
    _, case = filed
    senior = make_staff("senior_officer")
    act(senior, case, "open_phase_1")
    officer = make_staff("case_officer", name="a-officer")

    listed = not_open(case_page(officer, case))

    assert (
        "Open phase 2 (in-depth investigation): Only a senior officer may open phase 2 "
        "(in-depth investigation)." in listed
    )


def test_during_the_comment_period_approve_says_why_and_leads_to_the_urgency_form(filed):
    _, case = filed
    proposer, senior = make_staff("senior_officer"), make_staff("senior_officer")
    act(proposer, case, "open_phase_1")
    act(proposer, case, "propose_decision", outcome="cleared", reasons="No risk found.")
    ends = timezone.localdate() + timedelta(days=20)
    set_comment_period(
        case=case, actor=Actor.for_user(senior.user), ends_on=ends, reason="notified"
    )

    page = case_page(senior, case)

    assert (
        "Approve the proposed decision: Other member states and the Commission may comment "
        f"until {ends.isoformat()} (Art. 6): wait, or record why the decision is urgent."
        in not_open(page)
    )
    assert '<a href="#form-record_urgency">Record the urgency</a>' in page


def test_recording_the_urgency_on_the_page_offers_approve(filed):
    _, case = filed
    proposer, senior = make_staff("senior_officer"), make_staff("senior_officer")
    act(proposer, case, "open_phase_1")
    act(proposer, case, "propose_decision", outcome="cleared", reasons="No risk found.")
    set_comment_period(
        case=case,
        actor=Actor.for_user(senior.user),
        ends_on=timezone.localdate() + timedelta(days=20),
        reason="notified",
    )

    page = post(
        senior, case, action="record_urgency", justification="The target's insolvency hearing."
    ).content.decode()

    assert "Urgency recorded" in page
    assert 'name="action" value="approve_decision"' in page


def with_an_open_request(filed):
    """The filed case in phase 1 with request 1 open, and a senior officer."""
    _, case = filed
    senior = make_staff("senior_officer", "case_officer")
    act(senior, case, "open_phase_1")
    senior.post(
        f"/api/v1/cases/{case.pk}/information-requests/",
        {"questions": ["Who appoints the board?"], "response_due": "2099-01-31"},
        format="json",
    )
    return senior, case


def test_a_request_is_withdrawn_from_the_page_and_the_clock_runs_again(filed):
    senior, case = with_an_open_request(filed)

    page = post(
        senior, case, action="withdraw_request", request="1", reason="Asked the wrong company"
    ).content.decode()

    assert "Request 1 withdrawn; the clock runs again." in page
    assert case.information_requests.get().status == "withdrawn"


def test_a_request_gets_more_time_from_the_page(filed):
    senior, case = with_an_open_request(filed)

    post(
        senior,
        case,
        action="extend_request",
        request="1",
        response_due="2099-02-28",
        reason="Counsel asked for two more weeks",
    )

    assert case.information_requests.get().response_due.isoformat() == "2099-02-28"


def test_a_phase_is_extended_from_the_page(investor, file):
    with time_machine.travel(datetime(2026, 3, 2, 10, tzinfo=BERLIN), tick=False):
        senior = make_staff("senior_officer")
        case = file(investor)
        act(senior, case, "open_phase_1")

        page = post(
            senior, case, action="extend_phase", days="10", reason="Complex group structure"
        ).content.decode()

    # Two months from 2 March 2026 are 61 days; with 10 more, 71 days from 2 March:
    # 29 in March, 30 in April (59), 12 in May (71): Tuesday 12 May 2026.
    assert "Phase extended by 10 days; the deadline is now 2026-05-12." in page


def refused_proposal(case):
    """A proposal with three conditions, the second without its due date: refused."""
    officer = make_staff("senior_officer", "case_officer")
    act(officer, case, "open_phase_1")
    return officer.post(
        f"/review/cases/{case.pk}/act/",
        {
            "action": "propose_decision",
            "outcome": "cleared_with_conditions",
            "reasons": "Mitigated by three conditions.",
            "condition_description": ["Security officer", "Data in the EU", "Annual report"],
            "condition_owner": ["Zielwerk GmbH", "Zielwerk GmbH", "Far East Holdings Ltd"],
            "condition_due": ["2027-03-31", "", "2027-12-31"],
        },
    )


def test_a_refused_proposal_keeps_the_reasons_and_every_condition(filed):
    _, case = filed

    response = refused_proposal(case)

    page = response.content.decode()
    assert response.status_code == 400
    assert ">Mitigated by three conditions.</textarea>" in page
    for kept in ('value="Security officer"', 'value="Data in the EU"', 'value="Annual report"'):
        assert kept in page
    assert '<option value="cleared_with_conditions" selected>' in page


def test_a_refused_conditions_message_stands_beside_its_row_and_in_the_summary(filed):
    _, case = filed

    page = refused_proposal(case).content.decode()

    # Row 2's due date: the message sits right above its field, and the summary links there.
    assert re.search(
        r'<p class="field-error" id="c-condition_due-2-error">.*?Give the day it is due.', page
    )
    assert '<a href="#c-condition_due-2">Condition 2 due date: Give the day it is due.' in page


def test_a_refused_step_keeps_its_reason_text(filed):
    _, case = filed
    senior = make_staff("senior_officer", name="a-senior")
    act(senior, case, "open_phase_1")
    assign(senior, case, "a-senior")
    senior.post(
        f"/api/v1/cases/{case.pk}/information-requests/",
        {"questions": ["Who appoints the board?"], "response_due": "2099-01-31"},
        format="json",
    )
    stale = Case.objects.get(pk=case.pk).version - 1

    response = senior.post(
        f"/review/cases/{case.pk}/act/",
        {
            "action": "open_phase_2",
            "reason": "Board control needs a closer look",
            "version": str(stale),
            "confirm": "on",
        },
    )

    assert response.status_code == 409
    assert "Board control needs a closer look</textarea>" in response.content.decode()
