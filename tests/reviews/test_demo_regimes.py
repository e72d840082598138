"""The demo runs cases under both regulations: the 2026/1386 one is an EU-subsidiary
investment caught by foreign control, authorised with conditions after a hearing."""

import io

from django.core.management import call_command

from reviews.models import Case


def load(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", force=True, stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", force=True, stdout=io.StringIO())  # the review steps


def test_the_demo_has_cases_under_both_regulations(db, django_capture_on_commit_callbacks):
    load(django_capture_on_commit_callbacks)

    regulations = set(Case.objects.values_list("regulation", flat=True))
    assert regulations == {"eu-2019-452", "eu-2026-1386"}


def test_the_2026_1386_demo_case_is_heard_then_authorised_with_conditions(
    db, django_capture_on_commit_callbacks
):
    load(django_capture_on_commit_callbacks)

    case = Case.objects.get(regulation="eu-2026-1386")
    # Jinsha (CN) holds 60 % of Rhein Metallbeteiligungen (DE): control (60 % > 50 %), so
    # Rhein's 35 % of the gallium recycler is a foreign investment (Art. 2(7)).
    assert case.scope["foreign_investment"]["route"] == "eu_subsidiary"
    assert case.scope["prior_authorisation_required"] is True
    hearing = case.hearings.get()
    decision = case.decisions.get(status="approved")
    assert hearing.answered_at is not None and hearing.answered_at < decision.proposed_at
    assert decision.outcome == "cleared_with_conditions"
    assert sorted(decision.conditions.values_list("measure", flat=True)) == [
        "access_conditions",
        "supply_commitment",
    ]
