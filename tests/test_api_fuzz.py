"""Property-based: no input the OpenAPI schema describes makes the API answer 500.

Schemathesis generates requests for every operation from /api/schema/ and sends them to
the application in-process, on the PostgreSQL test database, as an investor with a real
draft filing (so per-filing operations get past the 404). It found the two classes of
500 fixed in the filing commit history: NUL characters in BODS statements and date
filters PostgreSQL cannot compare.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from config.wsgi import application
from tests.factories import create_draft, make_client

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


def keep_test_connection_open():
    # Requests go through the real WSGI handler, which closes the database connection
    # around each one; inside a test transaction it must stay open, as Django's own test
    # client arranges. Idempotent, so it is done for every generated example.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)


@pytest.fixture(scope="module", autouse=True)
def restore_connection_handling():
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def investor_draft(db):
    keep_test_connection_open()
    client = make_client()
    return client.secret, create_draft(client)["id"]


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_generated_request_makes_the_api_fail(case, investor_draft):
    keep_test_connection_open()
    secret, filing_id = investor_draft
    for name in ("id", "filing_pk"):
        if case.path_parameters and name in case.path_parameters:
            case.path_parameters[name] = filing_id
    case.call_and_validate(
        headers={"Authorization": f"Bearer {secret}"}, checks=[not_a_server_error]
    )
