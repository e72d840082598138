"""Fuzz: hostile JSON bodies (deep nesting, huge numbers, long strings, NaN, bad UTF-8)
get a 4xx in the error shape from every endpoint that reads JSON, and the parser itself
never raises anything but its own error (docs/security.md)."""

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.pure import jsonbody
from tests.factories import create_draft, submitted_filing


def nested(depth: int, opener: str) -> str:
    closer = {"[": "]", '{"a": ': "}"}[opener]
    return opener * depth + "1" + closer * depth


hostile = st.one_of(
    st.integers(65, 3000).map(lambda depth: nested(depth, "[")),
    st.integers(65, 3000).map(lambda depth: nested(depth, '{"a": ')),
    st.integers(4301, 20000).map(lambda digits: '{"title": ' + "7" * digits + "}"),
    st.integers(309, 99999).map(lambda exponent: f'{{"value": {{"amount": 1e{exponent}}}}}'),
    st.sampled_from(["NaN", "Infinity", "-Infinity"]).map(lambda c: f'{{"title": {c}}}'),
    st.integers(1, 200).map(lambda n: '{"title": "' + "\\ud800" * n + '"}'),
    st.binary(min_size=1, max_size=64).map(lambda junk: "\xff" + junk.hex()),
)
long_strings = st.integers(100_000, 2_000_000).map(lambda n: '{"title": "' + "x" * n + '"}')

FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@given(body=st.one_of(hostile, long_strings, st.text(max_size=300)))
@settings(max_examples=300, deadline=None)
def test_the_parser_raises_only_its_own_error(body):
    with contextlib.suppress(jsonbody.JsonBodyError):
        jsonbody.loads(body.encode("utf-8", "surrogatepass"))


def endpoints(client):
    draft = create_draft(client)["id"]
    submitted = submitted_filing(client)["filing"]["id"]
    return [
        ("post", "/api/v1/filings/"),
        ("patch", f"/api/v1/filings/{draft}/"),
        ("put", f"/api/v1/filings/{draft}/"),
        ("post", f"/api/v1/filings/{submitted}/amend/"),
        ("post", f"/api/v1/filings/{submitted}/withdraw/"),
        ("post", "/api/v1/api-keys/"),
        ("post", "/api/v1/cooperation/messages/"),
    ]


@pytest.fixture
def targets(investor):
    return investor, endpoints(investor)


@given(body=st.one_of(hostile, long_strings))
@FUZZ
def test_hostile_json_gets_a_4xx_from_every_endpoint(targets, body):
    client, paths = targets
    for method, path in paths:
        response = getattr(client, method)(
            path, data=body.encode("utf-8", "surrogatepass"), content_type="application/json"
        )

        assert 400 <= response.status_code < 500, (path, response.status_code)
        errors = response.json()["errors"]
        assert errors and all(error["code"] and error["detail"] for error in errors)
