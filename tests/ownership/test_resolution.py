"""Resolution: control, ultimate controllers, beneficial owners, unknowns, state links."""

from datetime import date

from core.pure.codes import is_third_country
from ownership.pure.control import Right
from ownership.pure.engine import Holding
from ownership.pure.resolution import Party, Structure, resolve
from tests.ownership import PROMISED_KEYS

ON = date(2026, 6, 1)


def entity(rid, country="DE", entity_type="registeredEntity", **kw):
    return Party(rid, rid.title(), "entity", entity_type=entity_type, country=country, **kw)


def person(rid, country="DE"):
    return Party(rid, rid.title(), "person", country=country)


def both(owner, subject, low, high=None):
    """Shares and votes alike, as most shareholdings are."""
    holding = Holding(owner, subject, low, low if high is None else high)
    return holding


def structure(parties, holdings=(), rights=(), votes=None):
    holdings = list(holdings)
    return Structure(
        parties={p.record_id: p for p in parties},
        shares=holdings,
        votes=holdings if votes is None else list(votes),
        rights=list(rights),
    )


def run(subject, data, **kw):
    return resolve(subject, data, as_of=ON, is_third_country=is_third_country, **kw)


def test_state_bodies_of_one_country_act_as_one_state_without_double_counting():
    # BODS example bods-package-fi-soe: the Ministry of Finance holds 23.5 % of Gasgrid
    # directly and 100 % of Suomen Kaasuverkko, which holds 76.5 %: 23.5 + 76.5 = 100 %.
    # The state's own 100 % of its ministry must not be added on top.
    data = structure(
        [
            entity("gasgrid", "FI"),
            entity("kaasuverkko", "FI"),
            entity("ministry", "FI", "stateBody"),
            entity("finland", "FI", "state"),
        ],
        [
            both("ministry", "gasgrid", 23.5),
            both("ministry", "kaasuverkko", 100),
            both("kaasuverkko", "gasgrid", 76.5),
            both("finland", "ministry", 100),
        ],
    )

    link = run("gasgrid", data)["state_links"][0]

    assert link["country"] == "FI"
    assert link["ownership"] == {"min": 100.0, "max": 100.0}
    assert link["control"] is True
    assert link["third_country"] is False


def test_a_third_country_state_body_behind_the_investor_is_flagged():
    # SASAC holds 60 % of the group, which holds all of the investor: 60 %, and control
    # (60 % of the group's votes, and the group's 100 % of the investor's).
    data = structure(
        [entity("investor", "HK"), entity("group", "CN"), entity("sasac", "CN", "stateBody")],
        [both("group", "investor", 100), both("sasac", "group", 60)],
    )

    link = run("investor", data)["state_links"][0]

    assert (link["country"], link["third_country"], link["control"]) == ("CN", True, True)
    assert link["ownership"] == {"min": 60.0, "max": 60.0}
    # the state body that holds keeps its place in the chain shown
    assert link["chains"][0]["parties"] == ["state:CN", "sasac", "group", "investor"]


def test_a_state_owned_enterprise_from_a_watch_list_counts_as_its_state():
    data = structure(
        [entity("target"), entity("soe", "CN", is_state_owned=True)],
        [both("soe", "target", 30)],
    )

    links = run("target", data)["state_links"]

    assert [(link["country"], link["ownership"]["min"]) for link in links] == [("CN", 30.0)]


def test_votes_of_controlled_entities_are_added_up():
    # P holds 30 % of S's votes and controls A (60 %), which holds 25 %: 55 % > 50 %.
    data = structure(
        [entity("s"), entity("a"), entity("p")],
        [both("p", "s", 30), both("p", "a", 60), both("a", "s", 25)],
    )

    controllers = {c["record_id"]: c for c in run("s", data)["controllers"]}

    assert controllers["p"]["certain"] is True
    assert "a" not in controllers  # 25 % alone is no control


def test_a_golden_share_controls_without_votes():
    data = structure(
        [entity("s"), entity("g", "IT", "stateBody")],
        rights=[Right("g", "s", "golden_share")],  # held by a state body: the state holds it
    )

    controllers = run("s", data)["controllers"]

    assert [(c["record_id"], c["basis"]) for c in controllers] == [("state:IT", ["golden_share"])]


def test_the_right_to_appoint_the_board_controls():
    data = structure([entity("s"), entity("b")], rights=[Right("b", "s", "board")])

    assert [c["record_id"] for c in run("s", data)["controllers"]] == ["b"]


def test_only_the_top_of_a_control_chain_is_the_ultimate_controller():
    data = structure(
        [entity("s"), entity("a"), entity("p")], [both("p", "a", 80), both("a", "s", 70)]
    )

    controllers = {c["record_id"]: c["ultimate"] for c in run("s", data)["controllers"]}

    assert controllers == {"a": False, "p": True}


def test_a_control_ring_is_ultimate_together():
    # A and B hold 60 % of each other's votes and nobody outside controls them.
    data = structure(
        [entity("s"), entity("a"), entity("b"), entity("x"), entity("y")],
        [
            both("a", "b", 60),
            both("b", "a", 60),
            both("a", "s", 70),
            both("x", "a", 40),
            both("y", "b", 40),
        ],
    )

    controllers = {c["record_id"]: c["ultimate"] for c in run("s", data)["controllers"]}

    assert controllers == {"a": True, "b": True}


def test_a_voting_range_that_may_pass_half_is_possible_control():
    data = structure([entity("s"), entity("p")], [both("p", "s", 40, 60)])

    (controller,) = run("s", data)["controllers"]

    assert (controller["record_id"], controller["certain"]) == ("p", False)


def test_a_person_with_25_percent_or_more_is_a_beneficial_owner():
    # Ana holds 50 % of H, which holds 60 % of S: 30 %. Ben holds 20 % directly.
    data = structure(
        [entity("s"), entity("h"), person("ana"), person("ben")],
        [both("ana", "h", 50), both("h", "s", 60), both("ben", "s", 20)],
    )

    owners = {o["record_id"]: o["basis"] for o in run("s", data)["beneficial_owners"]}

    assert owners == {"ana": ["ownership"]}


def test_the_beneficial_ownership_threshold_is_configurable():
    data = structure([entity("s"), person("ben")], [both("ben", "s", 20)])

    owners = run("s", data, beneficial_threshold=10.0)["beneficial_owners"]

    assert [o["record_id"] for o in owners] == ["ben"]


def test_control_by_contract_makes_a_beneficial_owner_without_shares():
    data = structure([entity("s"), person("cem")], rights=[Right("cem", "s", "contract")])

    (owner,) = run("s", data)["beneficial_owners"]

    assert (owner["record_id"], owner["basis"]) == ("cem", ["control"])


def test_a_declared_unknown_owner_is_reported_with_its_reason():
    unknown = Party("u1", "Free float", "unspecified", reason="informationUnknownToPublisher")
    data = structure([entity("s"), entity("p"), unknown], [both("p", "s", 60), both("u1", "s", 40)])

    (reported,) = run("s", data)["unknowns"]

    assert (reported["reason"], reported["ownership"]) == (
        "informationUnknownToPublisher",
        {"min": 40.0, "max": 40.0},
    )


def test_the_result_has_the_keys_the_command_and_api_promise():
    data = structure([entity("s"), entity("p")], [both("p", "s", 60)])

    assert set(run("s", data)) == PROMISED_KEYS


def test_a_beneficial_owner_comes_with_the_chains_that_explain_it():
    data = structure(
        [entity("s"), entity("h"), person("ana")], [both("ana", "h", 50), both("h", "s", 60)]
    )

    (owner,) = run("s", data)["beneficial_owners"]

    assert owner["chains"] == [{"parties": ["ana", "h", "s"], "share": {"min": 30.0, "max": 30.0}}]


def test_a_closed_cycle_is_one_warning_naming_its_parties():
    # A and B hold all of each other: nobody outside owns them (closed on both the lower
    # and the upper shares, still one warning)
    data = structure(
        [entity("s"), entity("a"), entity("b")],
        [both("a", "s", 60), both("a", "b", 100), both("b", "a", 100)],
    )

    assert run("s", data)["warnings"] == [
        "A and B hold each other and nobody outside owns them: a closed cycle, shown as one "
        "owner (on the exact shares)."
    ]


def test_shares_over_100_percent_are_named_by_the_party_they_are_declared_in():
    # 70 + 60 = 130 % of S
    data = structure(
        [entity("s"), entity("a"), entity("b")], [both("a", "s", 70), both("b", "s", 60)]
    )

    assert run("s", data)["warnings"] == ["The shares declared in S add up to 130 %."]


def test_a_state_owned_enterprise_folded_into_its_state_keeps_its_place_in_the_chain():
    # CN (state) 100 % of the SOE, the SOE 80 % of H, H 60 % of S: the SOE acts as state:CN
    # (48 % = 0.80 x 0.60), and the chain shown still runs through it
    data = structure(
        [
            entity("s"),
            entity("cn", "CN", "state"),
            entity("soe", "CN", is_state_owned=True),
            entity("h"),
        ],
        [both("cn", "soe", 100), both("soe", "h", 80), both("h", "s", 60)],
    )

    [link] = run("s", data)["state_links"]

    assert link["chains"] == [
        {"parties": ["state:CN", "soe", "h", "s"], "share": {"min": 48.0, "max": 48.0}}
    ]
