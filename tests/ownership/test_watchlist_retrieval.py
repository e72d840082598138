"""Candidate retrieval: the blocking keys and the spelling net find the true entry through
what one typo, a transliteration or an acronym does to a name; removed entities, other
schemas and very common keys stay out; a batch finds what each name finds alone."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ownership import name_search
from ownership.ftm_import import import_ftm
from ownership.name_search import retrieve, search
from ownership.pure.matching import Named

LEI = "5299000J2N45DDNE4Y28"
LIST = [
    {
        "id": "os-gazprom",
        "schema": "Company",
        "properties": {"name": ["ПАО Газпром"], "country": ["ru"], "topics": ["gov.soe"]},
    },
    {
        "id": "os-cnpc",
        "schema": "Company",
        "properties": {"name": ["China National Petroleum Corporation"], "country": ["cn"]},
    },
    {"id": "os-zhang", "schema": "Person", "properties": {"name": ["Zhang Weiming"]}},
    {"id": "os-petrov-llc", "schema": "Company", "properties": {"name": ["Ivan Petrov"]}},
    {"id": "os-petrov", "schema": "LegalEntity", "properties": {"name": ["Ivan Petrov"]}},
    {
        "id": "os-acme-1",
        "schema": "Company",
        "properties": {"name": ["Acme Universal Logistics Shipping Enterprises Worldwide"]},
    },
    {
        "id": "os-acme-2",
        "schema": "Company",
        "properties": {
            "name": ["Acme Continental Maritime Transport Holdings Incorporated"],
            "leiCode": [LEI],
        },
    },
    {
        "id": "os-rosneft",
        "schema": "Company",
        "properties": {"name": ["Rosneft Oil Company"], "leiCode": [LEI]},
    },
]


@pytest.fixture
def listed(db, tmp_path):
    path = tmp_path / "list.jsonl"
    path.write_text("\n".join(json.dumps(entity) for entity in LIST))
    import_ftm(path)


def found(name, schema="Company", **more):
    (candidates,) = search([Named((name,), schema, **more)], threshold=70)
    return [c.entity_id for c in candidates]


def retrieved(name, schema="Company", **more):
    (entries,) = retrieve([Named((name,), schema, **more)])
    return {entry.entity_id for entry in entries}


def test_a_typo_in_the_only_distinctive_word_is_caught_by_the_spelling_net(listed):
    assert "os-gazprom" in retrieved("Gazpron")


@pytest.mark.parametrize(
    "misspelt",
    [
        "Gazpom",  # a letter too few: "gazpom" is "gazprom" without its "r"
        "Gazbron",  # two changed: gazbron and gazprom share no spelling
    ],
)
def test_the_spelling_net_reaches_one_letter_and_no_further(listed, misspelt):
    """Every other key of the name is lost with the word (the phonetic keys KSPM and
    KSBRN are not gazprom's KSPRM), so the net alone decides."""
    assert ("os-gazprom" in retrieved(misspelt)) is (misspelt == "Gazpom")


def test_two_letters_swapped_share_a_spelling():
    # "rosnfet" and "rosneft" both read "rosnft" with one letter left out
    assert name_search.spellings("rosnfet") & name_search.spellings("rosneft")


def test_the_likeness_is_pg_trgms_similarity(listed):
    with connection.cursor() as cursor:
        cursor.execute("SELECT similarity('gazpron', 'gazprom')")
        (expected,) = cursor.fetchone()

    # trigrams "  g", " ga", "gaz", "azp", "zpr", "pro" shared; "ron", "on " and "rom",
    # "om " not: 6 / 10
    assert name_search.trigram_similarity("gazpron", "gazprom") == pytest.approx(expected) == 0.6


def test_an_acronym_finds_the_full_name(listed):
    assert "os-cnpc" in retrieved("CNPC")


def test_a_latin_name_finds_an_entry_listed_only_in_cyrillic(listed):
    assert "os-gazprom" in retrieved("Gazprom PJSC")


def test_a_wade_giles_spelling_finds_the_pinyin_entry(listed):
    assert "os-zhang" in retrieved("Chang Wei-ming", "Person")


def test_the_same_lei_finds_entries_of_other_names(listed):
    lei = frozenset({("lei", LEI)})

    assert {"os-rosneft", "os-acme-2"} <= retrieved("Blue Sky Ventures", identifiers=lei)


def test_a_removed_entity_is_no_candidate(listed, tmp_path):
    path = tmp_path / "delta.jsonl"
    path.write_text(json.dumps({"op": "DEL", "entity": {"id": "os-gazprom"}}))
    import_ftm(path)

    assert "os-gazprom" not in retrieved("Gazprom PJSC")


def test_a_person_is_matched_against_persons_and_legal_entities_not_companies(listed):
    assert found("Ivan Petrov", "Person") == ["os-petrov"]


def test_candidates_come_best_first_and_equal_scores_by_entity_id(listed):
    assert found("Ivan Petrov", "LegalEntity") == ["os-petrov", "os-petrov-llc"]


def test_a_very_common_name_key_is_not_looked_up(listed, monkeypatch):
    monkeypatch.setattr(name_search, "COMMON_KEY", 1)  # "acme" is held by two entities

    assert not retrieved("Acme") & {"os-acme-1", "os-acme-2"}


def test_an_identifier_is_looked_up_however_common(listed, monkeypatch):
    monkeypatch.setattr(name_search, "COMMON_KEY", 1)  # the LEI is held by two entities
    lei = frozenset({("lei", LEI)})

    assert {"os-rosneft", "os-acme-2"} <= retrieved("Blue Sky Ventures", identifiers=lei)


QUERIES = [
    Named(("Gazpron",), "Company"),
    Named(("CNPC",), "Company"),
    Named(("Chang Wei-ming",), "Person"),
    Named(("Ivan Petrov",), "LegalEntity", countries=frozenset({"RU"})),
    Named(("Nobody Known",), "Person"),
]


def test_a_batch_finds_for_each_name_what_it_finds_alone(listed):
    alone = [search([query], threshold=0)[0] for query in QUERIES]

    assert search(QUERIES, threshold=0) == alone


def test_a_batch_is_retrieved_in_as_many_queries_as_one_name(listed):
    with CaptureQueriesContext(connection) as one:
        retrieve(QUERIES[:1])

    with CaptureQueriesContext(connection) as many:
        retrieve(QUERIES)

    assert len(many) == len(one)


def test_the_path_of_other_databases_finds_the_acronym(listed):
    """The path of databases other than PostgreSQL (the demo's SQLite), run here."""
    entries = name_search._retrieved_by_keys(Named(("CNPC",), "Company"))

    assert "os-cnpc" in {entry.entity_id for entry in entries}


def test_the_path_of_other_databases_catches_a_typo_by_the_spelling_net(listed):
    entries = name_search._retrieved_by_keys(Named(("Gazpron",), "Company"))

    assert "os-gazprom" in {entry.entity_id for entry in entries}
