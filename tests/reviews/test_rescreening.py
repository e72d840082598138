"""Re-screening: a list import matches every open case's ownership chain again, and a
new strong match reaches the case's officer once, with what changed.

The filed case's chain (tests/factories.py): the investor Far East Holdings Ltd (CN),
owned 100 % by Li Na (CN).
"""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.models import AuditEntry
from ownership.models import MatchDecision, WatchlistEntity, WatchlistImport
from reviews import rescreening
from reviews.models import ChainScreening, InboxItem, Rescreening, WatchlistHit
from reviews.rescreening import missed_imports, rescreen
from tests.reviews.conftest import assign

LI_NA = {
    "id": "sanctioned-li-na",
    "schema": "Person",
    "properties": {"name": ["Li Na"], "nationality": ["cn"]},
    "topics": ["sanction"],
}
SOMEONE_ELSE = {
    "id": "someone-else",
    "schema": "Person",
    "properties": {"name": ["Arkady Rotenberg"], "nationality": ["ru"]},
    "topics": ["sanction"],
}


@pytest.fixture
def assigned(filed, senior, officer):
    _, case = filed
    assert assign(senior, case, "officer").status_code == 200
    case.refresh_from_db()
    return case


def import_list(tmp_path, django_capture_on_commit_callbacks, *entities, name="list.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(entity) + "\n" for entity in entities))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_ftm", str(path))


def test_a_new_listing_of_an_owner_reaches_the_case_officer(
    assigned, officer, tmp_path, django_capture_on_commit_callbacks
):
    import_list(tmp_path, django_capture_on_commit_callbacks, LI_NA)

    (item,) = InboxItem.objects.filter(recipient=officer.user, case=assigned)
    assert item.subject == f"Watch-list match on {assigned.reference}: Li Na ~ Li Na"
    assert "sanction" in item.body
    assert "Li Na was added or changed on the list" in item.body


def test_the_match_is_recorded_on_the_case_and_audited(
    assigned, tmp_path, django_capture_on_commit_callbacks
):
    import_list(tmp_path, django_capture_on_commit_callbacks, LI_NA)

    (hit,) = WatchlistHit.objects.filter(case=assigned)
    assert hit.entity.entity_id == "sanctioned-li-na"
    assert hit.score == 100.0
    assert AuditEntry.objects.filter(action="reviews.watchlist_hit").count() == 1


def test_importing_the_same_list_again_tells_nobody_twice(
    assigned, officer, tmp_path, django_capture_on_commit_callbacks
):
    import_list(tmp_path, django_capture_on_commit_callbacks, LI_NA)
    import_list(tmp_path, django_capture_on_commit_callbacks, LI_NA)

    assert InboxItem.objects.filter(recipient=officer.user, case=assigned).count() == 1
    assert Rescreening.objects.filter(finished_at__isnull=False).count() == 2


def test_a_list_without_the_case_s_owners_tells_nobody(
    assigned, tmp_path, django_capture_on_commit_callbacks
):
    import_list(tmp_path, django_capture_on_commit_callbacks, SOMEONE_ELSE)

    assert not InboxItem.objects.filter(case=assigned).exists()


def test_a_match_a_reviewer_rejected_is_not_reported_again(
    assigned, tmp_path, django_capture_on_commit_callbacks
):
    import_list(tmp_path, django_capture_on_commit_callbacks, SOMEONE_ELSE)
    MatchDecision.objects.create(
        party_record_id=f"filing:{assigned.filing_id}/owner",
        entity=WatchlistEntity.objects.create(entity_id="sanctioned-li-na", schema="Person"),
        decision=MatchDecision.Decision.REJECTED,
        decided_by="officer",
    )

    import_list(tmp_path, django_capture_on_commit_callbacks, LI_NA, SOMEONE_ELSE)

    assert not WatchlistHit.objects.filter(case=assigned).exists()


def test_an_unassigned_case_goes_to_the_seniors(
    filed, senior, tmp_path, django_capture_on_commit_callbacks
):
    _, case = filed

    import_list(tmp_path, django_capture_on_commit_callbacks, LI_NA)

    assert InboxItem.objects.filter(recipient=senior.user, case=case).count() == 1


def test_an_import_whose_re_screening_was_lost_is_found_by_the_sweep(
    assigned, tmp_path, django_capture_on_commit_callbacks
):
    path = tmp_path / "list.jsonl"
    path.write_text(json.dumps(LI_NA) + "\n")
    call_command("import_ftm", str(path))  # its commit callbacks, the task, never run

    (lost,) = missed_imports()
    rescreen(lost)

    assert missed_imports() == []
    assert WatchlistHit.objects.filter(case=assigned).count() == 1


def test_a_re_screening_still_running_is_left_to_finish(assigned, tmp_path):
    path = tmp_path / "list.jsonl"
    path.write_text(json.dumps(LI_NA) + "\n")
    call_command("import_ftm", str(path))
    (running,) = missed_imports()
    Rescreening.objects.create(watchlist_import_id=running)  # started now, not finished

    assert missed_imports() == []


def test_a_chain_screened_before_is_screened_again_only_against_what_the_list_changed(
    assigned, tmp_path, django_capture_on_commit_callbacks
):
    import_list(tmp_path, django_capture_on_commit_callbacks, SOMEONE_ELSE)
    import_list(tmp_path, django_capture_on_commit_callbacks, SOMEONE_ELSE, LI_NA)

    first, second = Rescreening.objects.order_by("pk")
    # the chain: Far East Holdings Ltd and Li Na, two parties
    assert (first.parties, first.against_changes) == (2, 0)
    assert (second.parties, second.against_changes) == (2, 2)
    assert WatchlistHit.objects.get(case=assigned).entity.entity_id == "sanctioned-li-na"


def test_a_chain_never_screened_is_matched_against_entities_listed_before(
    assigned, officer, tmp_path, django_capture_on_commit_callbacks
):
    (tmp_path / "first.jsonl").write_text(json.dumps(LI_NA) + "\n")
    call_command("import_ftm", str(tmp_path / "first.jsonl"))  # its re-screening never ran

    import_list(tmp_path, django_capture_on_commit_callbacks, LI_NA, SOMEONE_ELSE)

    (item,) = InboxItem.objects.filter(recipient=officer.user, case=assigned)
    assert "Li Na was on the list before; the case's ownership now matches it" in item.body


def test_another_threshold_screens_every_chain_against_the_whole_list(
    assigned, tmp_path, django_capture_on_commit_callbacks, settings
):
    import_list(tmp_path, django_capture_on_commit_callbacks, SOMEONE_ELSE)
    settings.WATCHLIST_STRONG_MATCH = 90

    import_list(tmp_path, django_capture_on_commit_callbacks, SOMEONE_ELSE)

    latest = Rescreening.objects.order_by("-pk")[0]
    assert (latest.parties, latest.against_changes) == (2, 0)


def test_a_chain_not_screened_against_the_whole_list_for_a_week_is_again(
    assigned, tmp_path, django_capture_on_commit_callbacks
):
    import_list(tmp_path, django_capture_on_commit_callbacks, SOMEONE_ELSE)
    ChainScreening.objects.update(screened_at=timezone.now() - timedelta(days=8))

    import_list(tmp_path, django_capture_on_commit_callbacks, SOMEONE_ELSE)

    latest = Rescreening.objects.order_by("-pk")[0]
    assert (latest.parties, latest.against_changes) == (2, 0)


def test_another_matcher_version_screens_every_chain_against_the_whole_list(
    assigned, tmp_path, django_capture_on_commit_callbacks, monkeypatch
):
    import_list(tmp_path, django_capture_on_commit_callbacks, SOMEONE_ELSE)
    monkeypatch.setattr(rescreening, "MATCHER_VERSION", "a later one")

    import_list(tmp_path, django_capture_on_commit_callbacks, SOMEONE_ELSE)

    latest = Rescreening.objects.order_by("-pk")[0]
    assert (latest.parties, latest.against_changes) == (2, 0)


def test_a_chain_is_screened_as_of_the_start_of_an_import_still_running(
    assigned, tmp_path, django_capture_on_commit_callbacks
):
    an_hour_ago = timezone.now() - timedelta(hours=1)
    running = WatchlistImport.objects.create(source="another list")  # still writing
    WatchlistImport.objects.filter(pk=running.pk).update(started_at=an_hour_ago)

    import_list(tmp_path, django_capture_on_commit_callbacks, SOMEONE_ELSE)

    # what that import wrote may not have been visible: seen as of its start, less the
    # ten minutes' margin for clocks
    screened = ChainScreening.objects.get(case=assigned)
    assert screened.screened_at == an_hour_ago - timedelta(minutes=10)
