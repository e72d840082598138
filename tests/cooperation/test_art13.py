"""Investments not notified (Art. 13 of Regulation (EU) 2026/1386, docs/cooperation.md
§15): the query until 15 months after completion, the host's information or refusal,
and the comment period of 20 days from the information (the Commission 10 more)."""

from datetime import date

import pytest

from cooperation import art13
from cooperation.models import Message
from core.actors import Actor
from core.errors import DomainError
from tests.cooperation.conftest import deliver_to_us, make_peer, on
from tests.reviews.conftest import make_staff

pytestmark = pytest.mark.django_db

NEW = "eu-2026-1386"


def contact():
    return make_staff("contact_point")


def ask_from_page(client, completed_on="2027-06-30", **more):
    return client.post(
        "/review/messages/not-notified/",
        {
            "host": "FR",
            "title": "Acquisition of Réseau Ouest SA",
            "investor_name": "Huaxin Power Co., Ltd.",
            "investor_country": "CN",
            "target_name": "Réseau Ouest SA",
            "target_country": "FR",
            "completed_on": completed_on,
            "information_request": "Who controls the buyer?",
            **more,
        },
    )


def test_the_query_goes_to_the_host_and_the_commission(world):
    with on(3, 1):
        response = ask_from_page(contact())

    assert response.status_code == 302
    sent = Message.objects.get(kind="not_notified_query")
    assert (sent.addressees, sent.regulation) == (["EU", "FR"], NEW)


def test_no_query_more_than_15_months_after_completion(world):
    # Completed 30 June 2027 + 15 months = 30 September 2028 (a Saturday: Monday
    # 2 October 2028, Art. 3(4) of 1182/71); asked on 3 October 2028.
    with on(10, 3):
        page = ask_from_page(contact()).content.decode()

    assert "it could be asked about until 2028-10-02 (Art. 13)" in page
    assert not Message.objects.filter(kind="not_notified_query").exists()


def test_a_refused_query_keeps_what_was_typed(world):
    with on(3, 1):
        response = ask_from_page(contact(), target_name="")

    assert response.status_code == 400
    assert 'value="Huaxin Power Co., Ltd."' in response.content.decode()


def query_from_france(client, france):
    deliver_to_us(
        client,
        france,
        "not_notified_query",
        regulation=NEW,
        case_reference="FR-ART13-0A1B2C3D",
        payload={"information_request": "Who controls the buyer?"},
    )
    return Message.objects.get(kind="not_notified_query")


def test_the_host_answers_and_the_query_is_answered_once(client, world):
    france, _ = world
    with on(3, 1):
        query = query_from_france(client, france)
        actor = Actor.for_user(contact().user)
        sent = art13.answer(query=query, information="SASAC, through Huaxin.", actor=actor)
        with pytest.raises(DomainError) as again:
            art13.refuse_to_screen(query=query, explanation="Not ours.", actor=actor)

    assert (sent.kind, sent.addressees) == ("reply", ["EU", "FR"])
    assert again.value.code == "already_sent"


def test_the_information_opens_20_days_for_comments_and_30_for_the_opinion(client, world):
    france, _ = world
    with on(3, 1):
        ask_from_page(contact())
    query = Message.objects.get(kind="not_notified_query")
    with on(3, 10):
        deliver_to_us(
            client,
            france,
            "reply",
            regulation=NEW,
            case_reference=query.case_reference,
            in_reply_to=query.message_id,
            payload={"information": "SASAC controls it."},
        )
    query.refresh_from_db()

    # Information on Friday 10 March 2028: comments within 20 days, Thursday 30 March;
    # the Commission 10 days more, Sunday 9 April -> Monday 10 April (Art. 13(8)).
    assert (query.periods["comments_by"], query.periods["opinion_by"]) == (
        "2028-03-30",
        "2028-04-10",
    )


def test_a_comment_waits_for_the_information(world):
    with on(3, 1):
        ask_from_page(contact())
        query = Message.objects.get(kind="not_notified_query")
        with pytest.raises(DomainError) as refused:
            art13.comment(query=query, text="Concerns", actor=Actor.for_user(contact().user))

    assert refused.value.code == "no_information"


def test_the_host_may_refuse_to_screen_with_its_reasons(client, world):
    france, _ = world
    with on(3, 1):
        query = query_from_france(client, france)
        page = contact().post(
            f"/review/messages/{query.message_id}/art13/",
            {"action": "refuse", "text": "A portfolio investment: 2 % without any rights."},
            follow=True,
        )

    refusal = Message.objects.get(kind="refusal_to_screen")
    assert refusal.payload == {"explanation": "A portfolio investment: 2 % without any rights."}
    assert "Refusal to screen (Art. 13) sent to EU, FR." in page.content.decode()


def test_the_window_ends_15_months_after_completion():
    # 31 October 2026 + 15 months = 31 January 2028, a Monday.
    assert art13.window_ends(date(2026, 10, 31)) == date(2028, 1, 31)


def test_the_commission_cannot_answer_a_query_for_the_host(client, settings, db, node_key):
    settings.NODE_CODE = "EU"
    with on(3, 1):
        france = make_peer("FR")
        make_peer("DE")
        deliver_to_us(
            client,
            france,
            "not_notified_query",
            addressees=["DE", "EU"],
            regulation=NEW,
            case_reference="FR-ART13-0A1B2C3D",
            payload={"information_request": "Who controls the buyer?"},
        )
        query = Message.objects.get(kind="not_notified_query")
        with pytest.raises(DomainError) as refused:
            art13.answer(query=query, information="x", actor=Actor.for_user(contact().user))

    assert refused.value.code == "not_the_host"
