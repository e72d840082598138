"""A submitted filing's ownership is imported and resolved, and raises review flags."""

from datetime import timedelta

import pytest
from django.utils import timezone

from config.celery import app as celery_app
from ownership.models import Party
from screening.assessment import assess, stale_assessments
from screening.demo import grid_operator_filing
from screening.models import OwnershipAssessment
from screening.tasks import sweep_ownership_assessments
from tests.factories import create_draft


@pytest.fixture
def eager_tasks():
    """Tasks run in the test's process and transaction (the worker path is tested with a
    real worker in tests/core/test_health.py)."""
    was = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = was  # as it was, not "off"


def submit(client, content=None, capture=None):
    draft = create_draft(client, content)
    with capture(execute=True):
        client.post(f"/api/v1/filings/{draft['id']}/submit/")
    return OwnershipAssessment.objects.get(version__filing_id=draft["id"])


def test_a_state_owned_parent_in_a_third_country_is_flagged(
    investor, eager_tasks, django_capture_on_commit_callbacks
):
    assessment = submit(investor, grid_operator_filing(), django_capture_on_commit_callbacks)

    assert assessment.status == "done"
    codes = [flag["code"] for flag in assessment.flags]
    assert codes == ["third_country_state_link", "declared_unknown_owner"]
    link = assessment.result["state_links"][0]
    # SASAC (a state body) holds 60 % of the group, which holds all of the investor.
    assert (link["country"], link["ownership"]["min"], link["control"]) == ("CN", 60.0, True)


def test_a_filing_with_private_owners_raises_no_flag(
    investor, eager_tasks, django_capture_on_commit_callbacks
):
    assessment = submit(investor, capture=django_capture_on_commit_callbacks)

    assert (assessment.status, assessment.flags) == ("done", [])
    owners = [o["record_id"] for o in assessment.result["ultimate_owners"]]
    assert owners == ["owner"]  # the filer's own recordId, not the stored namespaced one


def test_the_statements_are_stored_under_the_filing_so_filers_cannot_collide(
    investor, other_investor, eager_tasks, django_capture_on_commit_callbacks
):
    submit(investor, capture=django_capture_on_commit_callbacks)
    submit(other_investor, capture=django_capture_on_commit_callbacks)

    # Both filings call their investor "investor": two records, one per filing.
    assert Party.objects.filter(record_id__endswith="/investor").count() == 2


def test_assessing_twice_changes_nothing(investor, eager_tasks, django_capture_on_commit_callbacks):
    assessment = submit(investor, grid_operator_filing(), django_capture_on_commit_callbacks)

    again = assess(assessment.pk)

    assert (again.computed_at, again.flags) == (assessment.computed_at, assessment.flags)


def test_the_assessment_exists_even_when_no_task_has_run(investor):
    # Without the on-commit task (as if the broker were down), the pending row is there.
    draft = create_draft(investor)
    investor.post(f"/api/v1/filings/{draft['id']}/submit/")

    assert OwnershipAssessment.objects.get().status == "pending"


def test_the_sweep_assesses_pending_assessments_whose_task_was_lost(investor, eager_tasks):
    draft = create_draft(investor, grid_operator_filing())
    investor.post(f"/api/v1/filings/{draft['id']}/submit/")  # on-commit task never runs here
    OwnershipAssessment.objects.update(created_at=timezone.now() - timedelta(hours=1))
    assert len(stale_assessments()) == 1

    sweep_ownership_assessments()

    assert OwnershipAssessment.objects.get().status == "done"


def test_staff_can_resolve_a_filings_investor_by_its_stored_record_id(
    investor, eager_tasks, django_capture_on_commit_callbacks, django_user_model, client
):
    from tests.ownership.test_resolution_api import staff

    assessment = submit(investor, grid_operator_filing(), django_capture_on_commit_callbacks)
    record_id = f"filing:{assessment.version.filing_id}/hk-huaxin-power"

    response = staff(django_user_model, client).get(
        f"/api/v1/ownership/parties/{record_id}/resolution/"
    )

    assert response.status_code == 200
    assert response.json()["state_links"][0]["country"] == "CN"


def test_an_assessment_that_cannot_resolve_the_investor_fails_with_the_reason(investor):
    # A version whose investor points at no statement (the API refuses such content; a
    # version written before a rule changed could still hold it).
    from screening.models import FilingVersion

    content = grid_operator_filing()
    draft = create_draft(investor, content)
    investor.post(f"/api/v1/filings/{draft['id']}/submit/")
    version = FilingVersion.objects.get(filing_id=draft["id"])
    FilingVersion.objects.filter(pk=version.pk).update(
        content={**version.content, "investor": {**content["investor"], "bods_record_id": "gone"}}
    )

    result = assess(OwnershipAssessment.objects.get(version=version).pk)

    assert (result.status, result.error) == (
        "failed",
        "The investor's record 'gone' is not in the filing.",
    )
    # Failed, not pending: the sweep leaves it alone however old it gets.
    OwnershipAssessment.objects.update(created_at=timezone.now() - timedelta(hours=1))
    assert stale_assessments() == []
