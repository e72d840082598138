import pytest

from tests.factories import make_client


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def investor(db):
    """An API client authenticated as a fresh investor organisation."""
    return make_client()


@pytest.fixture
def other_investor(db):
    return make_client()


@pytest.fixture(scope="session", autouse=True)
def on_postgresql(django_db_setup, django_db_blocker):
    """The suite is about real behaviour: row locks, constraints, JSON on PostgreSQL."""
    import os

    from django.db import connection

    if connection.vendor != "postgresql" and not os.environ.get("ALLOW_SQLITE_TESTS"):
        pytest.exit(
            "Tests run on PostgreSQL: set DATABASE_URL (scripts/test.sh does).", returncode=2
        )
