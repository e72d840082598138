"""The periods of Art. 6 and 7, on hand-counted dates (calendar days)."""

from datetime import date

from cooperation.pure import deadlines


def test_comments_are_due_35_days_after_receipt():
    # Received Tue 3 March 2026: 3 March + 35 days = Tue 7 April.
    periods = deadlines.for_notification(6, date(2026, 3, 3))

    assert periods.comments_by == date(2026, 4, 7)


def test_the_commission_has_5_days_more_for_its_opinion():
    # 7 April + 5 days = 12 April (a Sunday: the Regulation does not move it).
    assert deadlines.for_notification(6, date(2026, 3, 3)).opinion_by == date(2026, 4, 12)


def test_requested_information_opens_20_days_from_its_receipt():
    # Information received 1 April: 1 April + 20 days = 21 April, later than 7 April.
    periods = deadlines.for_notification(
        6, date(2026, 3, 3), information_received_on=date(2026, 4, 1)
    )

    assert periods.comments_by == date(2026, 4, 21)
    assert "Art. 6(6)" in periods.reason


def test_information_received_early_does_not_shorten_the_35_days():
    periods = deadlines.for_notification(
        6, date(2026, 3, 3), information_received_on=date(2026, 3, 5)
    )

    assert periods.comments_by == date(2026, 4, 7)


def test_art_7_comments_end_15_months_after_completion_at_the_latest():
    # Completed 31 January 2025: + 15 months = 30 April 2026 (no 31 April), which comes
    # before 35 days from a receipt on 10 April 2026 (15 May).
    periods = deadlines.for_notification(7, date(2026, 4, 10), completed_on=date(2025, 1, 31))

    assert periods.comments_by == date(2026, 4, 30)
    assert periods.opinion_by == date(2026, 4, 30)


def test_a_comment_or_a_final_decision_opens_no_period():
    assert deadlines.for_kind("comment", date(2026, 3, 3)) == deadlines.Periods()
    assert deadlines.for_kind("final_decision", date(2026, 3, 3)) == deadlines.Periods()


def test_an_art_7_notification_received_counts_from_the_completion_it_gives(client, france):
    from cooperation.models import Message
    from tests.cooperation.conftest import deliver_to_us

    deliver_to_us(
        client,
        france,
        "notification_art7",
        payload={"completion": {"status": "completed", "date": "2025-01-31"}},
    )

    # 15 months after 31 January 2025 is 30 April 2026, before any receipt + 35 days now.
    periods = Message.objects.get().periods
    assert periods["comments_by"] == "2026-04-30"
    assert "Art. 7(8)" in periods["reason"]


def test_only_notifications_open_comment_periods():
    opening = {
        kind
        for kind in (
            "notification_art6",
            "notification_art7",
            "comment",
            "opinion",
            "information_request",
            "reply",
            "final_decision",
            "withdrawal",
        )
        if deadlines.for_kind(kind, date(2026, 3, 3)).comments_by is not None
    }

    assert opening == {"notification_art6", "notification_art7"}
