"""The layout of the ownership picture: Graphviz's where the server has it (.ci/run
installs it), rows of our own where it has not (docs/review.md)."""

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


def on_border(point, box, slack=2):
    """Whether a point lies on a box's outline (within `slack` pixels)."""
    x, y = point
    inside_x = box.x - slack <= x <= box.x + 230 + slack
    inside_y = box.y - slack <= y <= box.y + 50 + slack
    near_x = min(abs(x - box.x), abs(x - box.x - 230)) <= slack
    near_y = min(abs(y - box.y), abs(y - box.y - 50)) <= slack
    return inside_x and inside_y and (near_x or near_y)


def test_an_edge_runs_from_its_owner_to_what_it_owns():
    drawn = cross_holding()
    box = boxes(drawn)
    up = next(e for e in drawn.edges if e.owner == CROSS["meridian"][0])

    # Meridian owns 50 % of Lion City: the arrow leaves Meridian's box and its head's
    # tip touches Lion City's box.
    assert drawn.laid_out_by == "graphviz"
    assert on_border((up.x1, up.y1), box["meridian"])
    assert on_border((up.x2, up.y2), box["lion"])


def test_the_investors_owners_stay_above_it_in_a_cross_holding():
    # Meridian also owns half of Lion City, its own owner: Lion City stays above.
    box = boxes(cross_holding())

    assert box["lion"].y < box["meridian"].y
    assert box["tan"].y < box["meridian"].y


def label_area(edge):
    """Where an edge's label is drawn: 13 px bold, about 8 px a character."""
    half = 4 * len(edge.label)
    return (edge.label_x - half, edge.label_y - 8, edge.label_x + half, edge.label_y + 8)


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_no_label_lies_on_a_box_or_on_another_label():
    target = ("Elbtal Mikrosysteme AG", "DE", "acquires 35 %")
    for drawn in (cross_holding(target=target), picture(target=target)):
        labels = [label_area(edge) for edge in drawn.edges]
        areas = [(b.x, b.y, b.x + 230, b.y + 50) for b in drawn.boxes]

        assert not any(overlap(label, area) for label in labels for area in areas)
        assert not any(overlap(a, b) for a, b in itertools.combinations(labels, 2))


def test_names_of_any_kind_do_not_disturb_the_layout():
    # Names never reach Graphviz (the boxes are numbered), so quotes and braces are text.
    hostile = {
        "meridian": ('Meridian "]; a -> b [label="x', "SG", "entity", False),
        "lion": ("Lion City } digraph {", "SG", "entity", False),
        "tan": ("Tan \\N Wei Ming", "SG", "person", False),
    }
    drawn = layout(
        subject="meridian",
        parties=hostile,
        holdings=[("lion", "meridian", 30, 30), ("tan", "meridian", 70, 70)],
        state_links={},
        cycles=set(),
    )

    assert drawn.laid_out_by == "graphviz"
    assert {box.name for box in drawn.boxes} == {name for name, *_ in hostile.values()}


def test_without_graphviz_the_boxes_go_in_rows_with_straight_arrows():
    drawn = cross_holding(engine="rows")
    box = boxes(drawn)
    up = next(e for e in drawn.edges if e.owner == CROSS["meridian"][0])

    assert drawn.laid_out_by == "rows"
    # One row per step up: Tan Wei Ming and Lion City own Meridian directly.
    assert box["tan"].y == box["lion"].y < box["meridian"].y
    # From Meridian's top edge to Lion City's bottom edge, in a straight line.
    assert (up.y1, up.y2) == (box["meridian"].y, box["lion"].y + 50)
    assert up.path == f"M {up.x1},{up.y1} L {up.x2},{up.y2}"


def test_without_graphviz_the_two_edges_of_a_cross_holding_still_run_apart():
    drawn = cross_holding(engine="rows")
    first, second = (
        e for e in drawn.edges if {e.owner, e.owned} == {CROSS["lion"][0], CROSS["meridian"][0]}
    )

    assert first.x1 != second.x1
    assert (first.label_x, first.label_y) != (second.label_x, second.label_y)


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


def web_of_holdings(parties, extra, seed):
    """A tree of `parties` (each held 10 % by an earlier one) with `extra` holdings
    between random parties on top: cross-holdings and cycles of every length."""
    import random

    draw = random.Random(seed)
    named = {f"p{i}": (f"Party {i}", "NL", "entity", False) for i in range(parties)}
    holdings = [(f"p{i}", f"p{draw.randrange(0, i)}", 10, 10) for i in range(1, parties)]
    for _ in range(extra):
        holdings.append((f"p{draw.randrange(parties)}", f"p{draw.randrange(parties)}", 5, 100))
    return named, holdings


def test_a_dense_web_of_cycles_is_still_laid_out_by_graphviz():
    # 137 parties, 351 holdings: dot 2.43 failed on this one ("trouble in init_rank")
    # while arrows back down a cycle were sent as constraint=false.
    parties, holdings = web_of_holdings(137, 215, seed=39)

    drawn = layout(subject="p0", parties=parties, holdings=holdings, state_links={}, cycles=set())

    assert drawn.laid_out_by == "graphviz"
    assert len(drawn.edges) == len(holdings)


def test_more_holdings_than_dot_should_be_asked_about_go_in_rows_and_say_so():
    # 100 parties, 99 + 600 = 699 holdings: over the 600 sent to dot.
    parties, holdings = web_of_holdings(100, 600, seed=1)

    drawn = layout(subject="p0", parties=parties, holdings=holdings, state_links={}, cycles=set())

    assert drawn.laid_out_by == "rows-large"
    assert drawn.in_rows_because == "the structure has more than 600 holdings"
