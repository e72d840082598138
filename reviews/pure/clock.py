"""Statutory clocks: when a review phase ends, and how far along it is.

A plain module (no Django): a phase rule, a start date, a working-day calendar and the
periods the clock was stopped go in; a deadline and a reading come out.

The one idea: a phase is a number of *counted days*. A day counts if it comes after the
day the phase started (the day of the event itself does not count, as Regulation (EEC,
Euratom) No 1182/71 Art. 3(1) has it for periods in days), falls outside every stop of
the clock and, in a working-day regime, is a working day. The deadline is the day the
last counted day falls on; a regime may move a deadline that lands on a non-working day
to the next working day (1182/71 Art. 3(4)). A phase in months is turned into its number
of calendar days once, from its start (the same date N months on, or the month's last
day where that date does not exist); stops then push it like any calendar period.

A stop runs from the day a request for information is sent to the day the answer is
complete: the clock stands still on the days in between and runs again on the day of
the answer. While a stop is open the deadline is not known, only the days left and the
earliest day it can fall on (the deadline if the clock ran again today).

The days left are counted up to the deadline itself, so that "63 days left" and a
deadline 63 days away agree where the deadline was moved off a weekend.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

# The day arithmetic of 1182/71 is shared with the EU periods (docs/deadlines.md §1).
from core.pure.days import ONE_DAY, Unit, WorkingCalendar, add_months

__all__ = ["ONE_DAY", "PhaseRule", "Reading", "Stop", "Unit", "WorkingCalendar", "add_months"]


@dataclass(frozen=True)
class PhaseRule:
    length: int
    unit: Unit
    # A deadline on a weekend or holiday moves to the next working day.
    roll_forward: bool = True


@dataclass(frozen=True)
class Stop:
    """The clock stands still from `start` and runs again on `end` (None: still stopped)."""

    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Reading:
    """Where a phase stands on `today`."""

    start: date
    deadline: date | None  # None while the clock is stopped
    length: int  # counted days in all, extensions included
    counts: str  # "working days" or "calendar days"
    days_used: int
    days_left: int  # negative: that many counted days overdue
    is_stopped: bool
    is_overdue: bool
    stops: tuple[Stop, ...] = field(default_factory=tuple)
    # Where the deadline was moved off a non-working day: the day it fell on.
    moved_from: date | None = None
    # While stopped: the deadline if the clock ran again on `today` (it can only be later).
    earliest_deadline: date | None = None

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)


def counted_length(rule: PhaseRule, start: date, extension: int = 0) -> int:
    """The phase's length in counted days (working or calendar), with any extension."""
    if rule.unit is Unit.MONTHS:
        return (add_months(start, rule.length) - start).days + extension
    return rule.length + extension


def deadline(
    rule: PhaseRule,
    start: date,
    calendar: WorkingCalendar,
    stops: Iterable[Stop] = (),
    extension: int = 0,
) -> date | None:
    """The last day of the phase; None while a stop is open before it is reached."""
    last = _last_counted_day(rule, start, calendar, tuple(stops), extension)
    return _rolled(rule, calendar, last) if last is not None else None


def _last_counted_day(
    rule: PhaseRule, start: date, calendar: WorkingCalendar, stops: tuple[Stop, ...], extension: int
) -> date | None:
    remaining = counted_length(rule, start, extension)
    day = start
    while remaining > 0:
        day += ONE_DAY
        if any(stop.covers(day) and stop.end is None for stop in stops):
            return None
        if _counts(rule, calendar, stops, day):
            remaining -= 1
    return day


def _rolled(rule: PhaseRule, calendar: WorkingCalendar, day: date) -> date:
    return calendar.next_working_day(day) if rule.roll_forward else day


def read(
    rule: PhaseRule,
    start: date,
    calendar: WorkingCalendar,
    today: date,
    stops: Iterable[Stop] = (),
    extension: int = 0,
) -> Reading:
    stops = tuple(sorted(stops, key=lambda stop: stop.start))
    length = counted_length(rule, start, extension)
    last = _last_counted_day(rule, start, calendar, stops, extension)
    end = _rolled(rule, calendar, last) if last is not None else None
    used = _counted_between(rule, calendar, stops, start, today)
    is_overdue = end is not None and today > end
    if end is None:
        days_left = max(0, length - used)
    elif is_overdue:
        days_left = -_counted_between(rule, calendar, (), end, today)
    else:
        # Up to the deadline itself: a deadline moved off a weekend has those days too.
        days_left = _counted_between(rule, calendar, stops, max(today, start), end)
    resumed = tuple(Stop(s.start, today) if s.end is None else s for s in stops)
    earliest = deadline(rule, start, calendar, resumed, extension) if end is None else None
    return Reading(
        start=start,
        deadline=end,
        length=length,
        counts="working days" if rule.unit is Unit.WORKING_DAYS else "calendar days",
        days_used=min(used, length),
        days_left=days_left,
        is_stopped=any(stop.covers(today) for stop in stops),
        is_overdue=is_overdue,
        stops=stops,
        moved_from=last if end is not None and end != last else None,
        earliest_deadline=earliest,
    )


def _counts(rule: PhaseRule, calendar: WorkingCalendar, stops: tuple[Stop, ...], day: date) -> bool:
    if any(stop.covers(day) for stop in stops):
        return False
    return rule.unit is not Unit.WORKING_DAYS or calendar.is_working_day(day)


def _counted_between(
    rule: PhaseRule, calendar: WorkingCalendar, stops: tuple[Stop, ...], after: date, until: date
) -> int:
    """Counted days d with after < d <= until."""
    return sum(
        1
        for offset in range(1, (until - after).days + 1)
        if _counts(rule, calendar, stops, after + timedelta(days=offset))
    )
