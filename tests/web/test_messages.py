"""Messages from other nodes on the reviewers' pages: unread on the dashboard until the
reader opens them, each reader for themself, and only for those who may read them."""

import pytest
from django.test import Client

from tests.cooperation.conftest import deliver_to_us, make_peer
from tests.web.test_cooperation_panel import verified_client


@pytest.fixture
def received(db):
    """France's Art. 6 notification, received through the signed inbox."""
    france = make_peer("FR")
    response = deliver_to_us(
        Client(),
        france,
        "notification_art6",
        payload={"summary": "Acquisition of a port operator", "sectors": ["transport"]},
    )
    assert response.status_code == 201, response.content
    from cooperation.models import Message

    return Message.objects.get(direction="inbound")


def dashboard(client):
    return client.get("/review/").content.decode()


def test_a_received_notification_is_unread_on_the_contact_points_dashboard(client, received):
    contact, _ = verified_client(client, "contact_point", name="mail-contact")

    page = dashboard(contact)

    assert 'Unread cross-state messages <span class="count">(1)</span>' in page
    assert "notification_art6 from FR" in page


def test_opening_the_message_shows_its_content(client, received):
    contact, _ = verified_client(client, "contact_point", name="mail-contact")

    page = contact.get(f"/review/messages/{received.message_id}/").content.decode()

    assert "Acquisition of a port operator" in page
    assert "FR-2026-000007 (not linked to a case of this authority)" in page


def test_an_opened_message_is_no_longer_unread_for_its_reader(client, received):
    contact, _ = verified_client(client, "contact_point", name="mail-contact")
    contact.get(f"/review/messages/{received.message_id}/")

    assert "No unread message from other member states" in dashboard(contact)


def test_an_opened_message_stays_unread_for_another_reader(client, received):
    contact, _ = verified_client(client, "contact_point", name="mail-contact")
    contact.get(f"/review/messages/{received.message_id}/")
    senior, _ = verified_client(Client(), "senior_officer", name="mail-senior")

    assert "(1)</span>" in dashboard(senior)


def test_the_mailbox_lists_the_unread_message(client, received):
    contact, _ = verified_client(client, "contact_point", name="mail-contact")

    page = contact.get("/review/messages/?show=unread").content.decode()

    assert f"/review/messages/{received.message_id}/" in page


def test_an_officer_without_the_case_cannot_open_the_message(client, received):
    officer, _ = verified_client(client, "case_officer", name="mail-officer")

    assert officer.get(f"/review/messages/{received.message_id}/").status_code == 404
    assert "No unread message" in dashboard(officer)


def test_a_malformed_message_id_is_not_found(client, received):
    contact, _ = verified_client(client, "contact_point", name="mail-contact")

    assert contact.get("/review/messages/not-a-uuid/").status_code == 404


def test_the_contact_point_comments_on_the_notification_from_its_page(client, received):
    from cooperation.models import Delivery, Message, Peer

    make_peer("EU")
    from cooperation import peers

    peers.create_node_key()
    contact, _ = verified_client(client, "contact_point", name="mail-contact")

    response = contact.post(
        f"/review/messages/{received.message_id}/comment/",
        {"text": "Our port operators use the same cranes.", "confirm": "on"},
        follow=True,
    )

    assert "Comment sent to EU, FR." in response.content.decode()
    comment = Message.objects.get(kind="comment")
    assert comment.in_reply_to == received.message_id
    assert set(Delivery.objects.filter(message=comment).values_list("peer__code", flat=True)) == {
        "FR",
        "EU",
    }
    assert Peer.objects.count() == 2


def test_an_empty_comment_is_refused_with_a_message(client, received):
    contact, _ = verified_client(client, "contact_point", name="mail-contact")

    response = contact.post(
        f"/review/messages/{received.message_id}/comment/", {"text": " "}, follow=True
    )

    assert "Text: Write the comment." in response.content.decode()


def test_a_senior_officer_may_not_comment(client, received):
    senior, _ = verified_client(client, "senior_officer", name="mail-senior")

    response = senior.post(
        f"/review/messages/{received.message_id}/comment/", {"text": "Hm."}, follow=True
    )

    assert "Messages to other nodes go through the contact point." in response.content.decode()


def test_the_mailbox_costs_the_same_queries_for_1_message_as_for_12(client, received):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    contact, _ = verified_client(client, "contact_point", name="mail-contact")
    italy = make_peer("IT")

    def queries():
        from cooperation.models import Message

        with CaptureQueriesContext(connection) as captured:
            page = contact.get("/review/messages/").content.decode()
        # Counted on a page that lists every message, not on an empty or an error page.
        assert all(
            f"/review/messages/{message_id}/" in page
            for message_id in Message.objects.values_list("message_id", flat=True)
        )
        return len(captured)

    few = queries()
    for _ in range(11):
        deliver_to_us(Client(), italy, "notification_art6")
    many = queries()

    assert many == few


def test_only_another_nodes_notification_takes_a_comment(client, received):
    from cooperation import peers
    from cooperation.models import Message

    peers.create_node_key()
    contact, _ = verified_client(client, "contact_point", name="mail-contact")
    contact.post(f"/review/messages/{received.message_id}/comment/", {"text": "First."})
    own_comment = Message.objects.get(kind="comment")

    response = contact.post(
        f"/review/messages/{own_comment.message_id}/comment/", {"text": "Second."}, follow=True
    )

    assert "Comments answer another node&#x27;s notification." in response.content.decode()
    assert Message.objects.filter(kind="comment").count() == 1
