"""The pull feed: a peer that was down reads what was sent to it since its cursor."""

from xml.etree import ElementTree

from cooperation import outbox
from cooperation.api import signed_feed_request
from cooperation.pure import signing
from core.actors import Actor
from tests.cooperation.conftest import make_peer


def send(addressees):
    return outbox.send_message(
        kind="notification_art6",
        addressees=addressees,
        case_reference="DE-2026-000001",
        title="Notification",
        payload={},
        actor=Actor.system("test"),
    )


def read_feed(client, node, path):
    headers = signed_feed_request(path, [node.keys.secret])
    wsgi = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    return client.get(path, HTTP_FDI_NODE=node.code, **wsgi)


def test_a_peer_reads_only_what_was_sent_to_it_after_its_cursor(client, node_key):
    france, austria = make_peer("FR"), make_peer("AT")
    first = send(["FR", "AT"])
    send(["AT"])
    third = send(["FR"])

    page = read_feed(client, france, "/api/v1/cooperation/feed/?after=0").json()
    later = read_feed(client, france, f"/api/v1/cooperation/feed/?after={first.id}").json()

    assert [e["cursor"] for e in page["entries"]] == [first.id, third.id]
    assert [e["cursor"] for e in later["entries"]] == [third.id]
    assert austria.code == "AT"


def test_each_entry_carries_a_signature_the_reader_can_check(client, node_key):
    france = make_peer("FR")
    message = send(["FR"])

    entry = read_feed(client, france, "/api/v1/cooperation/feed/?after=0").json()["entries"][0]

    body = entry["body"].encode()
    assert signing.verify(entry["headers"], body, [node_key.public_key]) == str(message.message_id)


def test_an_unsigned_feed_request_is_refused(client, node_key):
    make_peer("FR")

    response = client.get("/api/v1/cooperation/feed/?after=0", HTTP_FDI_NODE="FR")

    assert response.status_code == 400


def test_a_request_signed_by_another_key_is_refused(client, node_key):
    france = make_peer("FR")
    france.keys = signing.new_key_pair()

    response = read_feed(client, france, "/api/v1/cooperation/feed/?after=0")

    assert response.status_code == 401


def test_the_feed_is_also_atom(client, node_key):
    france = make_peer("FR")
    message = send(["FR"])

    response = read_feed(client, france, "/api/v1/cooperation/feed/?after=0&as=atom")

    feed = ElementTree.fromstring(response.content)
    ids = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}id")]
    assert response["Content-Type"] == "application/atom+xml"
    assert f"urn:uuid:{message.message_id}" in ids
