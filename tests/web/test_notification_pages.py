"""The Art. 6 notification on the pages (issue 17, defect 10): a draft warns before a
decision and does not read as sent; its content is the filing in words; a failed
delivery says why in words."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from cooperation import outbox
from cooperation.models import Delivery
from tests.web.test_cooperation_panel import verified_client

BERLIN = ZoneInfo("Europe/Berlin")
WARNING = (
    "The notification of this case to the other member states and the Commission is still a draft"
)


def test_the_case_page_warns_that_the_notification_is_still_a_draft(client, notified_case):
    senior, _ = verified_client(client, "senior_officer", name="np-senior")

    page = senior.get(f"/review/cases/{notified_case.pk}/").content.decode()

    assert WARNING in page


def test_once_sent_the_warning_is_gone(client, notified_case):
    contact, _ = verified_client(client, "contact_point", "senior_officer", name="np-contact")
    draft = notified_case.messages.get()
    contact.post(
        f"/review/cases/{notified_case.pk}/cooperation/",
        {"action": "send_draft", "message": draft.message_id, "confirm": "on"},
    )

    page = contact.get(f"/review/cases/{notified_case.pk}/").content.decode()

    assert WARNING not in page


def test_a_draft_says_it_is_not_sent_rather_than_when_it_was(client, notified_case):
    contact, _ = verified_client(client, "contact_point", name="np-contact2")
    draft = notified_case.messages.get()

    page = contact.get(f"/review/messages/{draft.message_id}/").content.decode()

    assert "Not sent yet: the contact point sends it from the case page" in page
    assert "<dt>Sent</dt>" not in page


def test_the_notification_shows_the_filing_in_words_with_the_statements_folded(
    client, notified_case
):
    contact, _ = verified_client(client, "contact_point", name="np-contact3")
    draft = notified_case.messages.get()

    page = contact.get(f"/review/messages/{draft.message_id}/").content.decode()

    assert (
        "<dt>Funding</dt><dd>Own funds: 25,000,000 EUR, from Far East Holdings Ltd, CN</dd>" in page
    )
    assert '"statementId"' not in page  # no raw JSON


def test_a_delivery_that_failed_says_why_in_words_and_when_it_is_tried_again(client, notified_case):
    contact, _ = verified_client(client, "contact_point", name="np-contact4")
    draft = notified_case.messages.get()
    contact.post(
        f"/review/cases/{notified_case.pk}/cooperation/",
        {"action": "send_draft", "message": draft.message_id, "confirm": "on"},
    )
    delivery = Delivery.objects.get(message=draft)
    outbox.deliver(delivery.pk, timeout=1)  # FR's address: nothing listens there

    page = contact.get(f"/review/messages/{draft.message_id}/").content.decode()

    assert "Nothing answered at FR&#x27;s address (http://127.0.0.1:9)" in page
    assert "Next try: " in page


def test_a_sent_notification_shows_the_periods_it_opened(client, notified_case, settings):
    settings.SESSION_COOKIE_AGE = 365 * 24 * 3600  # signed in now, reading in March 2027
    contact, _ = verified_client(client, "contact_point", name="np-contact5")
    draft = notified_case.messages.get()
    with time_machine.travel(datetime(2027, 3, 1, 10, tzinfo=BERLIN), tick=False):
        contact.post(
            f"/review/cases/{notified_case.pk}/cooperation/",
            {"action": "send_draft", "message": draft.message_id, "confirm": "on"},
        )

        page = contact.get(f"/review/cases/{notified_case.pk}/").content.decode()

    # Sent Monday 1 March 2027. Art. 6(2) of 2019/452: comments within 35 days, by
    # 5 April; Art. 6(3): the Commission's opinion 5 days later, by 10 April.
    assert "comments by 2027-04-05<br>opinion by 2027-04-10" in page
