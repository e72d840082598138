"""EU day counting, Regulation (EEC, Euratom) No 1182/71 Art. 3, on hand-computed dates
(German public holidays of 2027-2028: Good Friday 14 April and Easter Monday 17 April
2028)."""

from datetime import date

import holidays

from core.pure.days import Unit, WorkingCalendar, last_day

GERMANY = WorkingCalendar(holidays=holidays.country_holidays("DE", years=[2027, 2028]))


def test_a_period_in_days_starts_the_day_after_the_event():
    # Art. 3(1): filing complete Tuesday 1 February 2028; 2028 is a leap year, so
    # 1 Feb + 28 days = 29 Feb, + 17 more = Friday 17 March: 45 days.
    assert last_day(date(2028, 2, 1), 45, Unit.CALENDAR_DAYS, GERMANY) == date(2028, 3, 17)


def test_a_last_day_on_a_weekend_and_a_holiday_moves_to_the_next_working_day():
    # Art. 3(4): 1 March + 45 days = Saturday 15 April 2028; Sunday 16, Easter Monday 17:
    # the period ends on Tuesday 18 April.
    assert last_day(date(2028, 3, 1), 45, Unit.CALENDAR_DAYS, GERMANY) == date(2028, 4, 18)


def test_a_period_of_two_days_holds_two_working_days():
    # Art. 3(5): from Thursday 13 April 2028, 2 days end Saturday 15, moved to Tuesday 18
    # (Art. 3(4)); the days after the event hold one working day only (Good Friday 14 and
    # Easter Monday 17 are holidays), so the period ends on Wednesday 19 April.
    assert last_day(date(2028, 4, 13), 2, Unit.CALENDAR_DAYS, GERMANY) == date(2028, 4, 19)


def test_a_period_in_months_ends_on_the_same_date():
    # Art. 3(2)(c): completion Friday 31 October 2026 + 15 months = Monday 31 January 2028.
    assert last_day(date(2026, 10, 31), 15, Unit.MONTHS, GERMANY) == date(2028, 1, 31)


def test_a_period_in_months_ends_on_the_last_day_of_a_shorter_month():
    # 31 January 2028 + 1 month: February 2028 has 29 days: Tuesday 29 February.
    assert last_day(date(2028, 1, 31), 1, Unit.MONTHS, GERMANY) == date(2028, 2, 29)


def test_a_period_in_months_that_ends_on_a_sunday_moves_to_monday():
    # 31 January 2027 + 1 month = Sunday 28 February 2027: Monday 1 March.
    assert last_day(date(2027, 1, 31), 1, Unit.MONTHS, GERMANY) == date(2027, 3, 1)


def test_a_rule_may_keep_a_period_on_a_weekend():
    # The 2019/452 cooperation periods as this system applies them: 1 March + 45 days
    # stays on Saturday 15 April 2028.
    end = last_day(date(2028, 3, 1), 45, Unit.CALENDAR_DAYS, GERMANY, roll_forward=False)

    assert end == date(2028, 4, 15)


def test_working_days_skip_weekends_and_holidays():
    # From Wednesday 12 April 2028: Thursday 13 (1); Good Friday, the weekend and
    # Easter Monday do not count; Tuesday 18 (2), Wednesday 19 (3).
    assert last_day(date(2028, 4, 12), 3, Unit.WORKING_DAYS, GERMANY) == date(2028, 4, 19)
