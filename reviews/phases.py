"""A case's phases and their statutory clocks, as the database keeps them: the running
phase, its start and end, its deadline (the pure arithmetic is `reviews/pure/clock.py`, the
rules per regime `reviews/regime.py`; docs/review.md §3)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from reviews import regime
from reviews.models import Case, ClockStop, Phase
from reviews.pure import clock


def today() -> date:
    """Days are the node's days: deadlines are reckoned in its time zone."""
    return timezone.localdate()


def running_phase(case: Case) -> Phase | None:
    return case.phases.filter(ended_on__isnull=True).first()


def start_phase(case: Case, kind: str) -> Phase:
    rule = regime.rule(case.regime, kind)
    phase = Phase.objects.create(
        case=case,
        kind=kind,
        started_on=today(),
        length=rule.length,
        unit=rule.unit.value,
        roll_forward=rule.roll_forward,
    )
    refresh_deadline(phase)
    return phase


def end_running_phase(case: Case) -> None:
    phase = running_phase(case)
    if phase is not None:
        ClockStop.objects.filter(phase=phase, ended_on__isnull=True).update(ended_on=today())
        phase.ended_on = today()
        phase.save(update_fields=["ended_on"])


def phase_rule(phase: Phase) -> clock.PhaseRule:
    return clock.PhaseRule(phase.length, clock.Unit(phase.unit), phase.roll_forward)


def stops_of(phase: Phase) -> list[clock.Stop]:
    return [clock.Stop(stop.started_on, stop.ended_on) for stop in phase.stops.all()]


def refresh_deadline(phase: Phase) -> None:
    phase.deadline = clock.deadline(
        phase_rule(phase),
        phase.started_on,
        regime.calendar(phase.case.regime),
        stops_of(phase),
        phase.extension,
    )
    phase.save(update_fields=["deadline"])


def reading(phase: Phase, on: date | None = None) -> clock.Reading:
    return clock.read(
        phase_rule(phase),
        phase.started_on,
        regime.calendar(phase.case.regime),
        on or min(today(), phase.ended_on or today()),
        stops_of(phase),
        phase.extension,
    )
