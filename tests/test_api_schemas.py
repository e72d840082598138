"""Property-based: the three OpenAPI schemas (investor, staff, node) tell the truth.

Schemathesis generates requests for every operation of each schema, valid and invalid,
sends them to the application in-process on the PostgreSQL test database, authenticated
as that schema's audience (an investor's API key; a staff session that passed TOTP, with
its CSRF token; a registered peer signing every body and feed request with its key), and
runs every check it has: no server error, status codes, content types, headers and
bodies as documented, invalid input refused, valid input accepted (schemathesis.toml
says which refusals a valid request may still get, and why).

It found, among others: deep JSON crashing the parser, NUL characters in BODS statements,
date filters PostgreSQL cannot compare, `page_size=null` silently ignored, `"code": null`.
"""

import json
import os
import time
import urllib.parse
import uuid

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from hypothesis import HealthCheck, settings
from schemathesis.core import NotSet

from config.wsgi import application
from cooperation.api import signed_feed_request
from cooperation.pure import signing
from reviews.models import Case
from tests.cooperation.conftest import make_peer
from tests.factories import create_draft, make_client
from tests.reviews.conftest import eager_tasks, make_staff  # noqa: F401 - cases open eagerly

investor_schema = schemathesis.openapi.from_wsgi("/api/schema/investor/?format=json", application)
staff_schema = schemathesis.openapi.from_wsgi("/api/schema/staff/?format=json", application)
node_schema = schemathesis.openapi.from_wsgi("/api/schema/node/?format=json", application)

# CI runs a fixed set of examples (the same on every run, so a red build is reproducible);
# SCHEMA_FUZZ_RANDOM=1 SCHEMA_FUZZ_EXAMPLES=200 explores further from a fresh seed.
EXAMPLES = settings(
    max_examples=int(os.environ.get("SCHEMA_FUZZ_EXAMPLES", "25")),
    derandomize=os.environ.get("SCHEMA_FUZZ_RANDOM") != "1",
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


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


def point_at(case, names, real_id):
    """Send a generated request to a real object, so it gets past the 404: only where
    the generated id is itself valid (a negative case keeps its broken id)."""
    for name in names:
        value = (case.path_parameters or {}).get(name)
        if value is None:
            continue
        try:
            uuid.UUID(str(value))
        except ValueError:
            continue
        case.path_parameters[name] = real_id


@pytest.fixture
def investor_draft(db):
    keep_test_connection_open()
    client = make_client()
    API_KEY["secret"] = client.secret
    return create_draft(client)["id"]


# The credentials of the running test, given to schemathesis as each schema's auth (not
# as plain headers or cookies), so its own checks can also send requests without them,
# or with broken ones, and expect them refused.
API_KEY: dict[str, str] = {}
SIGNED_IN: dict[str, str] = {}


@investor_schema.auth(refresh_interval=None)
class InvestorKey:
    def get(self, case, ctx):
        return API_KEY.get("secret", "")

    def set(self, case, data, ctx):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@investor_schema.parametrize()
@EXAMPLES
def test_the_investor_schema_tells_the_truth(case, investor_draft):
    keep_test_connection_open()
    point_at(case, ("id", "filing_pk", "filing_id"), investor_draft)

    case.call_and_validate(headers={"Host": "localhost"})


@pytest.fixture
def staff_session(db, investor, django_capture_on_commit_callbacks):
    keep_test_connection_open()
    draft = create_draft(investor)
    with django_capture_on_commit_callbacks(execute=True):
        investor.post(f"/api/v1/filings/{draft['id']}/submit/")
    case = Case.objects.get(filing_id=draft["id"])
    staff = make_staff("senior_officer", "case_officer", "contact_point", name="fuzz-senior")
    SIGNED_IN.update(sessionid=staff.cookies["sessionid"].value, csrftoken=_get_new_csrf_string())
    return str(case.pk)


@staff_schema.auth(refresh_interval=None)
class StaffSession:
    def get(self, case, ctx):
        return dict(SIGNED_IN)

    def set(self, case, data, ctx):
        case.cookies = {**(case.cookies or {}), **data}
        case.headers = {**(case.headers or {}), "X-CSRFToken": data.get("csrftoken", "")}


@staff_schema.parametrize()
@EXAMPLES
def test_the_staff_schema_tells_the_truth(case, staff_session):
    keep_test_connection_open()
    point_at(case, ("id",), staff_session)

    case.call_and_validate(headers={"Host": "localhost"})


@pytest.fixture
def peer(db):
    keep_test_connection_open()
    return make_peer("FR")


@node_schema.parametrize()
@EXAMPLES
def test_the_node_schema_tells_the_truth(case, peer):
    """As a registered peer would call: every generated body is signed with the peer's
    key (so it gets past the signature to the checks behind it), every feed request too."""
    keep_test_connection_open()
    headers = {"Host": "localhost", "fdi-node": peer.code}
    body = {}
    if case.method == "POST":
        if isinstance(case.body, NotSet):
            raw = b""
        elif isinstance(case.body, bytes):  # a negative case may send raw bytes
            raw = case.body
        else:
            raw = json.dumps(case.body, default=str).encode()
        headers.update(signing.sign(str(uuid.uuid4()), int(time.time()), raw, [peer.keys.secret]))
        body["data"] = raw
    else:
        query = urllib.parse.urlencode(case.query or {}, doseq=True)
        path = case.formatted_path + (f"?{query}" if query else "")
        headers.update(signed_feed_request(path, [peer.keys.secret]))

    case.call_and_validate(headers=headers, **body)
