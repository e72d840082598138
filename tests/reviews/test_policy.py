"""Who may do what: every role against every action and transition, as a table written
out by hand (the specification), checked against the one policy (reviews/pure/policy.py and
the workflow's transition table), plus the rules that had drifted, through the services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cooperation import services
from cooperation.models import Message
from core.actors import Actor
from core.errors import Forbidden
from reviews.pure import policy, workflow
from reviews.pure.workflow import ActorFacts, CaseFacts, Role
from tests.cooperation.conftest import make_peer, node_key  # noqa: F401 - node_key: a fixture
from tests.reviews.conftest import act, assign, make_staff

ME, SOMEONE_ELSE = 7, 8
OFFICER, SENIOR, CONTACT, ADMIN = (
    Role.CASE_OFFICER,
    Role.SENIOR_OFFICER,
    Role.CONTACT_POINT,
    Role.ADMINISTRATOR,
)
ROLES = [OFFICER, SENIOR, CONTACT, ADMIN, None]

# Action: the roles that may take it on a case assigned to them, then on someone else's.
# (The case officer's column differs where only the case's own officer may act.)
ACTIONS = {
    "call_in": ({SENIOR}, {SENIOR}),
    "assign": ({SENIOR, ADMIN}, {SENIOR, ADMIN}),
    "take": ({OFFICER, SENIOR}, {OFFICER, SENIOR}),
    "add_note": ({OFFICER, SENIOR, CONTACT, ADMIN}, {OFFICER, SENIOR, CONTACT, ADMIN}),
    "extend_phase": ({SENIOR}, {SENIOR}),
    "record_urgency": ({SENIOR}, {SENIOR}),
    "request_information": ({OFFICER, SENIOR}, {SENIOR}),
    "withdraw_request": ({OFFICER, SENIOR}, {SENIOR}),
    "add_case_document": ({OFFICER, SENIOR}, {SENIOR}),
    "record_compliance": ({OFFICER, SENIOR}, {OFFICER, SENIOR}),
    "send_hearing_letter": ({OFFICER, SENIOR}, {SENIOR}),
    "record_penalty": ({SENIOR}, {SENIOR}),
    "waive_condition": ({SENIOR}, {SENIOR}),
    "send_to_other_nodes": ({CONTACT}, {CONTACT}),
    "see_workload": ({SENIOR, ADMIN}, {SENIOR, ADMIN}),
}

# Transitions, by permission alone (the case in a state that allows each).
TRANSITIONS = {
    "start_completeness_check": ({OFFICER, SENIOR}, {SENIOR}),
    "open_phase_1": ({OFFICER, SENIOR}, {SENIOR}),
    "open_phase_2": ({SENIOR}, {SENIOR}),
    "propose_decision": ({OFFICER, SENIOR}, {SENIOR}),
    "approve_decision": ({SENIOR}, {SENIOR}),
    "return_decision": ({SENIOR}, {SENIOR}),
    "close": ({OFFICER, SENIOR}, {SENIOR}),
    "withdraw": ({OFFICER, SENIOR}, {SENIOR}),
    "declare_outside_scope": ({SENIOR}, {SENIOR}),
    "reopen": ({SENIOR}, {SENIOR}),
}


def actor(role):
    return ActorFacts(user_id=ME, roles=frozenset({role}) if role else frozenset())


def cases():
    return [(ME, 0), (SOMEONE_ELSE, 1)]


def test_the_table_names_every_action_and_transition_there_is():
    assert set(ACTIONS) == set(policy.ACTIONS)
    assert set(TRANSITIONS) == set(workflow.TRANSITIONS)


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "no role")
@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_each_role_may_take_exactly_the_actions_of_the_table(name, role):
    for assignee, column in cases():
        allowed = role in ACTIONS[name][column]

        refusal = policy.refusal(name, actor(role), assignee_id=assignee)

        assert (refusal is None) == allowed, (name, role, assignee, refusal)


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "no role")
@pytest.mark.parametrize("name", sorted(TRANSITIONS))
def test_each_role_may_take_exactly_the_transitions_of_the_table(name, role):
    transition = workflow.TRANSITIONS[name]
    status = sorted(transition.sources)[0]
    for assignee, column in cases():
        # The proposer is neither of them: four eyes is another rule, tested on its own.
        case = CaseFacts(status=status, assignee_id=assignee, proposer_id=99)
        allowed = role in TRANSITIONS[name][column]

        refused = workflow.refusals(transition, case, actor(role), reason="a reason")

        assert (not refused) == allowed, (name, role, assignee, refused)


def test_the_system_takes_none_of_the_staffs_actions():
    # It has no role; it takes transitions on events (a withdrawn filing), not these.
    system = ActorFacts(user_id=None, roles=frozenset(), is_system=True)

    assert all(policy.refusal(name, system) is not None for name in policy.ACTIONS)


def test_a_refusal_says_who_may():
    assert policy.refusal("extend_phase", actor(OFFICER)) == (
        "Only a senior officer may extend a phase."
    )
    assert policy.refusal("withdraw_request", actor(OFFICER), assignee_id=SOMEONE_ELSE) == (
        "Only the officer the case is assigned to, or a senior officer, may withdraw a "
        "request for information."
    )


# --- the rules that had drifted, through the services ---------------------------------


def test_an_officer_not_on_the_case_may_not_withdraw_its_request(filed, senior, officer):
    _, case = filed
    assign(senior, case, "officer")
    act(officer, case, "open_phase_1")
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    asked = officer.post(
        f"/api/v1/cases/{case.pk}/information-requests/",
        {"questions": ["Who funds it?"], "response_due": due},
        format="json",
    )
    assert asked.status_code == 201, asked.json()
    bystander = make_staff("case_officer", name="bystander")

    response = bystander.post(
        f"/api/v1/cases/{case.pk}/information-requests/1/withdraw/",
        {"reason": "Not needed"},
        format="json",
    )

    assert response.status_code == 403
    assert "assigned to" in response.json()["errors"][0]["detail"]
    assert case.information_requests.get().status == "open"


@pytest.mark.usefixtures("node_key")
def test_only_the_contact_point_sends_a_draft_even_when_a_service_is_called_directly(filed, senior):
    make_peer("FR")
    _, case = filed
    act(senior, case, "open_phase_1")
    services.prepare_notification(case)
    draft = Message.objects.get(case=case, kind="notification_art6")

    with pytest.raises(Forbidden, match="through the contact point"):
        services.send_draft(message=draft, actor=Actor.for_user(senior.user))

    draft.refresh_from_db()
    assert draft.status == "draft"
