"""Log lines carry the time, the level and the request's id; the id is answered in
X-Request-ID so a caller can quote it (core/logs.py)."""

import json
import logging

from core.logs import JsonFormatter, RequestIdFilter, current_request_id


def test_every_answer_names_its_request(client, db):
    response = client.get("/healthz")

    assert len(response["X-Request-ID"]) == 36  # a new UUID


def test_a_sensible_request_id_from_the_caller_is_kept(client, db):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-5f2c9a1e")

    assert response["X-Request-ID"] == "proxy-5f2c9a1e"


def test_a_request_id_that_could_forge_log_lines_is_replaced(client, db):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="x\nERROR forged line")

    assert response["X-Request-ID"] != "x\nERROR forged line"


def test_a_json_log_line_has_time_level_and_request_id():
    token = current_request_id.set("proxy-5f2c9a1e")
    try:
        record = logging.LogRecord(
            "fdi", logging.WARNING, __file__, 1, "Peer %s down", ("FR",), None
        )
        RequestIdFilter().filter(record)
        line = json.loads(JsonFormatter().format(record))
    finally:
        current_request_id.reset(token)

    assert line["level"] == "WARNING"
    assert line["request_id"] == "proxy-5f2c9a1e"
    assert line["message"] == "Peer FR down"
    assert line["time"].endswith("+00:00")
