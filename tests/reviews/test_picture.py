"""The layout of the ownership picture (pure arithmetic, no database)."""

import itertools

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


# The Elbtal cross-holding of the demo: Lion City owns 30 % of Meridian, Meridian 50 % of
# Lion City (issue 17, defect 7: the two labels were drawn on top of each other).
CROSS = {
    "meridian": ("Meridian Semiconductor Holdings Pte. Ltd.", "SG", "entity", False),
    "lion": ("Lion City Tech Ventures Pte. Ltd.", "SG", "entity", False),
    "tan": ("Tan Wei Ming", "SG", "person", False),
}


def cross_holding(**more):
    return layout(
        subject="meridian",
        parties=CROSS,
        holdings=[
            ("lion", "meridian", 30, 30),
            ("tan", "meridian", 70, 70),
            ("meridian", "lion", 50, 50),
        ],
        state_links={},
        cycles={"meridian", "lion"},
        **more,
    )


def test_the_two_edges_of_a_cross_holding_run_apart_with_their_labels_apart():
    drawn = cross_holding()
    between = [
        e for e in drawn.edges if {e.owner, e.owned} == {CROSS["lion"][0], CROSS["meridian"][0]}
    ]

    first, second = between
    assert first.x1 != second.x1  # side by side, not one line over the other
    assert (first.label_x, first.label_y) != (second.label_x, second.label_y)


def test_an_edge_runs_from_its_owner_to_what_it_owns():
    drawn = cross_holding()
    box = boxes(drawn)
    up = next(e for e in drawn.edges if e.owner == CROSS["meridian"][0])

    # Meridian (drawn below) owns Lion City (drawn above): from Meridian's top edge to
    # Lion City's bottom edge; the arrowhead is drawn at the end, on Lion City.
    assert (up.y1, up.y2) == (box["meridian"].y, box["lion"].y + 50)


def test_the_target_is_drawn_below_the_investor_with_the_stake_acquired():
    drawn = cross_holding(target=("Elbtal Mikrosysteme AG", "DE", "acquires 35 %"))
    box = boxes(drawn)

    assert box["target of the investment"].y > box["meridian"].y
    assert "acquires 35 %" in {e.label for e in drawn.edges}


def test_a_long_name_is_cut_on_its_box_and_kept_whole():
    meridian = boxes(cross_holding())["meridian"]

    assert meridian.label == "Meridian Semiconductor Ho…"
    assert meridian.name == "Meridian Semiconductor Holdings Pte. Ltd."


def test_two_hundred_parties_are_drawn_without_one_box_on_another():
    # A fund held by 199 investors, each directly: 200 parties, one row of 199 owners.
    parties = {"fund": ("Fund", "LU", "entity", False)}
    parties |= {f"i{n}": (f"Investor {n}", "US", "entity", False) for n in range(199)}
    holdings = [(f"i{n}", "fund", 0.5, 0.5) for n in range(199)]

    drawn = layout(subject="fund", parties=parties, holdings=holdings, state_links={}, cycles=set())

    assert not drawn.too_big and len(drawn.boxes) == 200
    spots = {(box.x, box.y) for box in drawn.boxes}
    assert len(spots) == 200
    # Boxes of one row stand a box's width and a gap apart: none overlaps its neighbour.
    row = sorted(box.x for box in drawn.boxes if box.record_id != "fund")
    assert min(b - a for a, b in itertools.pairwise(row)) >= 230
