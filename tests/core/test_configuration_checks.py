"""The configuration check names the variable to set for each missing essential, and
the HTTPS settings act on requests: plain HTTP redirected (not /healthz), HSTS sent."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from core.checks import configuration_errors, refuse_to_start_misconfigured
from core.proxy import client_address


def error_ids() -> list[str | None]:
    return [error.id for error in configuration_errors()]


def test_a_configured_node_has_no_configuration_error():
    assert error_ids() == []


def test_no_database_is_an_error(settings, monkeypatch):
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "config.database_unset")

    assert error_ids() == ["fdi.E001"]


def test_no_secret_key_is_an_error(settings):
    settings.SECRET_KEY = ""

    assert error_ids() == ["fdi.E002"]


def test_no_broker_is_an_error_unless_tasks_run_eagerly(settings):
    settings.REDIS_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    assert error_ids() == ["fdi.E003"]

    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert error_ids() == []


def test_the_entry_points_refuse_to_start_with_the_errors(settings):
    settings.SECRET_KEY = ""

    with pytest.raises(ImproperlyConfigured) as refused:
        refuse_to_start_misconfigured("web server")

    assert str(refused.value).startswith("The web server will not start:\n  fdi.E002:")


def test_plain_http_is_redirected_to_https_except_the_health_check(settings, db):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()  # built after the setting, so its middleware sees it

    response = client.get("/review/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/review/"
    assert client.get("/healthz").status_code in {200, 503}


def test_https_answers_carry_hsts_for_a_year_with_subdomains_and_preload(client, db):
    response = client.get("/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_behind_the_proxy_the_client_is_the_last_forwarded_address(rf):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.10", REMOTE_ADDR="172.18.0.5")

    assert client_address(request) == "192.0.2.10"  # 6.6.6.6 is only what the client claimed


def test_without_a_forwarded_address_the_client_is_the_peer(rf):
    assert client_address(rf.get("/", REMOTE_ADDR="192.0.2.7")) == "192.0.2.7"


def test_a_command_is_told_what_is_missing_but_not_stopped(settings):
    from django.core import checks

    from core.checks import check_configuration

    settings.SECRET_KEY = ""

    found = check_configuration()

    assert [(message.id, message.level) for message in found] == [("fdi.W002", checks.WARNING)]


def test_the_migrations_check_runs_in_a_bare_environment():
    # As a checkout with nothing configured runs it: no database, key or broker.
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=root,
        env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"},
        capture_output=True,
        text=True,
    )

    assert done.returncode == 0, done.stderr
    assert "No changes detected" in done.stdout
