"""The 19 example packages of BODS 0.4 resolve to what each example describes.

The data is the examples' facts rewritten as test data (tests/ownership/bods_examples.py),
so these tests run without the files. The expected answers are worked out by hand from
the examples and their documentation; figures are percentages (min, max), with the
arithmetic beside them. Readings used throughout:

* integrated ownership multiplies shares along a chain and adds parallel chains; a summary
  relationship (with `componentRecords`) is never added to its components: its figure is
  used where the components leave a share unknown;
* a share without declared votes is one share, one vote; control is more than 50 % of
  the votes (exactly 50 % is not control), a single board seat is not control;
* a natural person is a beneficial owner with 25 % or more, or by control, or by a role in
  a legal arrangement (settlor, trustee, beneficiary, nominator); a nominee is not one.
"""

import json
from datetime import date
from typing import Any

import pytest
from django.db import transaction

from ownership.bods_import import import_file, import_statements
from ownership.pure.bods_checks import check_statements
from ownership.services import UnknownRecord, resolve_record
from tests.ownership.bods_examples import EXAMPLES

ON = date(2026, 6, 1)


def imported(example):
    statements = EXAMPLES[example]()
    return import_statements(enumerate(statements, 1), source=f"BODS example {example}")


def resolved(example, record_id, on=ON):
    """`record_id` resolved as of `on`, in a database holding `example` alone."""
    imported(example)
    return resolve_record(record_id, as_of=on)


def pct(low, high=None):
    """An ownership figure, min and max (exact when only one is given)."""
    return pytest.approx([low, low if high is None else high])


def owners(result):
    return {
        o["record_id"]: [o["ownership"]["min"], o["ownership"]["max"]]
        for o in result["ultimate_owners"]
    }


def controllers(result):
    return {
        c["record_id"]: (c["certain"], c["ultimate"], sorted(c["basis"]))
        for c in result["controllers"]
    }


def certainty(result):
    return {c["record_id"]: c["certain"] for c in result["controllers"]}


def beneficial_owners(result):
    return {b["record_id"]: sorted(b["basis"]) for b in result["beneficial_owners"]}


def declared_unknowns(result):
    return [
        (u["record_id"], u["reason"], u["description"], u["ownership"]) for u in result["unknowns"]
    ]


def beneficial_ownership(result):
    return {
        b["record_id"]: [b["ownership"]["min"], b["ownership"]["max"]]
        for b in result["beneficial_owners"]
    }


# --- every example, as data --------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_statement_of_the_example_passes_the_checks(example):
    assert check_statements(EXAMPLES[example]()) == []


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_statement_of_the_example_is_applied(db, example):
    run = imported(example)

    assert (run.applied, run.problems) == (len(EXAMPLES[example]()), [])


def records_and_dates(statements):
    """Every entity and person of a package, and every date its statements name."""
    records = sorted({s["recordId"] for s in statements if s["recordType"] != "relationship"})
    dates = {ON}
    for statement in statements:
        dates.add(date.fromisoformat(statement["statementDate"][:10]))
        for interest in statement["recordDetails"].get("interests", []):
            for key in ("startDate", "endDate"):
                if key in interest:
                    dates.add(date.fromisoformat(interest[key]))
    return records, sorted(dates)


def resolutions_of_file(path, records, dates):
    """Import the file, resolve every record on every date, and roll the import back."""
    savepoint = transaction.savepoint()
    try:
        import_file(path)
        answers: dict[tuple[str, date], dict[str, Any] | None] = {}
        for record_id in records:
            for on in dates:
                try:
                    answers[record_id, on] = resolve_record(record_id, as_of=on)
                except UnknownRecord:
                    answers[record_id, on] = None
        return answers
    finally:
        transaction.savepoint_rollback(savepoint)


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_example_as_json_array_and_as_json_lines_resolves_alike(db, tmp_path, example):
    statements = EXAMPLES[example]()
    array = tmp_path / f"{example}.json"
    array.write_text(json.dumps(statements, ensure_ascii=False, indent=1), encoding="utf-8")
    lines = tmp_path / f"{example}.jsonl"
    lines.write_text(
        "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in statements), encoding="utf-8"
    )
    records, dates = records_and_dates(statements)

    from_array = resolutions_of_file(array, records, dates)
    from_lines = resolutions_of_file(lines, records, dates)

    assert from_lines == from_array


def test_a_statement_id_reused_for_another_record_is_refused_with_its_position(db, tmp_path):
    # joint-ownership's first statement (CHRINON LTD) carries the statement id of
    # bods-package's first (Profitech Ltd): a different record, so not "already imported".
    first, second = tmp_path / "bods-package.json", tmp_path / "joint-ownership.json"
    first.write_text(json.dumps(EXAMPLES["bods-package"]()))
    second.write_text(json.dumps(EXAMPLES["joint-ownership"]()))
    reused = EXAMPLES["joint-ownership"]()[0]["statementId"]
    import_file(first)

    run = import_file(second)

    assert [(p["position"], p["statement_id"]) for p in run.problems] == [(1, reused)]


# --- what every example does not declare -------------------------------------------------

SUBJECTS = [  # (example, subject): the main subject of each example
    ("bods-package", "c359f58d2977"),
    ("bods-package-annotations", "22e8a31863ee"),
    ("bods-package-entity-owning-entity", "12b7dd0770ce"),
    ("bods-package-fi-soe", "19f1c5afe9d7"),
    ("bods-package-linking-annotations", "a01c1a0863e2"),
    ("fermcat", "ent-93c75c87ab28f889"),
    ("full-pep-declaration", "a7b3bd81d8ba"),
    ("indirect-ownership", "ad3f6c2fcc9e"),
    ("joint-ownership", "31c55e425764"),
    ("levent", "8e40d059"),
    ("listed-company-exempt-from-disclosure", "4c7ea3bfbe6c"),
    ("mixed-direct-and-indirect-ownership", "9bfe59b6a869"),
    ("multiple-indirect-ownership", "63e3a8a8946f"),
    ("multiple-tax-residencies", "fd5c8dbc9a91"),
    ("mutilple-indirect-ownership-2", "1e049760d6c7"),
    ("nomination", "104AB1984C"),
    ("plc-entity-statement", "70044236"),
    ("simple-pep-declaration", "841083ba86e3"),
    ("tecido", "01B68D7633"),
]
WITH_DECLARED_UNKNOWNS = {"levent", "listed-company-exempt-from-disclosure"}


@pytest.mark.parametrize(
    ("example", "subject"), [s for s in SUBJECTS if s[0] not in WITH_DECLARED_UNKNOWNS]
)
def test_no_unknown_is_reported_where_the_example_declares_none(db, example, subject):
    # Owners left out (e.g. the other 40 % of indirect-ownership's Company A) are gaps
    # in the data, not declared unknowns.
    assert resolved(example, subject)["unknowns"] == []


@pytest.mark.parametrize(
    ("example", "subject"), [s for s in SUBJECTS if s[0] != "bods-package-fi-soe"]
)
def test_no_state_link_is_reported_where_no_state_holds_anything(db, example, subject):
    assert resolved(example, subject)["state_links"] == []


@pytest.mark.parametrize(
    ("example", "subject"),
    [
        ("bods-package-annotations", "22e8a31863ee"),  # held by DRILLGREAT LIMITED
        ("bods-package-entity-owning-entity", "12b7dd0770ce"),  # by MVJ LIMITED
        ("bods-package-fi-soe", "19f1c5afe9d7"),  # by the Republic of Finland
        ("bods-package-fi-soe", "0199c515a699"),
        ("tecido", "01B68D7633"),  # by Shear Trust, whose owners are not disclosed
        ("listed-company-exempt-from-disclosure", "4c7ea3bfbe6c"),  # exempt
    ],
)
def test_no_beneficial_owner_where_no_natural_person_is_declared(db, example, subject):
    assert resolved(example, subject)["beneficial_owners"] == []


@pytest.mark.parametrize(
    ("example", "subject", "on"),
    [
        ("bods-package-annotations", "387a14452645", ON),  # DRILLGREAT's own owners
        ("bods-package-fi-soe", "05ce06ec97b1", ON),  # the Republic of Finland itself
        ("tecido", "033E84672B", ON),  # Shear Trust: "the trust arrangement is not disclosed"
        ("plc-entity-statement", "70044236", ON),  # AstraZeneca: an entity statement alone
        ("fermcat", "ent-93c75c87ab28f889", date(2019, 9, 10)),  # the day before founding
        # Jeremy Hunt's interest starts 2018-09-19 as the example states it (read literally)
        ("bods-package-linking-annotations", "a01c1a0863e2", date(2018, 3, 30)),
    ],
)
def test_a_subject_with_nothing_declared_upstream_resolves_to_nothing(db, example, subject, on):
    result = resolved(example, subject, on)

    keys = ("ultimate_owners", "controllers", "beneficial_owners", "unknowns", "state_links")
    assert {key: result[key] for key in keys} == {key: [] for key in keys}


# --- a sole direct owner: bods-package, multiple-tax-residencies, fermcat today ----------

SOLE_OWNERS = [
    ("bods-package", "c359f58d2977", "10478c6cf6de"),  # Profitech Ltd: Jennifer Hewitson-Smith
    ("multiple-tax-residencies", "fd5c8dbc9a91", "8f2f34b57a8f"),  # Company A: Logan Morton
    # Fermcat Ltd since 2022-01-21: Patrick O'Donohue, after buying Declan out
    ("fermcat", "ent-93c75c87ab28f889", "per-41c0bb0cef246f7c"),
]


@pytest.mark.parametrize(("example", "subject", "owner"), SOLE_OWNERS)
def test_a_sole_direct_owner_owns_100_percent(db, example, subject, owner):
    # one direct shareholding of exactly 100 %: integrated 100 %
    assert owners(resolved(example, subject)) == {owner: pct(100)}


@pytest.mark.parametrize(("example", "subject", "owner"), SOLE_OWNERS)
def test_a_sole_direct_owner_controls_by_votes(db, example, subject, owner):
    # 100 % of the shares, no votes declared: 100 % of the votes > 50 %
    assert controllers(resolved(example, subject)) == {owner: (True, True, ["voting"])}


@pytest.mark.parametrize(("example", "subject", "owner"), SOLE_OWNERS)
def test_a_sole_direct_owner_is_the_beneficial_owner_by_ownership_and_control(
    db, example, subject, owner
):
    assert beneficial_owners(resolved(example, subject)) == {owner: ["control", "ownership"]}


# --- bods-package-annotations: a relationship without any interest -----------------------

MONSOON, DRILLGREAT = "22e8a31863ee", "387a14452645"


def test_an_owner_whose_interests_are_not_given_owns_an_unknown_share(db):
    # DRILLGREAT -> MONSOON with no `interests`: anything from 0 to 100 %
    result = resolved("bods-package-annotations", MONSOON)

    assert owners(result) == {DRILLGREAT: pct(0, 100)}


def test_an_owner_whose_interests_are_not_given_may_control(db):
    # 0-100 % of the votes: it may hold more than half, or not
    result = resolved("bods-package-annotations", MONSOON)

    assert certainty(result) == {DRILLGREAT: False}


# --- bods-package-entity-owning-entity: JENEX LIMITED, MVJ LIMITED [75, 100) % -----------


def test_a_share_between_bounds_is_reported_with_its_bounds(db):
    # minimum 75, exclusiveMaximum 100: 75 <= x < 100, reported 75-100
    result = resolved("bods-package-entity-owning-entity", "12b7dd0770ce")

    assert owners(result) == {"e83cce729ada": pct(75, 100)}


def test_an_entity_with_at_least_75_percent_of_the_votes_controls(db):
    # at least 75 % of the shares, one share one vote: at least 75 % > 50 % of the votes
    result = resolved("bods-package-entity-owning-entity", "12b7dd0770ce")

    assert controllers(result) == {"e83cce729ada": (True, True, ["voting"])}


# --- bods-package-fi-soe: Gasgrid Finland Oy, owned by the Republic of Finland -----------

GASGRID, KAASUVERKKO, MINISTRY = "19f1c5afe9d7", "0199c515a699", "7ff95ba3682c"


def test_a_state_owns_through_its_ministry_once_and_not_again_through_the_summary(db):
    # Ministry 23.5 % direct + Ministry 100 % x Kaasuverkko 76.5 % = 23.5 + 76.5 = 100 %;
    # the ministry is the state (state:FI); the summary "State 100 % indirect" is the same
    # 100 %, not another 100 % on top.
    result = resolved("bods-package-fi-soe", GASGRID)

    assert owners(result) == {"state:FI": pct(100)}


def test_the_state_controls_through_the_company_it_owns(db):
    # Kaasuverkko: 76.5 % of the votes > 50 %, itself held 100 % by the state;
    # the state: 23.5 + 76.5 = 100 % of the votes, the ultimate controller.
    result = resolved("bods-package-fi-soe", GASGRID)

    assert controllers(result) == {
        KAASUVERKKO: (True, False, ["voting"]),
        "state:FI": (True, True, ["voting"]),
    }


@pytest.mark.parametrize("subject", [GASGRID, KAASUVERKKO])
def test_the_state_link_is_finland_a_member_state_with_100_percent_and_control(db, subject):
    # Gasgrid: 23.5 + 76.5 = 100 %; Kaasuverkko: 100 % by the Ministry
    links = resolved("bods-package-fi-soe", subject)["state_links"]

    assert [(s["country"], s["third_country"], s["control"], s["ownership"]) for s in links] == [
        ("FI", False, True, {"min": pytest.approx(100), "max": pytest.approx(100)})
    ]


def test_the_states_summary_is_not_added_to_its_components(db):
    # counted once, the figures add up to 100 %: nothing to warn about (the summary
    # added on top would make 200 %)
    assert resolved("bods-package-fi-soe", GASGRID)["warnings"] == []


def test_the_company_in_the_middle_is_owned_by_the_state_alone(db):
    # Kaasuverkko: Ministry 100 %, and the ministry is the state
    assert owners(resolved("bods-package-fi-soe", KAASUVERKKO)) == {"state:FI": pct(100)}


def test_the_ministry_has_no_owner_outside_its_own_state(db):
    # the state's influence over its own ministry is not ownership of it
    assert owners(resolved("bods-package-fi-soe", MINISTRY)) == {}


# --- bods-package-linking-annotations: MARE POND PROPERTIES, Jeremy Hunt (25, 50) % -----

MARE_POND, HUNT = "a01c1a0863e2", "0fc263ba4126"


def test_a_share_above_25_and_below_50_percent_is_reported_with_its_bounds(db):
    # exclusiveMinimum 25, exclusiveMaximum 50: 25 < x < 50, reported 25-50
    assert owners(resolved("bods-package-linking-annotations", MARE_POND)) == {HUNT: pct(25, 50)}


def test_less_than_half_of_the_shares_is_no_control(db):
    # under 50 % of the shares (one share one vote): no majority of the votes
    assert controllers(resolved("bods-package-linking-annotations", MARE_POND)) == {}


def test_more_than_25_percent_makes_a_beneficial_owner(db):
    # more than 25 % >= the 25 % threshold
    result = resolved("bods-package-linking-annotations", MARE_POND)

    assert beneficial_owners(result) == {HUNT: ["ownership"]}


# --- fermcat: Fermcat Ltd, 2019-2022 ------------------------------------------------------

FERMCAT = "ent-93c75c87ab28f889"
RIYADH, PATRICK, DECLAN = "per-5faa4103dee78621", "per-41c0bb0cef246f7c", "per-e334cc6258e56467"


def test_fermcat_in_2020_is_held_half_and_half_by_riyadh_and_patrick(db):
    # statements of 2019-09-11 and 2020-09-11: 50 + 50 = 100 %; Patrick's 100 % is
    # stated only on 2022-01-21
    assert owners(resolved("fermcat", FERMCAT, date(2020, 1, 1))) == {
        RIYADH: pct(50),
        PATRICK: pct(50),
    }


def test_fermcat_in_2020_has_no_controller(db):
    # 50 % of the votes each: not more than half; a board seat each is not control
    assert controllers(resolved("fermcat", FERMCAT, date(2020, 1, 1))) == {}


def test_fermcat_in_2020_has_both_holders_as_beneficial_owners(db):
    # 50 % each >= 25 %
    assert beneficial_owners(resolved("fermcat", FERMCAT, date(2020, 1, 1))) == {
        RIYADH: ["ownership"],
        PATRICK: ["ownership"],
    }


def test_fermcat_after_riyadhs_death_but_before_it_was_filed_shows_the_register_of_then(db):
    # As of a date, the statements dated on or before it count (docs/ownership.md §2.2):
    # Riyadh died on 2021-04-03, but the statements saying so are dated 2021-09-11. On
    # 2021-06-01 the newest statements (2020-09-11) still say Riyadh 50 + Patrick 50.
    assert owners(resolved("fermcat", FERMCAT, date(2021, 6, 1))) == {
        RIYADH: pct(50),
        PATRICK: pct(50),
    }


def test_fermcat_once_the_death_was_filed_is_held_half_and_half_by_patrick_and_declan(db):
    # statements of 2021-09-11: Riyadh's relationship closed, Declan 50 % from 2021-04-03;
    # Patrick 50 % until his statement of 2022-01-21: 50 + 50 = 100 %
    assert owners(resolved("fermcat", FERMCAT, date(2021, 12, 1))) == {
        PATRICK: pct(50),
        DECLAN: pct(50),
    }


def test_fermcat_in_mid_2021_has_no_controller(db):
    # 50 % of the votes each: not more than half
    assert controllers(resolved("fermcat", FERMCAT, date(2021, 6, 1))) == {}


# --- tecido: Tecido Ltd (Delaware), from Maria Esteves to Shear Trust ---------------------

TECIDO, MARIA, SHEAR = "01B68D7633", "018AF6B3EB", "033E84672B"


def test_tecido_in_2020_is_owned_by_maria_alone(db):
    # statement of 2019-01-20: 100 % of the shares since 2002-03-09
    assert owners(resolved("tecido", TECIDO, date(2020, 1, 1))) == {MARIA: pct(100)}


def test_tecido_in_2020_is_controlled_by_maria(db):
    # 100 % of the votes; her board chair alone would not be control
    assert controllers(resolved("tecido", TECIDO, date(2020, 1, 1))) == {
        MARIA: (True, True, ["voting"])
    }


def test_tecido_in_2022_is_held_60_by_shear_trust_and_40_by_maria(db):
    # statements of 2021-09-25, changes of 2021-09-24: Shear 60 %, Maria 100 - 60 = 40 %
    assert owners(resolved("tecido", TECIDO, date(2022, 1, 1))) == {
        SHEAR: pct(60),
        MARIA: pct(40),
    }


def test_tecido_in_2022_is_controlled_by_shear_trust(db):
    # 60 % of the votes > 50 %; Maria's 40 % and board chair are not control
    assert controllers(resolved("tecido", TECIDO, date(2022, 1, 1))) == {
        SHEAR: (True, True, ["voting"])
    }


def test_tecido_in_2022_has_maria_as_beneficial_owner(db):
    # 40 % >= 25 %; Shear Trust's own beneficial owners are not disclosed
    assert beneficial_owners(resolved("tecido", TECIDO, date(2022, 1, 1))) == {MARIA: ["ownership"]}


def test_tecido_early_2023_is_held_70_by_shear_trust_and_30_by_maria(db):
    # statements of 2022-09-25, changes of 2022-09-21: Shear 70 %, Maria 30 %
    assert owners(resolved("tecido", TECIDO, date(2023, 1, 1))) == {
        SHEAR: pct(70),
        MARIA: pct(30),
    }


def test_tecido_today_is_owned_80_percent_by_shear_trust(db):
    # statement of 2023-03-03: Shear 80 % from 2023-03-01; Maria's remaining 20 % is
    # below the reporting threshold and no longer disclosed (her record is closed)
    assert owners(resolved("tecido", TECIDO)) == {SHEAR: pct(80)}


def test_tecido_today_is_controlled_by_shear_trust(db):
    # 80 % of the votes > 50 %
    assert controllers(resolved("tecido", TECIDO)) == {SHEAR: (True, True, ["voting"])}


# --- full- and simple-pep-declaration: Michael Hubbard, [25, 50) % -----------------------

PEP = [
    ("full-pep-declaration", "a7b3bd81d8ba", "9bcdcc85e803"),
    ("simple-pep-declaration", "841083ba86e3", "c9ceb68d7241"),
]


@pytest.mark.parametrize(("example", "company", "hubbard"), PEP)
def test_a_share_from_25_to_below_50_percent_is_reported_with_its_bounds(
    db, example, company, hubbard
):
    # minimum 25, exclusiveMaximum 50: 25 <= x < 50, reported 25-50
    assert owners(resolved(example, company)) == {hubbard: pct(25, 50)}


@pytest.mark.parametrize(("example", "company", "hubbard"), PEP)
def test_votes_below_50_percent_are_no_control(db, example, company, hubbard):
    # votes 25 <= x < 50: never more than half
    assert controllers(resolved(example, company)) == {}


@pytest.mark.parametrize(("example", "company", "hubbard"), PEP)
def test_at_least_25_percent_makes_a_beneficial_owner(db, example, company, hubbard):
    assert beneficial_owners(resolved(example, company)) == {hubbard: ["ownership"]}


# --- indirect-ownership: Company A, 60 % held by Company B, Person 1 30 % indirectly -----

IND_A, IND_B, IND_P1 = "ad3f6c2fcc9e", "d4ab89ea169a", "c25d4d612c2c"


def test_a_person_behind_an_untyped_link_owns_what_the_summary_states(db):
    # B -> A 60 %; P1 -> B untyped, no share: x; summary P1 -> A indirect 30 %:
    # 0.60 x = 0.30, x = 50 %; P1 = 60 % x 50 % = 30 %, counted once.
    # B is owned (by P1, and by holders not declared): not an ultimate owner.
    assert owners(resolved("indirect-ownership", IND_A)) == {IND_P1: pct(30)}


def test_the_company_in_the_middle_controls_with_60_percent(db):
    # B: 60 % of the votes > 50 %; P1 holds 50 % of B (inferred): not more than half,
    # so P1 does not control B, and B is the ultimate controller as far as is known
    assert controllers(resolved("indirect-ownership", IND_A)) == {IND_B: (True, True, ["voting"])}


def test_the_person_behind_the_untyped_link_is_a_beneficial_owner(db):
    # 30 % >= 25 %
    result = resolved("indirect-ownership", IND_A)

    assert (beneficial_owners(result), beneficial_ownership(result)) == (
        {IND_P1: ["ownership"]},
        {IND_P1: pct(30)},
    )


def test_the_untyped_link_holds_the_share_the_summary_implies(db):
    # of Company B: 0.60 x = 0.30 (the summary about A), x = 50 %
    assert owners(resolved("indirect-ownership", IND_B)) == {IND_P1: pct(50)}


# --- joint-ownership: CHRINON LTD, 100 % held by a joint shareholding of two persons -----

CHRINON, JOINT = "31c55e425764", "91b4236a7d89"
NATALIE, ROBERTO = "1accb8b18b99", "f040df24d9ec"


def test_joint_holders_each_own_their_half_of_the_joint_shareholding(db):
    # arrangement 100 % of CHRINON; Natalie 50 %, Roberto 50 % of the arrangement:
    # 1.00 x 0.50 = 50 % each
    assert owners(resolved("joint-ownership", CHRINON)) == {NATALIE: pct(50), ROBERTO: pct(50)}


def test_the_joint_shareholding_controls_and_neither_holder_alone(db):
    # the arrangement: 100 % of the votes; Natalie and Roberto: 50 % each of the
    # arrangement's votes, not more than half: neither controls it alone
    assert controllers(resolved("joint-ownership", CHRINON)) == {JOINT: (True, True, ["voting"])}


def test_joint_holders_are_beneficial_owners(db):
    # 50 % each >= 25 %
    assert beneficial_owners(resolved("joint-ownership", CHRINON)) == {
        NATALIE: ["ownership"],
        ROBERTO: ["ownership"],
    }


def test_the_joint_shareholding_is_held_half_and_half(db):
    assert owners(resolved("joint-ownership", JOINT)) == {NATALIE: pct(50), ROBERTO: pct(50)}


# --- levent: Levent Trust (fiducie), settlor and trustees, an anonymous beneficiary ------

LEVENT, ANDREW, BELLA, MINOR = "8e40d059", "700c264e", "d8855000", "81337a6e"


def test_settlor_trustees_and_beneficiary_are_the_trusts_beneficial_owners(db):
    # Bella: settlor and trustee; Andrew: trustee; both control as trustees; the
    # anonymous minor: beneficiary
    assert beneficial_owners(resolved("levent", LEVENT)) == {
        BELLA: ["control", "settlor", "trustee"],
        ANDREW: ["control", "trustee"],
        MINOR: ["beneficiaryOfLegalArrangement"],
    }


def test_the_trustees_control_the_trust(db):
    result = resolved("levent", LEVENT)

    assert {rid: (certain, basis) for rid, (certain, _, basis) in controllers(result).items()} == {
        ANDREW: (True, ["trustee"]),
        BELLA: (True, ["trustee"]),
    }


def test_an_anonymous_beneficiary_is_a_declared_unknown_with_its_reason(db):
    # a role in the trust, no share: its ownership is not known (None)
    assert declared_unknowns(resolved("levent", LEVENT)) == [
        (
            MINOR,
            "interestedPartyExemptFromDisclosure",
            "beneficiary is underage and therefore exempt from reporting",
            None,
        )
    ]


# --- listed-company-exempt-from-disclosure: owners not disclosed, and why -----------------


def test_an_exemption_from_disclosure_is_a_declared_unknown_with_its_reason(db):
    # an unspecified interested party in a relationship without interests: no share is
    # known (None)
    result = resolved("listed-company-exempt-from-disclosure", "4c7ea3bfbe6c")

    assert declared_unknowns(result) == [
        (
            "unspecified:fa402c4818f9",
            "subjectExemptFromDisclosure",
            "Exempt from disclosure as a company listed on a recognised stock exchange",
            None,
        )
    ]


# --- mixed-direct-and-indirect-ownership: Company A, Person 1 through B, later directly --

MIX_A, MIX_B, MIX_P1 = "9bfe59b6a869", "ec61aeda7141", "53508b65253f"
MIX_BEFORE = date(2018, 12, 17)  # the statements' date: the direct 50 % starts 2019-05-01


def test_before_the_direct_holding_the_person_owns_half_through_the_company(db):
    # B -> A 50 %; P1 -> B untyped: x; summary indirect 50 %: 0.50 x = 0.50, x = 100 %;
    # P1 = 50 % x 100 % = 50 %. B is owned by P1: not an ultimate owner.
    assert owners(resolved("mixed-direct-and-indirect-ownership", MIX_A, MIX_BEFORE)) == {
        MIX_P1: pct(50)
    }


def test_before_the_direct_holding_nobody_controls(db):
    # B: 50 % of the votes, not more than half; P1 controls B but holds nothing directly
    assert controllers(resolved("mixed-direct-and-indirect-ownership", MIX_A, MIX_BEFORE)) == {}


def test_before_the_direct_holding_the_person_is_a_beneficial_owner(db):
    # 50 % >= 25 %
    result = resolved("mixed-direct-and-indirect-ownership", MIX_A, MIX_BEFORE)

    assert beneficial_owners(result) == {MIX_P1: ["ownership"]}


def test_the_direct_holding_only_the_summary_states_is_added(db):
    # from 2019-05-01: 50 % through B (100 % x 50 %) + 50 % direct = 100 %; the direct
    # interest is in the summary relationship alone, and no component covers it
    assert owners(resolved("mixed-direct-and-indirect-ownership", MIX_A)) == {MIX_P1: pct(100)}


def test_with_the_direct_holding_the_person_controls(db):
    # P1's votes: 50 % own + 50 % of B's, as P1 holds 100 % of B (inferred): 100 % > 50 %
    assert controllers(resolved("mixed-direct-and-indirect-ownership", MIX_A)) == {
        MIX_P1: (True, True, ["voting"])
    }


def test_with_the_direct_holding_the_person_is_beneficial_owner_by_ownership_and_control(db):
    result = resolved("mixed-direct-and-indirect-ownership", MIX_A)

    assert beneficial_owners(result) == {MIX_P1: ["control", "ownership"]}


def test_the_untyped_link_in_the_mixed_example_holds_what_the_summary_implies(db):
    # of Company B: 0.50 x = 0.50 (the summary about A), x = 100 %
    assert owners(resolved("mixed-direct-and-indirect-ownership", MIX_B)) == {MIX_P1: pct(100)}


# --- multiple-indirect-ownership: Company B, via C (50 %) and D (50 %), Person 1 60 % ---

MULTI_B, MULTI_C, MULTI_D, MULTI_P1 = (
    "63e3a8a8946f",
    "d177864a8b39",
    "05fbbfb94b79",
    "92ebf964a1f6",
)


def test_a_person_behind_two_untyped_links_owns_what_the_summary_states(db):
    # C -> B 50 %, D -> B 50 %; P1 -> C: x, P1 -> D: y (untyped, no share);
    # summary P1 -> B indirect 60 %: 0.5 x + 0.5 y = 0.60. P1 = 60 %, counted once;
    # C and D are owned by P1: not ultimate owners.
    assert owners(resolved("multiple-indirect-ownership", MULTI_B)) == {MULTI_P1: pct(60)}


def test_a_person_behind_two_untyped_links_may_control(db):
    # x + y = 1.2, x and y in [0.2, 1.0]: P1 controls B only by controlling both C and D
    # (x > 0.5 and y > 0.5, e.g. 60/60), which is possible but not certain (100/20).
    # C and D: 50 % each, neither more than half.
    assert certainty(resolved("multiple-indirect-ownership", MULTI_B)) == {MULTI_P1: False}


def test_a_person_behind_two_untyped_links_is_a_beneficial_owner(db):
    # 60 % >= 25 %, and possibly in control
    result = resolved("multiple-indirect-ownership", MULTI_B)

    assert beneficial_owners(result) == {MULTI_P1: ["control_possible", "ownership"]}


@pytest.mark.parametrize("company", [MULTI_C, MULTI_D])
def test_each_untyped_link_holds_between_20_and_100_percent(db, company):
    # x + y = 1.2 with x, y <= 1: each is at least 1.2 - 1 = 20 %
    assert owners(resolved("multiple-indirect-ownership", company)) == {MULTI_P1: pct(20, 100)}


# --- mutilple-indirect-ownership-2: Company A, via B (40 %) and C (20 %), Person 1 60 % --

MULTI2_A, MULTI2_B, MULTI2_C, MULTI2_P1 = (
    "1e049760d6c7",
    "41454e3ba398",
    "6c9fd5c92201",
    "731c7a8e7601",
)


def test_a_person_behind_two_untyped_links_owns_60_percent(db):
    # B -> A 40 %, C -> A 20 %; summary P1 -> A indirect 60 %: 0.40 x + 0.20 y = 0.60,
    # which with x, y <= 1 forces x = y = 100 %: 40 + 20 = 60 %
    assert owners(resolved("mutilple-indirect-ownership-2", MULTI2_A)) == {MULTI2_P1: pct(60)}


def test_a_person_controlling_both_companies_controls_with_their_votes_together(db):
    # P1 holds 100 % of B and of C (forced): their votes 40 + 20 = 60 % > 50 %;
    # B (40 %) and C (20 %) control nothing alone
    assert controllers(resolved("mutilple-indirect-ownership-2", MULTI2_A)) == {
        MULTI2_P1: (True, True, ["voting"])
    }


def test_a_person_controlling_both_companies_is_beneficial_owner_by_ownership_and_control(db):
    result = resolved("mutilple-indirect-ownership-2", MULTI2_A)

    assert beneficial_owners(result) == {MULTI2_P1: ["control", "ownership"]}


@pytest.mark.parametrize("company", [MULTI2_B, MULTI2_C])
def test_each_forced_untyped_link_holds_100_percent(db, company):
    # x = y = 100 % (forced by 0.40 x + 0.20 y = 0.60)
    assert owners(resolved("mutilple-indirect-ownership-2", company)) == {MULTI2_P1: pct(100)}


# --- nomination: Silvia (nominator) has Vanessa (nominee) on the board --------------------

CORAZONES, NOMINATION, SILVIA = "104AB1984C", "103AB1984D", "101AB1984F"


def test_the_nominator_not_the_nominee_is_the_beneficial_owner(db):
    # summary: Silvia's influence over the company through the nomination (BOorC true);
    # Vanessa Rivero (102AB1984E) sits for her and is not a beneficial owner
    assert set(beneficial_owners(resolved("nomination", CORAZONES))) == {SILVIA}


def test_the_nominator_holds_the_influence_and_the_board_seat_alone_is_not_control(db):
    # otherInfluenceOrControl (summary 108AC1984E); the nomination's one board seat is
    # not control
    result = resolved("nomination", CORAZONES)

    assert {rid: basis for rid, (_, _, basis) in controllers(result).items()} == {
        SILVIA: ["other_influence"]
    }


def test_a_nomination_has_no_owner(db):
    # the nominator and the nominee hold roles in the arrangement, no share of it
    assert owners(resolved("nomination", NOMINATION)) == {}


def test_the_nominator_is_a_beneficial_owner_of_the_nomination(db):
    result = resolved("nomination", NOMINATION)

    assert {rid: "nominator" in basis for rid, basis in beneficial_owners(result).items()} == {
        SILVIA: True
    }
