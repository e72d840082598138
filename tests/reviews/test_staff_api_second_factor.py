"""The staff API asks for the same second factor as the pages: a password-only session
of an authority's officer is refused (docs/security.md)."""

from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from core.models import Membership
from reviews.services import node_authority


def officer_without_second_factor(django_user_model):
    user = django_user_model.objects.create_user("pw-only", password="pw-12345678")
    Membership.objects.create(user=user, organisation=node_authority())
    user.groups.add(Group.objects.get_or_create(name="case_officer")[0])
    client = APIClient()
    client.force_login(user)  # password accepted, TOTP never given
    return client


def test_the_staff_api_refuses_a_session_without_the_second_factor(db, django_user_model):
    client = officer_without_second_factor(django_user_model)

    response = client.get("/api/v1/cases/")

    assert response.status_code == 403
    assert "authenticator code" in response.json()["errors"][0]["detail"]


def test_the_staff_api_answers_a_session_that_passed_the_second_factor(officer, filed):
    _, case = filed

    listed = officer.get("/api/v1/cases/").json()["results"]

    assert [c["reference"] for c in listed] == [case.reference]


def test_the_ownership_resolution_refuses_a_session_without_the_second_factor(
    db, django_user_model
):
    client = officer_without_second_factor(django_user_model)

    response = client.get("/api/v1/ownership/parties/any/resolution/")

    assert response.status_code == 403


def test_the_staff_api_without_any_credentials_answers_401(client, db):
    response = client.get("/api/v1/cases/")

    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "not_authenticated"
