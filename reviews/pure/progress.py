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
ORDER = [RECEIVED, COMPLETENESS_CHECK, PHASE_1, PHASE_2, DECISION_PROPOSED, DECIDED, CLOSED]


@dataclass(frozen=True)
class Step:
    name: str
    state: str  # one of the words above; the page's tag colour follows it
    detail: str = ""


def steps(
    *,
    status: str,
    has_filing: bool,
    phases: list[str],
    outcome: str = "",
    ended_how: str = "",
) -> list[Step]:
    """The steps of a case with `status`; `phases` are the kinds of the phases it had
    (phase_1, phase_2), `outcome` the decided outcome in words, `ended_how` the words for
    a case withdrawn or found outside scope."""
    stopped = status in (WITHDRAWN, OUTSIDE_SCOPE)
    if stopped:  # how far it got, as its phases show (without one: before its check ended)
        reached = (
            PHASE_2 if PHASE_2 in phases else PHASE_1 if PHASE_1 in phases else COMPLETENESS_CHECK
        )
    else:
        reached = status
    at = ORDER.index(reached)

    def state(working: str) -> str:
        """The state of the step a case works on while its status is `working`."""
        index = ORDER.index(working)
        if index < at:
            return DONE
        if index == at:
            return STOPPED if stopped else IN_PROGRESS
        return NOT_REACHED if stopped else NOT_STARTED

    check = state(COMPLETENESS_CHECK) if has_filing else NOT_NEEDED
    phase_2 = state(PHASE_2)
    if phase_2 == DONE and PHASE_2 not in phases:
        phase_2 = NOT_NEEDED  # decided at the end of phase 1
    decide = state(DECISION_PROPOSED)
    close = DONE if status == CLOSED else NOT_REACHED if stopped else NOT_STARTED
    return [
        Step("Check the filing is complete", check, "" if has_filing else "called in: no filing"),
        Step("Phase 1: review", state(PHASE_1)),
        Step("Phase 2: in-depth investigation", phase_2),
        Step(
            "Decide: proposal and a senior officer's approval",
            decide,
            {DONE: outcome, IN_PROGRESS: "proposed, awaiting approval"}.get(decide, ""),
        ),
        Step("Close the case", close),
        *([Step("Case ended", DONE, ended_how)] if stopped else []),
    ]
