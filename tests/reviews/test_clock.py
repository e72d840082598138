"""The clock engine on hand-computed dates (German national holidays of 2026-2027)."""

from datetime import date

import holidays

from reviews.pure.clock import PhaseRule, Stop, Unit, WorkingCalendar, add_months, deadline, read

GERMANY = WorkingCalendar(holidays=holidays.country_holidays("DE", years=[2026, 2027]))
TEN_WORKING_DAYS = PhaseRule(10, Unit.WORKING_DAYS)
THIRTY_DAYS = PhaseRule(30, Unit.CALENDAR_DAYS)


def test_calendar_days_count_from_the_day_after_the_start():
    # Monday 2 March + 30 days = Wednesday 1 April.
    assert deadline(THIRTY_DAYS, date(2026, 3, 2), GERMANY) == date(2026, 4, 1)


def test_working_days_skip_weekends_and_holidays():
    # From Wed 1 April 2026: Thu 2 (1); Good Friday 3, the weekend and Easter Monday 6 do
    # not count; 7-10 (2-5), 13-17 (6-10): Friday 17 April.
    assert deadline(TEN_WORKING_DAYS, date(2026, 4, 1), GERMANY) == date(2026, 4, 17)


def test_a_deadline_on_a_holiday_moves_to_the_next_working_day():
    # 1 April + 30 days = Friday 1 May, Labour Day: the next working day is Monday 4 May.
    assert deadline(THIRTY_DAYS, date(2026, 4, 1), GERMANY) == date(2026, 5, 4)


def test_a_regime_may_keep_a_deadline_on_a_holiday():
    rule = PhaseRule(30, Unit.CALENDAR_DAYS, roll_forward=False)

    assert deadline(rule, date(2026, 4, 1), GERMANY) == date(2026, 5, 1)


def test_a_stop_spanning_a_weekend_costs_only_its_working_days():
    # From Wed 1 July: counted Thu 2 (1); stopped Fri 3 to Mon 6, running again Tue 7;
    # 7-10 (2-5), 13-17 (6-10): Friday 17 July instead of Wednesday 15 July.
    stop = Stop(date(2026, 7, 3), date(2026, 7, 7))

    assert deadline(TEN_WORKING_DAYS, date(2026, 7, 1), GERMANY, [stop]) == date(2026, 7, 17)


def test_a_stop_pushes_a_calendar_deadline_by_its_days():
    # 1 July + 30 days = Friday 31 July; stopped 3 to 6 July (4 days): Tuesday 4 August.
    stop = Stop(date(2026, 7, 3), date(2026, 7, 7))

    assert deadline(THIRTY_DAYS, date(2026, 7, 1), GERMANY, [stop]) == date(2026, 8, 4)


def test_an_extension_adds_counted_days():
    # 10 + 5 working days from Wed 1 July: 2, 3, 6-10, 13-17, 20-22: Wednesday 22 July.
    assert deadline(TEN_WORKING_DAYS, date(2026, 7, 1), GERMANY, extension=5) == date(2026, 7, 22)


def test_months_end_on_the_same_date_or_the_last_day_of_a_shorter_month():
    # 31 December + 2 months = 28 February 2027 (a Sunday): Monday 1 March.
    rule = PhaseRule(2, Unit.MONTHS)

    assert add_months(date(2026, 12, 31), 2) == date(2027, 2, 28)
    assert deadline(rule, date(2026, 12, 31), GERMANY) == date(2027, 3, 1)


def test_while_stopped_the_deadline_is_unknown_and_the_days_left_stand_still():
    # Counted before the stop on 8 July: 2, 3, 6, 7 July = 4 of 10 working days.
    stop = Stop(date(2026, 7, 8))

    reading = read(TEN_WORKING_DAYS, date(2026, 7, 1), GERMANY, date(2026, 7, 20), [stop])

    assert (reading.deadline, reading.days_used, reading.days_left) == (None, 4, 6)
    assert reading.is_stopped


def test_a_reading_counts_days_used_and_left():
    # On Thu 9 July: counted 2, 3, 6, 7, 8, 9 = 6 used; 4 left to Wed 15 July.
    reading = read(TEN_WORKING_DAYS, date(2026, 7, 1), GERMANY, date(2026, 7, 9))

    assert (reading.deadline, reading.days_used, reading.days_left) == (date(2026, 7, 15), 6, 4)
    assert not reading.is_overdue


def test_after_the_deadline_the_days_left_count_down_below_zero():
    # Deadline Wed 15 July; on Fri 17 July it is 2 working days overdue.
    reading = read(TEN_WORKING_DAYS, date(2026, 7, 1), GERMANY, date(2026, 7, 17))

    assert (reading.is_overdue, reading.days_left) == (True, -2)


def test_working_days_before_a_deadline_skip_holidays():
    # Five working days before Tue 7 April 2026: Easter Monday and Good Friday skipped:
    # Thu 2, Wed 1, Tue 31 March, Mon 30, Fri 27 March.
    assert GERMANY.working_days_before(date(2026, 4, 7), 5) == date(2026, 3, 27)


def test_working_days_after_a_day_skip_holidays():
    # Ten working days after Wed 1 April 2026: the same Friday 17 April as the phase.
    assert GERMANY.working_days_after(date(2026, 4, 1), 10) == date(2026, 4, 17)


def test_the_days_left_reach_a_deadline_moved_off_a_weekend():
    # Two months from Monday 2 March 2026 is Saturday 2 May (61 calendar days); the
    # deadline moves to Monday 4 May. On 2 March: 4 May - 2 March = 63 days left, not 61.
    rule = PhaseRule(2, Unit.MONTHS)

    reading = read(rule, date(2026, 3, 2), GERMANY, date(2026, 3, 2))

    assert (reading.deadline, reading.length, reading.days_left) == (date(2026, 5, 4), 61, 63)
    assert reading.moved_from == date(2026, 5, 2)


def test_while_stopped_the_earliest_deadline_is_the_one_if_the_clock_ran_again_today():
    # Stopped from 8 July (4 of 10 working days used: 2, 3, 6, 7 July). Were the answer
    # complete on Mon 20 July, 20 July counts again: 20-24 July (5-9), Mon 27 July (10).
    stop = Stop(date(2026, 7, 8))

    reading = read(TEN_WORKING_DAYS, date(2026, 7, 1), GERMANY, date(2026, 7, 20), [stop])

    assert reading.earliest_deadline == date(2026, 7, 27)
    running = read(TEN_WORKING_DAYS, date(2026, 7, 1), GERMANY, date(2026, 7, 9))
    assert running.earliest_deadline is None
