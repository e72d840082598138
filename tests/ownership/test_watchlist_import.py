"""Importing FollowTheMoney lists: counts, idempotence, deltas, removal, bad lines, and the
keys and names written for retrieval."""

import gzip
import importlib
import json
from collections import Counter

from django.apps import apps
from django.core.management import call_command

from core.actors import Actor
from ownership.bods_import import import_file
from ownership.ftm_import import import_ftm
from ownership.models import (
    MatchDecision,
    Party,
    WatchlistEntity,
    WatchlistImport,
    WatchlistKey,
    WatchlistKeyFrequency,
    WatchlistSpelling,
)
from ownership.name_search import key_hash, spellings
from ownership.pure import statements as bods
from ownership.signals import watchlist_imported
from ownership.watchlists import decide

LEI = "5299000J2N45DDNE4Y28"


def entity(entity_id, name, schema="Company", **properties):
    return {"id": entity_id, "schema": schema, "properties": {"name": [name], **properties}}


def write(path, *lines):
    """A JSON-lines file: dicts as JSON, strings as they are."""
    path.write_text("".join((json.dumps(x) if isinstance(x, dict) else x) + "\n" for x in lines))
    return path


def listed_ids():
    return set(
        WatchlistEntity.objects.filter(removed_at__isnull=True).values_list("entity_id", flat=True)
    )


def op(operation, item):
    return {"op": operation, "entity": item}


A, B, C = entity("a", "Gazprom"), entity("b", "Rosneft"), entity("c", "Ivan Petrov", "Person")


def test_a_full_list_counts_what_happened_to_each_line(db, tmp_path):
    ownership = {"id": "o1", "schema": "Ownership", "properties": {"owner": ["a"], "asset": ["b"]}}
    sanction = {"id": "s1", "schema": "Sanction", "properties": {"entity": ["a"]}}

    run = import_ftm(write(tmp_path / "l.jsonl", A, B, C, ownership, sanction, "{oops"))

    counts = (run.kind, run.read, run.added, run.skipped, run.refused, run.listed)
    assert counts == ("full", 6, 3, 2, 1, 3)


def test_importing_the_same_list_again_rewrites_nothing(db, tmp_path):
    path = write(tmp_path / "l.jsonl", A, B, C)
    import_ftm(path)
    before = dict(WatchlistEntity.objects.values_list("entity_id", "updated_at"))

    run = import_ftm(path)

    assert (run.added, run.changed, run.unchanged, run.removed) == (0, 0, 3, 0)
    assert dict(WatchlistEntity.objects.values_list("entity_id", "updated_at")) == before


def test_a_new_last_seen_date_alone_is_no_change(db, tmp_path):
    import_ftm(write(tmp_path / "1.jsonl", {**A, "last_seen": "2026-11-01T00:00:00"}))

    run = import_ftm(write(tmp_path / "2.jsonl", {**A, "last_seen": "2026-11-02T00:00:00"}))

    assert (run.changed, run.unchanged) == (0, 1)


def test_a_changed_entity_is_rewritten_with_the_keys_of_its_new_names(db, tmp_path):
    import_ftm(write(tmp_path / "1.jsonl", A))
    old_keys = set(WatchlistKey.objects.values_list("key", flat=True))

    run = import_ftm(write(tmp_path / "2.jsonl", entity("a", "Transneft")))

    assert run.changed == 1
    assert set(WatchlistKey.objects.values_list("key", flat=True)).isdisjoint(old_keys)


def test_a_bad_line_is_reported_with_its_line_number_and_the_rest_imported(db, tmp_path):
    lines = (A, "not json", {"schema": "Company"}, {"id": "x"}, "", "[1, 2]", B)

    run = import_ftm(write(tmp_path / "l.jsonl", *lines))

    assert [p["line"] for p in run.problems] == [2, 3, 4, 6]
    assert listed_ids() == {"a", "b"}


def test_a_gzip_list_is_read_like_a_plain_one(db, tmp_path):
    path = tmp_path / "l.jsonl.gz"
    path.write_bytes(gzip.compress(b"".join(json.dumps(e).encode() + b"\n" for e in (A, B))))

    import_ftm(path)

    assert listed_ids() == {"a", "b"}


def test_a_full_list_marks_the_entities_it_no_longer_holds_removed(db, tmp_path):
    import_ftm(write(tmp_path / "1.jsonl", A, B, C))

    run = import_ftm(write(tmp_path / "2.jsonl", A, C))

    assert (run.removed, run.listed) == (1, 2)
    assert WatchlistEntity.objects.get(entity_id="b").removed_at is not None


def test_a_reviewers_decision_about_a_removed_entity_stays(db, tmp_path):
    import_ftm(write(tmp_path / "1.jsonl", A, B))
    decide(
        party=bods_party(tmp_path),
        entity=WatchlistEntity.objects.get(entity_id="b"),
        decision="confirmed",
        actor=Actor.system("officer"),
    )

    import_ftm(write(tmp_path / "2.jsonl", A))

    assert MatchDecision.objects.filter(entity__entity_id="b").count() == 1


def bods_party(tmp_path):
    statement = bods.entity("p", "Rosneft PJSC", "RU", subject="p")
    (tmp_path / "bods.json").write_text(json.dumps([statement]))
    import_file(tmp_path / "bods.json")
    return Party.objects.current().get(record_id="p")


def test_an_entity_listed_again_comes_back_with_its_keys(db, tmp_path):
    import_ftm(write(tmp_path / "1.jsonl", A, B))
    import_ftm(write(tmp_path / "2.jsonl", A))

    run = import_ftm(write(tmp_path / "3.jsonl", A, B))

    assert run.added == 1
    assert WatchlistKey.objects.filter(entity__entity_id="b").exists()


def test_an_empty_full_list_removes_nothing(db, tmp_path):
    import_ftm(write(tmp_path / "1.jsonl", A, B))

    import_ftm(write(tmp_path / "2.jsonl", "not json"))

    assert listed_ids() == {"a", "b"}


def test_a_delta_adds_modifies_and_deletes(db, tmp_path):
    import_ftm(write(tmp_path / "full.jsonl", A, B))
    delta = (op("ADD", C), op("MOD", entity("a", "Gazprom Neft")), op("DEL", {"id": "b"}))

    run = import_ftm(write(tmp_path / "delta.jsonl", *delta))

    counts = (run.kind, run.added, run.changed, run.removed)
    assert counts == ("delta", 1, 1, 1)
    assert listed_ids() == {"a", "c"}


def test_a_delta_removes_nothing_it_does_not_delete(db, tmp_path):
    import_ftm(write(tmp_path / "full.jsonl", A, B))

    import_ftm(write(tmp_path / "delta.jsonl", op("ADD", C)))

    assert listed_ids() == {"a", "b", "c"}


def test_operations_on_one_entity_in_a_delta_apply_in_their_order(db, tmp_path):
    lines = (op("ADD", A), op("DEL", {"id": "a"}), op("ADD", entity("a", "Gazprom Neft")))

    import_ftm(write(tmp_path / "delta.jsonl", *lines))

    assert WatchlistEntity.objects.get(entity_id="a", removed_at__isnull=True).names == [
        "Gazprom Neft"
    ]


def test_a_delta_line_with_an_unknown_operation_is_refused_by_line(db, tmp_path):
    run = import_ftm(write(tmp_path / "delta.jsonl", op("ADD", A), op("UPSERT", B)))

    assert run.problems == [
        {"line": 2, "message": "'op' is 'UPSERT': expected one of ADD, MOD, DEL."}
    ]


def test_what_is_read_from_an_entity(db, tmp_path):
    person = entity(
        "p",
        "Ivan Petrov",
        "Person",
        alias=["Иван Петров"],
        weakAlias=["Vanya"],
        nationality=["ru"],
        citizenship=["cy"],
        birthDate=["1961-05-08", "1962"],
        innCode=["7736050003"],
        passportNumber=["not read"],
        leiCode=[LEI, "5299000J2N45DDNE4Y29"],  # the second's check digits are wrong
        topics=["role.pep"],
    )
    import_ftm(write(tmp_path / "l.jsonl", {**person, "datasets": ["ru_rupep"]}))

    stored = WatchlistEntity.objects.get(entity_id="p")

    assert (
        stored.names,
        stored.weak_names,
        stored.countries,
        stored.birth_dates,
        stored.identifiers,
        stored.lei,
        stored.topics,
        stored.datasets,
    ) == (
        ["Ivan Petrov", "Иван Петров"],
        ["Vanya"],
        ["RU", "CY"],
        ["1961-05-08", "1962"],
        [["inn", "7736050003"], ["lei", LEI]],
        LEI,
        ["role.pep"],
        ["ru_rupep"],
    )


def test_the_words_of_a_name_in_cyrillic_are_kept_in_latin_letters_for_the_spelling_net(
    db, tmp_path
):
    import_ftm(write(tmp_path / "l.jsonl", entity("g", "ПАО Газпром")))

    assert "gazprom" in set(WatchlistKeyFrequency.objects.values_list("word", flat=True))


def test_a_listed_word_is_filed_under_its_spellings_until_no_entity_holds_it(db, tmp_path):
    import_ftm(write(tmp_path / "1.jsonl", entity("g", "Gazprom"), entity("n", "Rosneft")))
    import_ftm(write(tmp_path / "2.jsonl", op("DEL", {"id": "g"})))

    filed = set(WatchlistSpelling.objects.values_list("spelling", "key"))
    rosneft, gazprom = key_hash("t:rosneft"), key_hash("t:gazprom")
    # "rosneft" as written and with each of its 7 letters left out: 8 spellings
    assert {(s, rosneft) for s in spellings("rosneft")} <= filed
    assert len(spellings("rosneft")) == 8
    assert not {key for _, key in filed} & {gazprom}


def test_the_key_frequencies_count_the_keys_of_the_listed_entities(db, tmp_path):
    import_ftm(write(tmp_path / "1.jsonl", A, B, C, entity("d", "Gazprom Neft")))
    import_ftm(write(tmp_path / "2.jsonl", op("MOD", entity("a", "Gazprom Export"))))
    import_ftm(write(tmp_path / "3.jsonl", entity("a", "Gazprom Export"), C))

    counted = Counter(WatchlistKey.objects.values_list("key", flat=True))

    assert dict(WatchlistKeyFrequency.objects.values_list("key", "df")) == dict(counted)


def test_the_command_prints_the_counts_and_each_problem_with_its_line(db, tmp_path, capsys):
    call_command("import_ftm", str(write(tmp_path / "l.jsonl", A, "{oops")))

    out, err = capsys.readouterr()
    run = WatchlistImport.objects.get()
    assert out.startswith(
        f"full import {run.pk}: 2 lines read, 1 added, 0 changed, 0 unchanged, 0 removed"
    )
    assert err.startswith("line 2: ")


def test_a_finished_import_is_announced_after_its_commit(
    db, tmp_path, django_capture_on_commit_callbacks
):
    announced = []

    def receiver(sender, watchlist_import, **kwargs):
        announced.append(watchlist_import.pk)

    watchlist_imported.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            run = import_ftm(write(tmp_path / "l.jsonl", A))
    finally:
        watchlist_imported.disconnect(receiver)

    assert announced == [run.pk]


def test_the_migration_files_the_words_listed_before_it_as_the_import_does(db, tmp_path):
    import_ftm(write(tmp_path / "l.jsonl", entity("g", "Gazprom Neft"), entity("r", "Rosneft")))
    filed = set(WatchlistSpelling.objects.values_list("spelling", "key"))
    WatchlistSpelling.objects.all().delete()

    migration = importlib.import_module("ownership.migrations.0007_watchlist_spellings")
    migration.file_listed_words(apps, None)

    assert set(WatchlistSpelling.objects.values_list("spelling", "key")) == filed
