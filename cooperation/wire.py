"""The wire format of the cooperation mechanism: who this node is, which node may send
which kind (Art. 6 and 7), and a message as a signed CloudEvents 1.0 JSON event (Standard
Webhooks `v1a`, docs/cooperation.md)."""

from __future__ import annotations

import json
import time
from typing import Any

from django.conf import settings

from cooperation.models import Kind, Message
from cooperation.peers import signing_secrets
from cooperation.pure import signing
from core.pure.regulations import Regulation

COMMISSION = "EU"
SOURCE_PREFIX = "urn:fdi-node:"
TYPE_PREFIX = "eu.europa.fdi."
INBOX_PATH = "/api/v1/cooperation/messages/"
RELAY_PATH = "/api/v1/cooperation/relay/"
# A hub relays a message with its sender's own signature in these headers, beside its
# own fresh signature (docs/cooperation.md §13).
ORIGIN_SIGNATURE = "fdi-origin-signature"
ORIGIN_TIMESTAMP = "fdi-origin-timestamp"
# How old the sender's signature on a relayed message may be: the hub retries a node
# that is down for as long as it takes, within reason.
RELAY_TOLERANCE_SECONDS = 90 * 24 * 3600
FEED_PATH = "/api/v1/cooperation/feed/"
# Art. 6(2) of 2019/452, Art. 10 of 2026/1386: the Commission sees what member states ask
# and say to each other.
SEEN_BY_THE_COMMISSION = {
    Kind.COMMENT,
    Kind.INFORMATION_REQUEST,
    Kind.INTENT_TO_COMMENT,
    Kind.EXTENSION_REQUEST,
    Kind.MEETING_REQUEST,
}
MEMBER_STATES_ONLY = {
    Kind.NOTIFICATION_ART6,
    Kind.COMMENT,
    Kind.FINAL_DECISION,
    Kind.WITHDRAWAL,
    # 2026/1386: the notifying member state's own messages (Art. 5, 10, 11, 12).
    Kind.NOTIFICATION,
    Kind.ADDITIONAL_INFORMATION,
    Kind.EXTENSION,
    Kind.EMERGENCY_NOTICE,
    Kind.DECISION_REPORT,
    Kind.DATABASE_RECORD,
    Kind.DATABASE_QUERY,
    Kind.REFUSAL_TO_SCREEN,
    Kind.COORDINATION,
    Kind.PENALTY_REPORT,
}
# Only the Commission, which keeps the database, answers queries of it (Art. 18(8)).
COMMISSION_ONLY = {Kind.OPINION, Kind.DATABASE_ANSWER}
# Kinds that exist only in the cooperation mechanism of 2026/1386.
KINDS_2026_1386 = {
    Kind.NOTIFICATION,
    Kind.INTENT_TO_COMMENT,
    Kind.ADDITIONAL_INFORMATION,
    Kind.EXTENSION,
    Kind.EMERGENCY_NOTICE,
    Kind.MEETING_REQUEST,
    Kind.DECISION_REPORT,
    Kind.DATABASE_RECORD,
    Kind.DATABASE_QUERY,
    Kind.DATABASE_ANSWER,
    Kind.NOT_NOTIFIED_QUERY,
    Kind.REFUSAL_TO_SCREEN,
    Kind.COORDINATION,
    Kind.EXTENSION_REQUEST,
    Kind.PENALTY_REPORT,
}


def node_code() -> str:
    return settings.NODE_CODE


def may_send(sender: str, kind: str) -> bool:
    """Art. 6 and 7: only the Commission gives opinions; only member states notify,
    comment and decide."""
    if kind in COMMISSION_ONLY:
        return sender == COMMISSION
    if kind in MEMBER_STATES_ONLY:
        return sender != COMMISSION
    return kind in Kind.values


def envelope(message: Message) -> str:
    """The CloudEvents 1.0 JSON envelope, serialised once: these bytes are signed."""
    event: dict[str, Any] = {
        "specversion": "1.0",
        "id": str(message.message_id),
        "source": f"{SOURCE_PREFIX}{message.sender}",
        "type": f"{TYPE_PREFIX}{message.kind}",
        "time": message.sent_at.isoformat(),
        "subject": message.case_reference,
        "datacontenttype": "application/json",
        "data": {
            "addressees": message.addressees,
            "classification": message.classification,
            "case_reference": message.case_reference,
            "in_reply_to": str(message.in_reply_to) if message.in_reply_to else None,
            "title": message.title,
            "payload": message.payload,
        },
    }
    if message.regulation != Regulation.EU_2019_452:
        event["data"]["regulation"] = message.regulation
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def signed_headers(message_id: str, body: bytes) -> dict[str, str]:
    return signing.sign(message_id, int(time.time()), body, signing_secrets())
