"""The dashboard's charts: the last 12 months of cases opened as SVG bars, and the
decisions by outcome."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

from reviews.models import Outcome


def start_of(day: date) -> datetime:
    """Midnight of `day` in the node's time zone: compared with the indexed column as it
    is, where `opened_at__date` would convert every row first."""
    return timezone.make_aware(datetime.combine(day, time.min))


def months_ago(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def bars(rows: Any, today: date) -> list[dict[str, Any]]:
    """The last 12 months as bars of an SVG chart 110 units high (bars up to 90)."""
    counts = {month.strftime("%Y-%m"): n for month, n in rows}
    months = [months_ago(today, back).strftime("%Y-%m") for back in range(11, -1, -1)]
    top = max([counts.get(m, 0) for m in months] or [0]) or 1
    bars = []
    for i, month in enumerate(months):
        height = round(90 * counts.get(month, 0) / top)
        x = 8 + i * 34
        first_of_year = i == 0 or month.endswith("-01")
        bars.append(
            {
                # "Jan" with the year under it where a year starts (and under the first
                # bar): issue 17, the labels had no year.
                "month": MONTHS[int(month[5:]) - 1],
                "year": month[:4] if first_of_year else "",
                "label": month,
                "n": counts.get(month, 0),
                "x": x,
                "y": 110 - height,
                "height": height,
                "middle": x + 13,
            }
        )
    return bars


def outcome_bars(rows: dict[str, int]) -> list[tuple[str, int, int]]:
    top = max(rows.values() or [0]) or 1
    return [
        (label, rows.get(value, 0), round(260 * rows.get(value, 0) / top))
        for value, label in Outcome.choices
    ]
