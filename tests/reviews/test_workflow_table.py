"""The transition table itself: from where each transition may be taken, and by whom."""

import pytest

from reviews.pure.workflow import (
    FINISHED,
    TRANSITIONS,
    UNDER_REVIEW,
    ActorFacts,
    CaseFacts,
    Role,
    available,
    refusals,
)

STATUSES = sorted(UNDER_REVIEW | FINISHED)
SENIOR = ActorFacts(user_id=1, roles=frozenset({Role.SENIOR_OFFICER, Role.CASE_OFFICER}))
OFFICER = ActorFacts(user_id=2, roles=frozenset({Role.CASE_OFFICER}))
CONTACT = ActorFacts(user_id=3, roles=frozenset({Role.CONTACT_POINT}))


@pytest.mark.parametrize("name", sorted(TRANSITIONS))
@pytest.mark.parametrize("status", STATUSES)
def test_a_transition_is_refused_exactly_outside_its_source_statuses(name, status):
    transition = TRANSITIONS[name]
    case = CaseFacts(status=status, assignee_id=1, proposer_id=99)

    kinds = {r.kind for r in refusals(transition, case, SENIOR, reason="because")}

    assert ("state" in kinds) == (status not in transition.sources)


def test_every_status_but_closed_work_has_a_way_on():
    stuck = [s for s in STATUSES if not any(s in t.sources for t in TRANSITIONS.values())]

    assert stuck == []


def test_a_contact_point_takes_no_transition():
    case = CaseFacts(status="phase_1", assignee_id=3)

    assert available(case, CONTACT) == []


def test_what_an_assigned_officer_may_do_in_phase_1():
    case = CaseFacts(status="phase_1", assignee_id=2)

    names = [t.name for t in available(case, OFFICER)]

    assert names == ["propose_decision", "withdraw"]


def test_the_system_may_record_a_withdrawal_without_a_role():
    system = ActorFacts(user_id=None, roles=frozenset(), is_system=True)
    case = CaseFacts(status="phase_2", assignee_id=2)

    assert refusals(TRANSITIONS["withdraw"], case, system, reason="Filing withdrawn") == []


def test_the_migrations_create_a_group_for_every_role(db):
    # Called directly: a transactional test elsewhere may have emptied the table since
    # the test database was migrated.
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    from reviews.pure.workflow import Role

    migration = importlib.import_module("reviews.migrations.0003_role_groups")
    Group.objects.all().delete()

    migration.create_groups(apps, None)

    assert {role.value for role in Role} == set(Group.objects.values_list("name", flat=True))
