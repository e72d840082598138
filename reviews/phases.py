"""A case's phases and their statutory clocks, as the database keeps them: the running
phase, its start and end, its deadline (the pure arithmetic is `reviews/pure/clock.py`, the
rules per regime `reviews/regime.py`; docs/review.md §3)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from reviews import regime
from reviews.models import Case, ClockStop, InformationRequest, Phase
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
    # A request still unanswered when the phase opens keeps the clock stopped: the new
    # phase's clock starts stopped and runs from the day of the answer (docs/review.md §3.4).
    for request in case.information_requests.filter(status=InformationRequest.Status.OPEN):
        ClockStop.objects.create(
            phase=phase,
            started_on=phase.started_on,
            reason=f"Request for information {request.number} (still open)",
            request=request,
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


def mark_stopped_clocks(cases: Iterable[Case]) -> None:
    """Give each listed case whose running phase's clock stands still its reading as
    `stopped_clock`, so that a list shows the days left where it has no deadline to show
    (two queries for the whole list)."""
    by_id = {case.pk: case for case in cases if case.deadline is None}
    running = Phase.objects.filter(case_id__in=by_id, ended_on__isnull=True).prefetch_related(
        "stops"
    )
    for phase in running:
        phase.case = by_id[phase.case_id]
        found = reading(phase)
        phase.case.stopped_clock = found if found.is_stopped else None
