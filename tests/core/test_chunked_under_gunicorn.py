"""Under gunicorn, a chunked body reaches Django without a Content-Length, and Django
reads such a body as empty: a chunked PATCH answered 200 having changed nothing. Here a
real gunicorn serves the app, and a chunked request is refused with 411 before any view
or database is reached (docs/security.md)."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn():
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "CELERY_TASK_ALWAYS_EAGER": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def chunked(port, method, path, chunks):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(
        method,
        path,
        body=iter(chunks),
        headers={"Content-Type": "application/json", "Authorization": "Bearer fdi_x_y"},
        encode_chunked=True,
    )
    response = connection.getresponse()
    return response.status, json.loads(response.read())


def test_a_chunked_patch_is_refused_with_411_under_gunicorn(gunicorn):
    status, body = chunked(
        gunicorn,
        "PATCH",
        "/api/v1/filings/00000000-0000-0000-0000-000000000000/",
        [b'{"title": ', b'"changed"}'],
    )

    assert status == 411
    assert body["errors"][0]["code"] == "length_required"


def test_a_chunked_post_creates_no_empty_draft_under_gunicorn(gunicorn):
    status, body = chunked(gunicorn, "POST", "/api/v1/filings/", [b"{}"])

    assert (status, body["type"]) == (411, "client_error")
