"""Counting periods in days and months as EU law counts them: Regulation (EEC, Euratom)
No 1182/71 (docs/deadlines.md §1).

A plain module (no Django). The one idea: a period runs from the day after the event
that starts it and ends at the end of its last day; a last day that is a Saturday,
Sunday or public holiday gives way to the next working day; and a period of two days or
more holds at least two working days.

- Art. 3(1): the day of the event does not count;
- Art. 3(2)(b), (c): a period in days ends at the end of its last day; a period in
  months (or years) on the day of the last month with the same date as the event, or
  on that month's last day where there is no such date;
- Art. 3(3): weekends and public holidays count unless the rule excludes them;
- Art. 3(4): a period whose last day is a public holiday, a Saturday or a Sunday ends at
  the end of the next working day;
- Art. 3(5): a period of two days or more includes at least two working days.
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Container
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

ONE_DAY = timedelta(days=1)


class Unit(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are working days: not a weekend day, not a public holiday."""

    holidays: Container[date] = frozenset()
    weekend: frozenset[int] = frozenset({5, 6})  # Saturday, Sunday (date.weekday())

    def is_working_day(self, day: date) -> bool:
        return day.weekday() not in self.weekend and day not in self.holidays

    def next_working_day(self, day: date) -> date:
        """`day` itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def working_days_after(self, day: date, count: int) -> date:
        """The `count`-th working day after `day`."""
        while count > 0:
            day += ONE_DAY
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_before(self, day: date, count: int) -> date:
        """The `count`-th working day before `day`."""
        while count > 0:
            day -= ONE_DAY
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_between(self, after: date, until: date) -> int:
        """Working days d with after < d <= until."""
        return sum(
            1
            for offset in range(1, (until - after).days + 1)
            if self.is_working_day(after + timedelta(days=offset))
        )


def add_months(day: date, months: int) -> date:
    """The same date `months` later; the month's last day where that date does not exist."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def last_day(
    event: date,
    length: int,
    unit: Unit,
    calendar: WorkingCalendar,
    *,
    roll_forward: bool = True,
) -> date:
    """The last day of a period of `length` `unit`s that starts with `event`.

    `roll_forward` applies Art. 3(4) and 3(5) of 1182/71; a rule that says otherwise
    (a national regime that keeps a deadline on a holiday) passes False.
    """
    if unit is Unit.WORKING_DAYS:
        end = calendar.working_days_after(event, length)
    elif unit is Unit.MONTHS:
        end = add_months(event, length)
    else:
        end = event + timedelta(days=length)
    if not roll_forward:
        return end
    end = calendar.next_working_day(end)
    if unit is Unit.CALENDAR_DAYS and length >= 2:
        # Art. 3(5): at least two working days; a short period over a long weekend
        # ends on the second working day after the event.
        while calendar.working_days_between(event, end) < 2:
            end = calendar.next_working_day(end + ONE_DAY)
    return end
