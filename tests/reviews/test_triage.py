"""Triage scores on hand-counted points: a recommendation with its reasons."""

from reviews.pure import triage


def state_link(country, *, third_country=True, control=False, low=0.0, high=0.0):
    return {
        "country": country,
        "third_country": third_country,
        "control": control,
        "ownership": {"min": low, "max": high},
        "basis": ["stateBody upstream"],
    }


def test_sectors_add_points_up_to_their_cap():
    # infrastructure 12 + technology 12 + inputs 8 = 32, capped at 30.
    score, reasons = triage.assess(
        {"sectors": ["infrastructure.energy", "technology.semiconductors", "inputs.energy"]},
        None,
    )

    assert score == 30
    assert [r.points for r in reasons] == [12, 12, 6]


def test_control_by_a_third_country_state_scores_highest():
    ownership = {"state_links": [state_link("CN", control=True, low=60, high=60)], "unknowns": []}

    score, reasons = triage.assess({"sectors": []}, ownership)

    assert score == 35
    assert reasons[0].factor == "Art. 4(2)(a)"
    assert reasons[0].detail.startswith("Controlled by the state of CN")


def test_a_member_state_holding_is_not_an_art_4_2_a_concern():
    ownership = {
        "state_links": [state_link("FR", third_country=False, control=True, high=100)],
        "unknowns": [],
    }

    assert triage.assess({"sectors": []}, ownership) == (0, [])


def test_a_sanctioned_party_upstream_is_a_reason():
    score, reasons = triage.assess({"sectors": []}, None, [("Volga Holdings", "sanction")])

    assert (score, reasons[0].detail) == (40, "Volga Holdings is on a sanctions list.")


def test_the_score_never_passes_100():
    ownership = {
        "state_links": [state_link("CN", control=True, high=100)],
        "unknowns": [{"name": "Unnamed", "reason": "unknown", "ownership": {"min": 0, "max": 40}}],
    }
    content = {
        "sectors": ["infrastructure.defence", "technology.defence"],
        "ultimate_investors": [{"kind": "state"}],
        "funding": [{"provider_name": "State Bank", "is_state_linked": True}],
    }

    score, _ = triage.assess(content, ownership, [("X", "sanction")])

    assert score == 100


def test_the_origin_countries_join_the_declared_investors_and_the_linked_states():
    from reviews.opening import origin_countries

    content = {"ultimate_investors": [{"name": "Fund", "country": "ae"}]}
    ownership = {"state_links": [state_link("CN", control=True, high=60)]}

    assert origin_countries(content, ownership) == ["AE", "CN"]


def test_a_sector_reason_names_the_sector_in_words_not_its_code():
    _, reasons = triage.assess({"sectors": ["infrastructure.energy"]}, None)

    assert reasons[0].detail == "Sector: Critical infrastructure: energy"


def test_a_declared_unknown_owner_gives_its_reason_in_words():
    unknown = {
        "name": "Listed free float (40 %)",
        "reason": "informationUnknownToPublisher",
        "ownership": {"min": 0, "max": 40},
    }

    _, reasons = triage.assess({"sectors": []}, {"state_links": [], "unknowns": [unknown]})

    assert reasons[0].detail == "Listed free float (40 %) (not known to the filer): up to 40 %"
