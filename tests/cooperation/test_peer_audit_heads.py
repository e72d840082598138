"""Peers keep each other's audit heads: a node's feed publishes its newest signed head,
and a node that reads a peer's feed keeps the newest one, so a copy of the head lives
outside the peer's database (docs/security.md)."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command

from cooperation import inbox
from cooperation.models import Peer
from core import audit
from core.services import latest_audit_head, sign_audit_head
from tests.cooperation.conftest import make_peer
from tests.cooperation.test_feed import read_feed
from tests.factories import submitted_filing

KEY = Ed25519PrivateKey.generate()
NOON = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def head_of(node, *, entries, at, key=KEY):
    head = audit.Head(
        node=node,
        last_entry_id=entries,
        last_entry_hash="ab" * 32,
        entry_count=entries,
        signed_at=at,
    )
    return audit.sign_head(head, key).as_json()


def kept_count(code):
    kept = Peer.objects.get(code=code).audit_head
    assert kept is not None
    return kept["entry_count"]


def test_the_feed_publishes_this_nodes_newest_signed_audit_head(client, node_key, investor):
    france = make_peer("FR")
    submitted_filing(investor)  # audited changes, so the trail has a head to sign
    sign_audit_head()

    page = read_feed(client, france, "/api/v1/cooperation/feed/?after=0").json()

    assert page["audit_head"] == latest_audit_head()
    assert page["audit_head"]["node"] == "DE"


def test_a_peers_head_is_kept(db):
    france = make_peer("FR")

    kept = inbox.keep_audit_head(Peer.objects.get(code="FR"), head_of("FR", entries=7, at=NOON))

    assert kept is True
    assert kept_count(france.code) == 7


def test_an_older_head_never_replaces_the_newer_one_kept(db):
    make_peer("FR")
    peer = Peer.objects.get(code="FR")
    inbox.keep_audit_head(peer, head_of("FR", entries=9, at=NOON))

    # The peer's trail lost its two newest entries; its feed now offers an older head.
    kept = inbox.keep_audit_head(peer, head_of("FR", entries=7, at=NOON - timedelta(hours=1)))

    assert kept is False
    assert kept_count("FR") == 9


def test_a_head_that_names_another_node_is_not_kept(db):
    make_peer("FR")

    kept = inbox.keep_audit_head(Peer.objects.get(code="FR"), head_of("IT", entries=3, at=NOON))

    assert kept is False
    assert Peer.objects.get(code="FR").audit_head is None


def test_a_head_whose_signature_does_not_hold_is_not_kept(db):
    make_peer("FR")
    forged = head_of("FR", entries=3, at=NOON)
    forged["entry_count"] = 30  # changed after signing

    kept = inbox.keep_audit_head(Peer.objects.get(code="FR"), forged)

    assert kept is False


def test_the_kept_head_is_printed_for_the_peers_operators(db, capsys):
    make_peer("FR")
    inbox.keep_audit_head(Peer.objects.get(code="FR"), head_of("FR", entries=7, at=NOON))

    call_command("peer_audit_head", "fr")

    assert json.loads(capsys.readouterr().out)["entry_count"] == 7


def test_no_kept_head_is_said_plainly(db):
    make_peer("FR")

    with pytest.raises(CommandError, match="No audit head of FR kept yet"):
        call_command("peer_audit_head", "FR")
