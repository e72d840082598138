"""Staff of the node's authority, and a case opened by a filing."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from config.celery import app as celery_app
from core.models import Membership
from reviews.models import Case
from reviews.services import node_authority
from tests.factories import create_draft

_users = itertools.count(1)


@pytest.fixture(autouse=True)
def eager_tasks():
    """Tasks run in the test's process and transaction: the case opens as the filing's
    commit callbacks run (a real worker is exercised in tests/core/test_health.py)."""
    was = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = was  # as it was, not "off"


class StaffClient(APIClient):
    user: User


def make_staff(*groups: str, name: str | None = None) -> StaffClient:
    user = User.objects.create_user(
        name or f"staff{next(_users)}", email=f"{name or 'staff'}@authority.example"
    )
    Membership.objects.create(user=user, organisation=node_authority())
    user.groups.set([Group.objects.get_or_create(name=group)[0] for group in groups])
    client = StaffClient()
    sign_in_verified(client, user)
    client.user = user
    return client


def sign_in_verified(client, user):
    """Sign `user` in on `client` as the sign-in page does: password and TOTP passed."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="phone", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


@pytest.fixture
def officer(db):
    return make_staff("case_officer", name="officer")


@pytest.fixture
def other_officer(db):
    return make_staff("case_officer", name="officer2")


@pytest.fixture
def senior(db):
    return make_staff("senior_officer", "case_officer", name="senior")


@pytest.fixture
def other_senior(db):
    return make_staff("senior_officer", "case_officer", name="senior2")


@pytest.fixture
def filed(investor, django_capture_on_commit_callbacks):
    """A submitted filing and the case it opened: (filing id, case)."""
    draft = create_draft(investor)
    with django_capture_on_commit_callbacks(execute=True):
        response = investor.post(f"/api/v1/filings/{draft['id']}/submit/")
    assert response.status_code == 201, response.json()
    return draft["id"], Case.objects.get(filing_id=draft["id"])


@pytest.fixture
def file(django_capture_on_commit_callbacks):
    """Submit a filing as an investor client and return the case it opened."""

    def submit(investor, content=None):
        draft = create_draft(investor, content)
        with django_capture_on_commit_callbacks(execute=True):
            response = investor.post(f"/api/v1/filings/{draft['id']}/submit/")
        assert response.status_code == 201, response.json()
        return Case.objects.get(filing_id=draft["id"])

    return submit


def act(client, case, transition, **body):
    return client.post(
        f"/api/v1/cases/{case.pk}/transition/", {"transition": transition, **body}, format="json"
    )


def assign(client, case, username):
    return client.post(f"/api/v1/cases/{case.pk}/assign/", {"assignee": username}, format="json")


def cleared_with_condition(proposer, approver, case, *, due_date="2027-01-31"):
    """Phase 1, a conditional clearance proposed and approved; the decided case's body."""
    act(proposer, case, "open_phase_1")
    act(
        proposer,
        case,
        "propose_decision",
        outcome="cleared_with_conditions",
        reasons="Mitigated by a security officer.",
        conditions=[
            {
                "description": "Appoint a security officer",
                "owner": "Target GmbH",
                "due_date": due_date,
            }
        ],
    )
    return act(approver, case, "approve_decision").json()
