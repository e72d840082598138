"""Staff sign in with a password and a TOTP code; failures lock the account out."""

import pytest
from django.contrib.auth.models import User
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import Membership
from reviews.services import node_authority


@pytest.fixture
def staff(db):
    user = User.objects.create_user("anna", password="a-long-password-2026", is_staff=True)
    Membership.objects.create(user=user, organisation=node_authority())
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


def code(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def sign_in(client, password="a-long-password-2026", token="000000"):
    return client.post(
        "/accounts/login/", {"username": "anna", "password": password, "code": token}
    )


def test_password_and_code_sign_in_and_verify_the_session(client, staff):
    _, device = staff

    response = sign_in(client, token=code(device))

    assert (response.status_code, response["Location"]) == (302, "/review/")
    dashboard = client.get("/review/")
    assert dashboard.status_code == 200
    assert "<h1>Dashboard</h1>" in dashboard.content.decode()
    assert dashboard.wsgi_request.user.is_verified()


def test_a_right_password_with_a_wrong_code_is_refused(client, staff):
    response = sign_in(client, token="123456" if code(staff[1]) != "123456" else "654321")

    assert response.status_code == 200
    assert "The user name, password or code is not right." in response.content.decode()


def test_five_failures_lock_the_account_even_with_the_right_code_after(client, staff):
    for _ in range(5):
        sign_in(client, password="wrong")

    response = sign_in(client, token=code(staff[1]))

    assert response.status_code == 403
    assert "locked for 15 minutes" in response.content.decode()


def test_an_investor_account_cannot_sign_in_to_the_staff_pages(client, staff):
    from tests.factories import make_organisation

    user, device = staff
    Membership.objects.filter(user=user).update(organisation=make_organisation())

    response = sign_in(client, token=code(device))

    # The form again, with its error, and no session: the staff pages still ask to sign in.
    assert "The user name, password or code is not right." in response.content.decode()
    assert client.get("/review/").get("Location", "").startswith("/accounts/login/")


def test_the_administration_signs_in_through_the_same_form(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/accounts/login/")


def test_pages_carry_a_content_security_policy_without_inline_scripts(client):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
