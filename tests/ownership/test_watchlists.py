"""Watch lists: FtM import, match suggestions, reviewer decisions feeding state links."""

import json
from datetime import date

from django.core.management import call_command

from core.actors import Actor
from ownership.bods_import import import_file
from ownership.models import MatchDecision, Party, WatchlistEntity
from ownership.pure import statements as bods
from ownership.services import resolve_record
from ownership.watchlists import decide, match_candidates

ON = date(2026, 6, 1)
GROUP_LEI = "5299000J2N45DDNE4Y28"
FTM: list[dict] = [
    {
        "id": "os-huaxin",
        "schema": "Company",
        "caption": "Huaxin Energy Group",
        "properties": {
            "name": ["Huaxin Energy Group Co., Ltd."],
            "alias": ["华信能源集团有限公司"],
            "country": ["cn"],
            "topics": ["gov.soe"],
        },
        "datasets": ["cn_soe"],
    },
    {
        "id": "os-petrov",
        "schema": "Person",
        "properties": {"name": ["Ivan Petrov"], "country": ["ru"], "topics": ["role.pep"]},
    },
    {
        "id": "os-own-1",
        "schema": "Ownership",
        "properties": {"owner": ["os-state"], "asset": ["os-huaxin"], "percentage": ["60"]},
    },
]


def files(tmp_path, *, group_lei=None):
    (tmp_path / "ftm.jsonl").write_text("\n".join(json.dumps(e) for e in FTM) + '\n{"no": "id"}\n')
    s = "investor"
    statements = [
        bods.entity("investor", "Huaxin Power Investment (HK) Ltd", "HK", subject=s),
        bods.entity("group", "Huaxin Energy Group Limited", "CN", subject=s, lei=group_lei),
        bods.owns("r1", "group", "investor", subject=s, percent=100.0),
    ]
    (tmp_path / "bods.json").write_text(json.dumps(statements))
    import_file(tmp_path / "bods.json")
    call_command("import_ftm", str(tmp_path / "ftm.jsonl"))


def test_a_party_gets_the_watch_list_entry_as_a_scored_candidate_with_reasons(db, tmp_path):
    files(tmp_path)

    (candidate,) = match_candidates(Party.objects.current().get(record_id="group"))

    assert candidate["entity_id"] == "os-huaxin"
    assert candidate["score"] >= 85  # a strong match (WATCHLIST_STRONG_MATCH)
    assert "same country (CN)" in candidate["reasons"]


def test_a_confirmed_state_owned_match_makes_a_third_country_state_link(db, tmp_path):
    files(tmp_path)
    assert resolve_record("investor", as_of=ON)["state_links"] == []

    decide(
        party=Party.objects.current().get(record_id="group"),
        entity=WatchlistEntity.objects.get(entity_id="os-huaxin"),
        decision="confirmed",
        actor=Actor.system("officer"),
        reason="Same registry entry",
    )

    (link,) = resolve_record("investor", as_of=ON)["state_links"]
    assert (link["country"], link["third_country"], link["ownership"]["min"]) == ("CN", True, 100.0)


def test_a_rejected_match_is_remembered_and_shown(db, tmp_path):
    files(tmp_path)
    group = Party.objects.current().get(record_id="group")
    entity = WatchlistEntity.objects.get(entity_id="os-huaxin")

    decide(party=group, entity=entity, decision="rejected", actor=Actor.system("officer"))

    assert match_candidates(group)[0]["decision"] == "rejected"
    assert resolve_record("investor", as_of=ON)["state_links"] == []
    assert MatchDecision.objects.count() == 1


def test_the_same_lei_as_a_state_owned_entry_links_without_a_fuzzy_match(db, tmp_path):
    FTM[0]["properties"]["leiCode"] = [GROUP_LEI]
    try:
        files(tmp_path, group_lei=GROUP_LEI)
        links = resolve_record("investor", as_of=ON)["state_links"]
    finally:
        del FTM[0]["properties"]["leiCode"]

    assert [link["country"] for link in links] == ["CN"]


def test_a_latin_named_party_finds_an_entry_listed_only_in_cyrillic(db, tmp_path):
    entry = {
        "id": "os-gazprom",
        "schema": "Company",
        "properties": {"name": ["ПАО Газпром"], "country": ["ru"], "topics": ["gov.soe"]},
    }
    (tmp_path / "list.jsonl").write_text(json.dumps(entry))
    call_command("import_ftm", str(tmp_path / "list.jsonl"))
    statement = bods.entity("p", "Gazprom PJSC", "RU", subject="p")
    (tmp_path / "bods.json").write_text(json.dumps([statement]))
    import_file(tmp_path / "bods.json")

    candidates = match_candidates(Party.objects.current().get(record_id="p"))

    assert [(c["entity_id"], c["score"] >= 90) for c in candidates] == [("os-gazprom", True)]


def test_a_party_with_the_lei_of_an_entry_of_another_name_gets_it_as_a_candidate(db, tmp_path):
    entry = {
        "id": "os-blue-sky",
        "schema": "Company",
        "properties": {"name": ["Blue Sky Ventures"], "leiCode": [GROUP_LEI]},
    }
    (tmp_path / "list.jsonl").write_text(json.dumps(entry))
    call_command("import_ftm", str(tmp_path / "list.jsonl"))
    statement = bods.entity("p", "Huaxin Energy Group Limited", "CN", subject="p", lei=GROUP_LEI)
    (tmp_path / "bods.json").write_text(json.dumps([statement]))
    import_file(tmp_path / "bods.json")

    (candidate,) = match_candidates(Party.objects.current().get(record_id="p"))

    assert (candidate["entity_id"], candidate["score"], candidate["reasons"]) == (
        "os-blue-sky",
        95.0,
        [f"same LEI {GROUP_LEI}"],
    )


def test_a_state_owned_entry_the_list_removed_makes_no_state_link(db, tmp_path):
    FTM[0]["properties"]["leiCode"] = [GROUP_LEI]
    try:
        files(tmp_path, group_lei=GROUP_LEI)
    finally:
        del FTM[0]["properties"]["leiCode"]
    (tmp_path / "delta.jsonl").write_text(json.dumps({"op": "DEL", "entity": {"id": "os-huaxin"}}))
    call_command("import_ftm", str(tmp_path / "delta.jsonl"))

    assert resolve_record("investor", as_of=ON)["state_links"] == []


def test_staff_confirm_a_match_through_the_api_and_the_resolution_follows(
    db, tmp_path, django_user_model, client
):
    from tests.ownership.test_resolution_api import staff

    files(tmp_path)
    officer = staff(django_user_model, client)
    listed = officer.get("/api/v1/ownership/parties/group/matches/").json()

    response = officer.post(
        f"/api/v1/ownership/parties/group/matches/{listed['candidates'][0]['entity_id']}/decision/",
        {"decision": "confirmed", "reason": "Registry extract"},
        content_type="application/json",
    )

    assert response.status_code == 200
    resolution = officer.get("/api/v1/ownership/parties/investor/resolution/").json()
    assert [link["country"] for link in resolution["state_links"]] == ["CN"]


def test_a_decision_that_is_neither_confirm_nor_reject_is_a_field_error(
    db, tmp_path, django_user_model, client
):
    from tests.ownership.test_resolution_api import staff

    files(tmp_path)

    response = staff(django_user_model, client).post(
        "/api/v1/ownership/parties/group/matches/os-huaxin/decision/",
        {"decision": "maybe"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "decision"


def test_a_rejected_lei_match_does_not_link(db, tmp_path):
    FTM[0]["properties"]["leiCode"] = [GROUP_LEI]
    try:
        files(tmp_path, group_lei=GROUP_LEI)
        decide(
            party=Party.objects.current().get(record_id="group"),
            entity=WatchlistEntity.objects.get(entity_id="os-huaxin"),
            decision="rejected",
            actor=Actor.system("officer"),
            reason="Different company sharing a mistyped LEI",
        )
        links = resolve_record("investor", as_of=ON)["state_links"]
    finally:
        del FTM[0]["properties"]["leiCode"]

    assert links == []


def test_the_api_lists_a_candidate_with_its_topics_and_decision(
    db, tmp_path, django_user_model, client
):
    from tests.ownership.test_resolution_api import staff

    files(tmp_path)

    listed = staff(django_user_model, client).get("/api/v1/ownership/parties/group/matches/")

    (candidate,) = listed.json()["candidates"]
    assert (candidate["entity_id"], candidate["topics"], candidate["decision"]) == (
        "os-huaxin",
        ["gov.soe"],
        None,
    )
