"""Higher layers learn of submissions through signals sent after the commit."""

import pytest

from screening.signals import filing_submitted, filing_withdrawn
from tests.factories import create_draft, submitted_filing


@pytest.fixture
def received():
    events = []

    def receiver(sender, filing, version, **kwargs):
        events.append((filing.reference, version.number if version else None))

    filing_submitted.connect(receiver)
    filing_withdrawn.connect(receiver)
    yield events
    filing_submitted.disconnect(receiver)
    filing_withdrawn.disconnect(receiver)


def test_a_submission_is_announced_once_committed(
    investor, received, django_capture_on_commit_callbacks
):
    draft = create_draft(investor)

    with django_capture_on_commit_callbacks(execute=True):
        response = investor.post(f"/api/v1/filings/{draft['id']}/submit/")

    assert received == [(response.json()["filing"]["reference"], 1)]


def test_a_refused_submission_is_not_announced(
    investor, received, django_capture_on_commit_callbacks
):
    draft = create_draft(investor, {"title": "incomplete"})

    with django_capture_on_commit_callbacks(execute=True):
        investor.post(f"/api/v1/filings/{draft['id']}/submit/")

    assert received == []


def test_a_withdrawal_is_announced(investor, received, django_capture_on_commit_callbacks):
    filing = submitted_filing(investor)["filing"]

    with django_capture_on_commit_callbacks(execute=True):
        investor.post(f"/api/v1/filings/{filing['id']}/withdraw/", {"reason": "r"}, format="json")

    assert received[-1] == (filing["reference"], None)
