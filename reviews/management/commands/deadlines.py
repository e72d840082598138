"""`manage.py deadlines EVENT DATE [--regime ...] [--json]`: every period an event starts
under a regime, with its last day and legal basis (docs/deadlines.md).

The same table and day counting serve the case clocks (core/pure/regulations.py)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.pure import regulations
from core.pure.regulations import Event, Regulation
from core.regulation import choose_regulation
from reviews import regime

COUNTING = (
    "Counted from the day after the event (Regulation (EEC, Euratom) No 1182/71 Art. 3(1)); "
    "a period ends at the end of its last day; a last day on a Saturday, Sunday or public "
    "holiday moves to the next working day (Art. 3(4)), and a period of two days or more "
    "holds at least two working days (Art. 3(5)). Months end on the same date, or the "
    "month's last day."
)


class Command(BaseCommand):
    help = "Print the periods an event starts under a regime, with their last day and basis."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("event", help=f"one of: {', '.join(e.value for e in Event)}")
        parser.add_argument("date", help="the day of the event, YYYY-MM-DD")
        parser.add_argument(
            "--regime",
            choices=[r.value for r in Regulation],
            help="default: the regulation that governs a case opened on DATE (Art. 30)",
        )
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            event = Event(options["event"])
        except ValueError:
            raise CommandError(
                f"Unknown event {options['event']!r}; "
                f"use one of: {', '.join(e.value for e in Event)}."
            ) from None
        try:
            day = date.fromisoformat(options["date"])
        except ValueError:
            raise CommandError(f"{options['date']!r} is not a date (YYYY-MM-DD).") from None
        if options["regime"]:
            regulation, why = Regulation(options["regime"]), "chosen with --regime"
        else:
            choice = choose_regulation(opened_on=day, completed_on=None)
            regulation, why = choice.regulation, choice.reason
        node = regime.current()
        found = regulations.periods(
            regulation, event, day, regime.calendar(node), regime.national(node)
        )
        place = node.get("holidays") or {}
        calendar_name = " ".join(
            part for part in (place.get("country"), place.get("subdivision")) if part
        )
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "event": event.value,
                        "date": day.isoformat(),
                        "regime": regulation.value,
                        "regime_title": regulation.label,
                        "regime_reason": why,
                        "public_holidays": calendar_name or "none (weekends only)",
                        "counting": COUNTING,
                        "periods": [d.as_dict() for d in found],
                    },
                    indent=2,
                )
            )
            return
        self.stdout.write(f"{event.value} on {day.isoformat()} under {regulation.label}")
        self.stdout.write(f"  ({why})")
        self.stdout.write(f"Public holidays: {calendar_name or 'none (weekends only)'}")
        self.stdout.write(COUNTING)
        self.stdout.write("")
        if not found:
            self.stdout.write(f"{regulation.label} starts no period on {event.value}.")
        for d in found:
            when = d.last_day.isoformat() if d.last_day else "—"
            if d.period.bound is regulations.Bound.UNTIL and d.last_day:
                when = f"until {when}"
            self.stdout.write(f"{when:>16}  {d.period.label}")
            details = [d.length_words, d.period.basis]
            if d.period.national:
                details.append("length from the node's configuration")
            if d.period.note:
                details.append(d.period.note)
            self.stdout.write(f"{'':>16}  {'; '.join(details)}")
