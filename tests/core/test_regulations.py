"""Which regulation governs a case (Art. 30 of 2026/1386), and the periods each regime
starts from an event, on hand-computed dates (German public holidays)."""

from datetime import date

import holidays

from core.pure.days import Unit, WorkingCalendar
from core.pure.regulations import (
    Event,
    National,
    Regulation,
    applicable,
    national_problems,
    periods,
)

GERMANY = WorkingCalendar(holidays=holidays.country_holidays("DE", years=range(2026, 2034)))
NATIONAL = {
    "phase_1": National(2, Unit.MONTHS),
    "phase_2": National(4, Unit.MONTHS),
    "hearing": National(14, Unit.CALENDAR_DAYS),
    "own_initiative": National(60, Unit.MONTHS),
    "own_initiative_not_filed": National(24, Unit.MONTHS),
}
APPLIES_FROM = date(2028, 1, 17)


def _due(regulation, event, day):
    return {d.period.key: d.last_day for d in periods(regulation, event, day, GERMANY, NATIONAL)}


def test_a_screening_begun_the_day_before_the_new_regulation_applies_stays_under_2019_452():
    choice = applicable(
        screening_starts_on=date(2028, 1, 16), completed_on=None, applies_from=APPLIES_FROM
    )

    assert choice.regulation is Regulation.EU_2019_452


def test_a_screening_begun_on_the_day_the_new_regulation_applies_falls_under_it():
    choice = applicable(
        screening_starts_on=date(2028, 1, 17), completed_on=None, applies_from=APPLIES_FROM
    )

    assert choice.regulation is Regulation.EU_2026_1386


def test_an_investment_completed_before_the_day_stays_under_2019_452_when_screened_later():
    # Called in on 1 March 2028, completed on 16 January 2028: "completed by then".
    choice = applicable(
        screening_starts_on=date(2028, 3, 1),
        completed_on=date(2028, 1, 16),
        applies_from=APPLIES_FROM,
    )

    assert choice.regulation is Regulation.EU_2019_452
    assert "completed on 2028-01-16" in choice.reason


def test_an_investment_completed_on_the_day_falls_under_2026_1386():
    choice = applicable(
        screening_starts_on=date(2028, 3, 1),
        completed_on=date(2028, 1, 17),
        applies_from=APPLIES_FROM,
    )

    assert choice.regulation is Regulation.EU_2026_1386


def test_the_initial_review_is_45_days_from_the_complete_filing():
    # Wednesday 1 March 2028 + 45 = Saturday 15 April; Easter Monday 17: Tuesday 18 April.
    due = _due(Regulation.EU_2026_1386, Event.FILING_COMPLETE, date(2028, 3, 1))

    assert due == {"initial_review": date(2028, 4, 18)}


def test_a_notification_starts_the_intent_comment_opinion_and_extension_periods():
    # Notification received Friday 3 March 2028:
    #   + 15 = Saturday 18 March -> Monday 20 March (intent, member states, Art. 9)
    #   + 20 = Thursday 23 March (intent, Commission, Art. 9; comments, Art. 11(3))
    #   + 30 = Sunday 2 April -> Monday 3 April (opinion, Art. 11(3); decision lock 11(5))
    #   + 40 = Wednesday 12 April (comments extended once by 20 days, Art. 11(4))
    #   + 50 = Saturday 22 April -> Monday 24 April (opinion extended)
    due = _due(Regulation.EU_2026_1386, Event.NOTIFICATION_RECEIVED, date(2028, 3, 3))

    assert due == {
        "intent_member_state": date(2028, 3, 20),
        "intent_commission": date(2028, 3, 23),
        "comments": date(2028, 3, 23),
        "opinion": date(2028, 4, 3),
        "comments_extended": date(2028, 4, 12),
        "opinion_extended": date(2028, 4, 24),
        "decision_lock": date(2028, 4, 3),
    }


def test_additional_information_starts_15_and_25_days():
    # Received Monday 10 April 2028: + 15 = Tuesday 25 April; + 25 = Friday 5 May.
    due = _due(Regulation.EU_2026_1386, Event.ADDITIONAL_INFORMATION_RECEIVED, date(2028, 4, 10))

    assert due == {
        "comments_after_information": date(2028, 4, 25),
        "opinion_after_information": date(2028, 5, 5),
    }


def test_the_decision_report_is_due_7_days_after_the_decision_enters_into_force():
    # Thursday 1 June 2028 + 7 = Thursday 8 June.
    due = _due(Regulation.EU_2026_1386, Event.DECISION_IN_FORCE, date(2028, 6, 1))

    assert due == {"decision_report": date(2028, 6, 8)}


def test_completion_opens_both_own_initiative_windows_and_the_art_13_window():
    # Completed Friday 31 March 2028:
    #   + 15 months: June has no 31st, so Saturday 30 June 2029 -> Monday 2 July (Art. 13)
    #   + 60 months (the node's choice, Art. 4(4)) = Thursday 31 March 2033
    #   + 24 months (the node's choice, Art. 4(5)) = Sunday 31 March 2030 -> Monday 1 April
    due = _due(Regulation.EU_2026_1386, Event.COMPLETION, date(2028, 3, 31))

    assert due == {
        "not_notified_window": date(2029, 7, 2),
        "own_initiative": date(2033, 3, 31),
        "own_initiative_not_filed": date(2030, 4, 1),
    }


def test_2019_452_comments_are_35_days_and_kept_on_a_weekend():
    # Received Friday 3 March 2028 + 35 = Friday 7 April; + 40 = Wednesday 12 April.
    due = _due(Regulation.EU_2019_452, Event.NOTIFICATION_RECEIVED, date(2028, 3, 3))

    assert due == {
        "comments": date(2028, 4, 7),
        "opinion": date(2028, 4, 7),
        "opinion_after_comments": date(2028, 4, 12),
    }


def test_a_period_without_a_fixed_length_has_no_day():
    due = _due(Regulation.EU_2026_1386, Event.FILING_RECEIVED, date(2028, 3, 1))

    # Art. 4(10): without undue delay; Art. 6: 15 and 45 days from the filing.
    assert due == {
        "completeness_notice": None,
        "notify_art5_1": date(2028, 3, 16),
        "notify_art5_2": date(2028, 4, 18),
    }


def test_an_own_initiative_window_outside_the_regulation_s_bounds_is_refused():
    problems = national_problems(
        {
            "own_initiative": National(12, Unit.MONTHS),
            "own_initiative_not_filed": National(18, Unit.MONTHS),
        }
    )

    assert problems == [
        "own_initiative: 12 is below 15 (Art. 4(4) Regulation (EU) 2026/1386: at least "
        "15 months, at most 5 years)",
        "own_initiative_not_filed: 18 is below 24 (Art. 4(5) Regulation (EU) 2026/1386: "
        "at least 24 months)",
    ]
