"""The layout of the ownership picture (pure arithmetic, no database)."""

from reviews.ownership_picture import layout

PARTIES = {
    "investor": ("Investor BV", "NL", "entity", False),
    "group": ("Group Ltd", "HK", "entity", False),
    "cn": ("SASAC", "CN", "entity", True),
    "ru": ("Rosimushchestvo", "RU", "entity", True),
    "float": ("Free float", "", "unspecified", False),
}


def picture(**overrides):
    arguments = {
        "subject": "investor",
        "parties": PARTIES,
        "holdings": [
            ("group", "investor", 60, 60),
            ("ru", "investor", 25, 30),
            ("float", "investor", 10, 15),
            ("cn", "group", 100, 100),
        ],
        "state_links": {"group": "CN", "cn": "CN", "ru": "RU"},
        "cycles": set(),
    }
    return layout(**{**arguments, **overrides})


def boxes(drawn):
    return {box.record_id: box for box in drawn.boxes}


def test_owners_are_drawn_above_what_they_own():
    drawn = boxes(picture())

    assert drawn["cn"].y < drawn["group"].y < drawn["investor"].y


def test_a_range_of_shares_is_labelled_with_its_bounds():
    labels = {edge.label for edge in picture().edges}

    assert {"60 %", "25–30 %", "10–15 %", "100 %"} <= labels


def test_each_third_country_has_its_own_colour():
    drawn = picture()
    colour = {box.state_link: box.colour for box in drawn.boxes if box.state_link}

    assert drawn.countries == [("CN", 0), ("RU", 1)]
    assert colour == {"CN": 0, "RU": 1}


def test_a_declared_unknown_owner_is_marked():
    assert "unknown" in boxes(picture())["float"].classes


def test_a_cycle_member_is_marked():
    drawn = boxes(picture(cycles={"group"}))

    assert "cycle" in drawn["group"].classes
    assert "cycle" not in drawn["investor"].classes
