"""Where a case stands in its procedure: the task list beside the case page's actions."""

from reviews.pure.progress import steps


def states(**facts):
    return {step.name: step.state for step in steps(**facts)}


def test_a_case_in_phase_1_has_its_check_done_and_phase_1_in_progress():
    got = states(status="phase_1", has_filing=True, phases=["phase_1"])

    assert got == {
        "Check the filing is complete": "Done",
        "Phase 1: review": "In progress",
        "Phase 2: in-depth investigation": "Not started",
        "Decide: proposal and a senior officer's approval": "Not started",
        "Close the case": "Not started",
    }


def test_a_decision_proposed_at_the_end_of_phase_1_needs_no_phase_2():
    got = steps(status="decision_proposed", has_filing=True, phases=["phase_1"])

    assert [(s.state, s.detail) for s in got[2:4]] == [
        ("Not needed", ""),
        ("In progress", "proposed, awaiting approval"),
    ]


def test_a_decided_case_names_its_outcome_and_waits_to_be_closed():
    got = steps(
        status="decided",
        has_filing=True,
        phases=["phase_1", "phase_2"],
        outcome="Cleared with conditions",
    )

    assert [(s.state, s.detail) for s in got[2:]] == [
        ("Done", ""),
        ("Done", "Cleared with conditions"),
        ("Not started", ""),
    ]


def test_a_called_in_case_needs_no_completeness_check():
    got = steps(status="phase_1", has_filing=False, phases=["phase_1"])

    assert (got[0].state, got[0].detail) == ("Not needed", "called in: no filing")


def test_a_case_withdrawn_in_phase_1_says_which_steps_it_never_reached():
    got = steps(status="withdrawn", has_filing=True, phases=["phase_1"], ended_how="Withdrawn")

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
    got = steps(status="outside_scope", has_filing=True, phases=[])

    assert [s.state for s in got[:3]] == ["Stopped", "Not reached", "Not reached"]
