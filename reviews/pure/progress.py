"""Where a case stands in its procedure, step by step, for the case page's task list
(GOV.UK's task list pattern; docs/review.md §2): each step of the workflow with its
state in words. Plain data in, plain data out.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviews.pure.workflow import (
    CLOSED,
    COMPLETENESS_CHECK,
    DECIDED,
    DECISION_PROPOSED,
    OUTSIDE_SCOPE,
    PHASE_1,
    PHASE_2,
    RECEIVED,
    WITHDRAWN,
)

DONE, IN_PROGRESS, NOT_STARTED, NOT_NEEDED, STOPPED, NOT_REACHED = (
    "Done",
    "In progress",
    "Not started",
    "Not needed",
    "Stopped",  # the step the case was on when it was withdrawn or found outside scope
    "Not reached",
)


@dataclass(frozen=True)
class Step:
    name: str
    state: str  # one of the words above; the page's tag colour follows it
    detail: str = ""


def steps(
    *,
    status: str,
    has_filing: bool,
    phases: list[tuple[str, bool]],
    outcome: str = "",
    ended_how: str = "",
) -> list[Step]:
    """The steps of a case with `status`; `phases` are its phases in order, each as its
    kind (phase_1, phase_2) and whether it has ended; `outcome` is the approved outcome
    in words, `ended_how` the words for a case withdrawn or found outside scope."""
    stopped = status in (WITHDRAWN, OUTSIDE_SCOPE)
    finished = status in (DECIDED, CLOSED)
    # A reopened case starts again at a new phase 1: only the phases since count.
    starts = [n for n, (kind, _) in enumerate(phases) if kind == PHASE_1]
    current = phases[starts[-1] :] if starts else phases
    last = current[-1][0] if current else ""

    def phase(kind: str) -> tuple[str, str]:
        ran = [ended for k, ended in current if k == kind]
        if not ran:
            if stopped:
                return NOT_REACHED, ""
            return (NOT_NEEDED, "") if finished and kind == PHASE_2 else (NOT_STARTED, "")
        if stopped and kind == last:
            return STOPPED, ""
        if not ran[-1]:  # still running
            if status == DECISION_PROPOSED:
                return IN_PROGRESS, "decision proposed; its clock still runs"
            return IN_PROGRESS, ""
        return DONE, ""

    if status == COMPLETENESS_CHECK:
        check = IN_PROGRESS
    elif not has_filing:
        check = NOT_NEEDED
    elif status == RECEIVED:
        check = NOT_STARTED
    elif stopped and not current:
        check = STOPPED
    else:
        check = DONE
    if status == DECISION_PROPOSED:
        decide, decided = IN_PROGRESS, "proposed, awaiting a senior officer's approval"
    elif finished:
        decide, decided = DONE, outcome
    else:
        decide, decided = (NOT_REACHED if stopped else NOT_STARTED), ""
    close = DONE if status == CLOSED else NOT_REACHED if stopped else NOT_STARTED
    return [
        Step("Check the filing is complete", check, "" if has_filing else "called in: no filing"),
        Step("Phase 1: review", *phase(PHASE_1)),
        Step("Phase 2: in-depth investigation", *phase(PHASE_2)),
        Step("Decide: proposal and a senior officer's approval", decide, decided),
        Step("Close the case", close),
        *([Step("Case ended", DONE, ended_how)] if stopped else []),
    ]
