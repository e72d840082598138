"""Cases through the reviewers' API: opening, every transition, and every refusal."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from core.models import AuditEntry
from reviews.models import Case, Phase
from tests.factories import error_attrs
from tests.reviews.conftest import act, assign, cleared_with_condition, make_staff

BERLIN = ZoneInfo("Europe/Berlin")


def detail(client, case):
    response = client.get(f"/api/v1/cases/{case.pk}/")
    assert response.status_code == 200, response.json()
    return response.json()


def errors(response):
    return [error["detail"] for error in response.json()["errors"]]


def test_a_submitted_filing_opens_a_case_with_a_gap_free_reference(filed, officer):
    _, case = filed

    body = detail(officer, case)

    year = timezone.localdate().year
    assert re.fullmatch(rf"DE-{year}-\d{{6}}", body["reference"])
    assert (body["status"], body["origin"], body["assignee"]) == ("received", "filing", None)
    assert AuditEntry.objects.filter(object_id=str(case.pk), action="case.opened").exists()


def test_an_investor_cannot_read_cases(filed, investor):
    _, case = filed

    assert investor.get(f"/api/v1/cases/{case.pk}/").status_code == 403


def test_staff_of_another_authority_do_not_see_the_case(filed, officer):
    from core.models import Membership, Organisation

    _, case = filed
    stranger = make_staff("senior_officer")
    other = Organisation.objects.create(name="Other authority", kind="authority", country="FR")
    Membership.objects.filter(user=stranger.user).update(organisation=other)

    assert stranger.get(f"/api/v1/cases/{case.pk}/").status_code == 404
    assert stranger.get("/api/v1/cases/").json()["count"] == 0


def test_staff_of_another_authority_cannot_move_the_case(filed, senior):
    from core.models import Membership, Organisation

    _, case = filed
    stranger = make_staff("senior_officer")
    other = Organisation.objects.create(name="Other authority", kind="authority", country="FR")
    Membership.objects.filter(user=stranger.user).update(organisation=other)
    before = detail(senior, case)
    entries = AuditEntry.objects.count()

    response = act(stranger, case, "declare_outside_scope", reason="Not ours to review")

    assert response.status_code == 404
    assert detail(senior, case) == before  # status, version, phases, timeline
    assert AuditEntry.objects.count() == entries


def test_a_case_goes_from_received_to_closed(filed, officer, senior, other_senior):
    _, case = filed
    assert assign(senior, case, "officer").json()["assignee"] == "officer"

    steps = [
        (officer, "start_completeness_check", {}),
        (officer, "open_phase_1", {}),
        (senior, "open_phase_2", {"reason": "Grid operator: in-depth look needed"}),
        (officer, "propose_decision", {"outcome": "cleared", "reasons": "No risk found."}),
        (other_senior, "approve_decision", {"note": "Agreed."}),
        (officer, "close", {}),
    ]
    statuses = []
    for client, transition, body in steps:
        response = act(client, case, transition, **body)
        assert response.status_code == 200, response.json()
        statuses.append(response.json()["status"])

    assert statuses == [
        "completeness_check",
        "phase_1",
        "phase_2",
        "decision_proposed",
        "decided",
        "closed",
    ]
    phases = Phase.objects.filter(case=case).order_by("id")
    assert [(p.kind, p.ended_on is not None) for p in phases] == [
        ("phase_1", True),
        ("phase_2", True),
    ]


def test_opening_phase_1_starts_its_clock(filed, senior):
    _, case = filed

    with time_machine.travel(datetime(2026, 7, 1, 9, tzinfo=BERLIN), tick=False):
        body = act(senior, case, "open_phase_1").json()

    phase = body["phases"][0]
    assert (phase["kind"], phase["started_on"]) == ("phase_1", "2026-07-01")
    assert phase["deadline"] is not None and phase["days_left"] > 0


def test_a_transition_from_the_wrong_status_is_refused_with_the_reason(filed, senior):
    _, case = filed

    response = act(senior, case, "open_phase_2", reason="Looks serious")

    assert response.status_code == 409
    assert errors(response) == [
        "Open phase 2 (in-depth investigation) is not possible: the case is received."
    ]


def test_a_case_officer_cannot_open_phase_2(filed, officer, senior):
    _, case = filed
    assign(senior, case, "officer")
    act(officer, case, "open_phase_1")

    response = act(officer, case, "open_phase_2", reason="Needs a closer look")

    assert response.status_code == 403
    assert "Only a senior officer may" in errors(response)[0]


def test_an_officer_may_act_only_on_a_case_assigned_to_them(filed, officer, other_officer, senior):
    _, case = filed
    assign(senior, case, "officer2")

    response = act(officer, case, "start_completeness_check")

    assert response.status_code == 403


def test_a_reason_is_required_where_the_workflow_says_so(filed, senior):
    _, case = filed

    response = act(senior, case, "declare_outside_scope")

    assert response.status_code == 400
    assert error_attrs(response) == {"reason": "Give a reason."}


def test_the_proposer_cannot_approve_their_own_decision(filed, senior):
    _, case = filed
    act(senior, case, "open_phase_1")
    act(senior, case, "propose_decision", outcome="prohibited", reasons="State control.")

    response = act(senior, case, "approve_decision")

    assert response.status_code == 403
    assert errors(response) == [
        "Four eyes: the officer who proposed the decision cannot also decide on it."
    ]
    assert Case.objects.get(pk=case.pk).status == "decision_proposed"


def test_a_returned_proposal_goes_back_to_its_phase(filed, senior, other_senior):
    _, case = filed
    act(senior, case, "open_phase_1")
    act(senior, case, "open_phase_2", reason="Deeper review")
    act(senior, case, "propose_decision", outcome="cleared", reasons="Fine.")

    response = act(other_senior, case, "return_decision", reason="Consider conditions.")

    assert response.json()["status"] == "phase_2"
    assert response.json()["decisions"][0]["status"] == "returned"


def test_a_conditional_clearance_needs_its_conditions(filed, senior):
    _, case = filed
    act(senior, case, "open_phase_1")

    response = act(
        senior, case, "propose_decision", outcome="cleared_with_conditions", reasons="Mitigated."
    )

    assert response.status_code == 400
    assert "conditions" in error_attrs(response)


def test_conditions_of_an_approved_decision_take_compliance(filed, senior, other_senior):
    _, case = filed
    body = cleared_with_condition(senior, other_senior, case)
    condition = body["decisions"][0]["conditions"][0]

    response = senior.post(
        f"/api/v1/cases/{case.pk}/conditions/{condition['id']}/",
        {"compliance": "met", "evidence": "Appointment letter of 2 March"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["decisions"][0]["conditions"][0]["compliance"] == "met"


def test_a_decision_cannot_be_proposed_while_information_is_requested(filed, senior):
    _, case = filed
    act(senior, case, "open_phase_1")
    senior.post(
        f"/api/v1/cases/{case.pk}/information-requests/",
        {"questions": ["Who appoints the board?"], "response_due": "2099-01-31"},
        format="json",
    )

    response = act(senior, case, "propose_decision", outcome="cleared", reasons="Fine.")

    assert response.status_code == 409
    assert "request for information is open" in errors(response)[0]


def test_a_stale_version_is_refused(filed, senior):
    _, case = filed
    version = detail(senior, case)["version"]
    act(senior, case, "start_completeness_check")

    response = act(senior, case, "open_phase_1", expected_version=version)

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "stale_case"


def test_withdrawing_the_filing_withdraws_the_case(
    filed, investor, senior, django_capture_on_commit_callbacks
):
    filing_id, case = filed
    with time_machine.travel(datetime(2026, 7, 1, 9, tzinfo=BERLIN), tick=False):
        act(senior, case, "open_phase_1")

    with (
        time_machine.travel(datetime(2026, 7, 8, 9, tzinfo=BERLIN), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        investor.post(
            f"/api/v1/filings/{filing_id}/withdraw/", {"reason": "Deal off"}, format="json"
        )

    case.refresh_from_db()
    assert (case.status, Phase.objects.get(case=case).ended_on) == ("withdrawn", date(2026, 7, 8))


def test_a_finished_case_can_be_reopened_by_a_senior_with_a_reason(filed, senior):
    _, case = filed
    act(senior, case, "declare_outside_scope", reason="Not a foreign investor")

    response = act(senior, case, "reopen", reason="New facts: parent is foreign")

    assert response.json()["status"] == "phase_1"
    assert response.json()["timeline"][-1]["action"] == "case.reopened"


def test_a_senior_calls_an_investment_in_and_an_officer_cannot(senior, officer):
    body = {
        "title": "Acquisition of Port Logistics AG",
        "investor_name": "Far East Shipping Ltd",
        "investor_country": "HK",
        "target_name": "Port Logistics AG",
        "target_country": "DE",
        "sectors": ["infrastructure.transport"],
        "grounds": "Press reports of a completed, unnotified acquisition.",
    }

    refused = officer.post("/api/v1/cases/", body, format="json")
    created = senior.post("/api/v1/cases/", body, format="json")

    assert refused.status_code == 403
    assert created.status_code == 201
    assert (created.json()["origin"], created.json()["filing"]) == ("ex_officio", None)


def test_the_list_filters_by_status_and_assignee(filed, senior, officer):
    _, case = filed
    assign(senior, case, "officer")

    mine = officer.get("/api/v1/cases/", {"assignee": "me", "status": "received"}).json()
    none = officer.get("/api/v1/cases/", {"assignee": "none"}).json()

    assert [c["reference"] for c in mine["results"]] == [case.reference]
    assert none["count"] == 0


def test_an_extension_moves_the_deadline(filed, senior):
    _, case = filed
    with time_machine.travel(datetime(2026, 7, 1, 9, tzinfo=BERLIN), tick=False):
        act(senior, case, "open_phase_1")

        response = senior.post(
            f"/api/v1/cases/{case.pk}/extend/",
            {"days": 10, "reason": "Complex structure"},
            format="json",
        )

    # Two months from 1 July: Tuesday 1 September; ten more days: Friday 11 September.
    assert response.json()["phases"][0]["deadline"] == "2026-09-11"


def test_the_timeline_shows_every_change_with_its_actor(filed, senior):
    _, case = filed
    act(senior, case, "open_phase_1")
    senior.post(f"/api/v1/cases/{case.pk}/notes/", {"text": "Called counsel."}, format="json")

    timeline = detail(senior, case)["timeline"]

    assert [(t["action"], t["actor"]) for t in timeline] == [
        ("case.opened", "system (filing events)"),
        ("case.triaged", "system (filing events)"),  # the investor's ownership resolved
        ("case.phase_1", "senior"),
        ("case.note_added", "senior"),
    ]


def test_the_database_itself_refuses_a_decision_approved_by_its_proposer(filed, senior):
    import pytest
    from django.db import IntegrityError

    from reviews.models import Decision

    _, case = filed
    act(senior, case, "open_phase_1")
    act(senior, case, "propose_decision", outcome="cleared", reasons="Fine.")

    with pytest.raises(IntegrityError):
        Decision.objects.filter(case=case).update(reviewed_by=senior.user)


def test_the_case_keeps_its_running_deadline_for_lists(filed, senior):
    _, case = filed
    act(senior, case, "open_phase_1")
    phase = Phase.objects.get(case=case)

    case.refresh_from_db()
    assert case.deadline == phase.deadline is not None
    senior.post(
        f"/api/v1/cases/{case.pk}/information-requests/",
        {"questions": ["Who?"], "response_due": "2099-01-31"},
        format="json",
    )
    case.refresh_from_db()
    assert case.deadline is None  # the clock is stopped


def test_a_yes_no_filter_the_api_cannot_read_is_refused_not_ignored(officer):
    response = officer.get("/api/v1/cases/?has_state_link=maybe")

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "has_state_link"


def test_a_case_filter_given_without_a_value_is_refused(officer):
    response = officer.get("/api/v1/cases/?investor_country=")

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "investor_country"


def test_a_change_that_changes_nothing_leaves_the_case_version(filed, senior):
    from datetime import date

    from core.actors import Actor
    from reviews.services import set_comment_period

    _, case = filed
    actor = Actor.for_user(senior.user)
    set_comment_period(case=case, actor=actor, ends_on=date(2027, 3, 1), reason="notified")
    version = detail(senior, case)["version"]

    # An earlier end changes nothing: the period only ever moves later.
    set_comment_period(case=case, actor=actor, ends_on=date(2027, 2, 1), reason="again")

    assert detail(senior, case)["version"] == version


def test_a_note_raises_the_case_version_so_a_stale_reader_is_told(filed, senior):
    _, case = filed
    version = detail(senior, case)["version"]

    senior.post(f"/api/v1/cases/{case.pk}/notes/", {"text": "Called counsel."}, format="json")

    assert detail(senior, case)["version"] == version + 1
