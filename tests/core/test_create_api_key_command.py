import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from core.models import Organisation


def test_the_command_creates_an_organisation_and_a_working_key(db, capsys):
    call_command("create_api_key", "Nordic Capital Oy", "--country", "FI", "--name", "ci")

    secret = capsys.readouterr().out.strip().splitlines()[-1]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/v1/whoami/").json()["organisation"] == "Nordic Capital Oy"


def test_the_command_refuses_an_unknown_organisation_without_a_country(db):
    with pytest.raises(CommandError):
        call_command("create_api_key", "Nobody Ltd")

    assert not Organisation.objects.exists()
