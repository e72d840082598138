"""The case follows the filing: lost events are recovered, ownership re-scores it, and the
investor can see where the review stands."""

from reviews.models import Case
from reviews.tasks import open_missing_cases
from screening.demo import grid_operator_filing
from tests.factories import create_draft
from tests.reviews.conftest import act


def test_a_filing_whose_opening_event_was_lost_gets_its_case_from_the_sweep(investor):
    draft = create_draft(investor)
    investor.post(f"/api/v1/filings/{draft['id']}/submit/")  # on-commit event never runs
    assert not Case.objects.filter(filing_id=draft["id"]).exists()

    opened = open_missing_cases()

    assert opened == 1
    assert Case.objects.get(filing_id=draft["id"]).status == "received"


def test_a_resolved_state_owned_parent_raises_the_case_score(
    investor, senior, django_capture_on_commit_callbacks
):
    draft = create_draft(investor, grid_operator_filing())
    with django_capture_on_commit_callbacks(execute=True):
        investor.post(f"/api/v1/filings/{draft['id']}/submit/")
    case = Case.objects.get(filing_id=draft["id"])

    reasons = senior.get(f"/api/v1/cases/{case.pk}/").json()["risk_reasons"]

    assert case.has_state_link
    assert any(r["detail"].startswith("Controlled by the state of CN") for r in reasons)


def test_the_investor_sees_where_the_review_stands(filed, investor, senior):
    filing_id, case = filed
    act(senior, case, "open_phase_1")

    body = investor.get(f"/api/v1/filings/{filing_id}/review/").json()

    assert (body["reference"], body["status"], body["phase"]) == (
        case.reference,
        "phase_1",
        "Phase 1",
    )
    assert "assignee" not in body


def test_another_investor_cannot_see_the_review(filed, other_investor):
    filing_id, _ = filed

    assert other_investor.get(f"/api/v1/filings/{filing_id}/review/").status_code == 404


def test_a_filing_withdrawn_before_its_case_opened_gets_a_withdrawn_case(investor):
    draft = create_draft(investor)
    investor.post(f"/api/v1/filings/{draft['id']}/submit/")
    investor.post(f"/api/v1/filings/{draft['id']}/withdraw/", {"reason": "Off"}, format="json")

    open_missing_cases()

    assert Case.objects.get(filing_id=draft["id"]).status == "withdrawn"
