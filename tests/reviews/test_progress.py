"""Where a case stands in its procedure: the task list beside the case page's actions."""

from reviews.pure.progress import steps

RUNNING, ENDED = False, True


def states(**facts):
    return [step.state for step in steps(**facts)]


def test_a_case_in_phase_1_has_its_check_done_and_phase_1_in_progress():
    got = steps(status="phase_1", has_filing=True, phases=[("phase_1", RUNNING)])

    assert {step.name: step.state for step in got} == {
        "Check the filing is complete": "Done",
        "Phase 1: review": "In progress",
        "Phase 2: in-depth investigation": "Not started",
        "Decide: proposal and a senior officer's approval": "Not started",
        "Close the case": "Not started",
    }


def test_while_a_decision_is_proposed_its_phase_runs_on_and_phase_2_may_still_come():
    # A proposal does not end the phase: the senior may send it back, and phase 2 may
    # then be opened.
    got = steps(status="decision_proposed", has_filing=True, phases=[("phase_1", RUNNING)])

    assert [(s.state, s.detail) for s in got[1:4]] == [
        ("In progress", "decision proposed; its clock still runs"),
        ("Not started", ""),
        ("In progress", "proposed, awaiting a senior officer's approval"),
    ]


def test_a_case_decided_in_phase_1_needed_no_phase_2():
    got = steps(status="decided", has_filing=True, phases=[("phase_1", ENDED)], outcome="Cleared")

    assert [(s.state, s.detail) for s in got[1:]] == [
        ("Done", ""),
        ("Not needed", ""),
        ("Done", "Cleared"),
        ("Not started", ""),
    ]


def test_a_called_in_case_needs_no_completeness_check():
    got = steps(status="phase_1", has_filing=False, phases=[("phase_1", RUNNING)])

    assert (got[0].state, got[0].detail) == ("Not needed", "called in: no filing")


def test_a_case_withdrawn_in_phase_1_says_which_steps_it_never_reached():
    got = steps(
        status="withdrawn", has_filing=True, phases=[("phase_1", ENDED)], ended_how="Withdrawn"
    )

    assert [s.state for s in got] == [
        "Done",  # the check
        "Stopped",  # phase 1 ran until the withdrawal
        "Not reached",
        "Not reached",
        "Not reached",
        "Done",
    ]
    assert (got[-1].name, got[-1].detail) == ("Case ended", "Withdrawn")


def test_a_case_found_outside_scope_before_any_phase_stopped_at_its_check():
    assert states(status="outside_scope", has_filing=True, phases=[])[:3] == [
        "Stopped",
        "Not reached",
        "Not reached",
    ]


def test_a_reopened_case_counts_only_the_phases_since_its_new_phase_1():
    # Decided after phase 2, reopened (a new phase 1), then withdrawn in that phase 1.
    before = [("phase_1", ENDED), ("phase_2", ENDED)]

    assert states(status="withdrawn", has_filing=True, phases=[*before, ("phase_1", ENDED)])[
        1:3
    ] == ["Stopped", "Not reached"]
    assert states(
        status="decision_proposed", has_filing=True, phases=[*before, ("phase_1", RUNNING)]
    )[1:3] == ["In progress", "Not started"]
