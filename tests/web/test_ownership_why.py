"""Each owner's figure with the chains behind it (issue 17: a "why" panel), on the
demo's Elbtal cross-holding: Tan Wei Ming owns 70 % of Meridian; Harbour Bridge owns
50 % of Lion City, which owns 30 % of Meridian, which owns 50 % of Lion City."""

import re

from screening.demo import semiconductor_filing


def why_of(page, owner):
    # The integrated-ownership row of the owner: its name, then its "Why".
    row = re.search(
        rf"<td>{re.escape(owner)}[^<]*(?:<span[^>]*>[^<]*</span>)?\s*"
        r'<details class="why">.*?</details>',
        page,
        re.S,
    )
    assert row, owner
    return re.findall(r"<li>(.*?)</li>", row.group(0))


def test_each_owner_lists_its_chains_and_what_the_cross_holding_adds(verified, investor, file):
    case = file(investor, semiconductor_filing())

    page = verified.get(f"/review/cases/{case.pk}/").content.decode()

    # Tan: 70 % directly; with the cycle 0.7 / (1 - 0.3 x 0.5) = 82.35 %, so 12.35 % more.
    assert why_of(page, "Tan Wei Ming") == [
        "Tan Wei Ming → Meridian Semiconductor Holdings Pte. Ltd.: 70.00 %",
        "and 12.35 % more round a cross-holding: each time the shares go round the cycle "
        "they add a smaller part, summed to the end",
    ]
    # Harbour Bridge: 50 % x 30 % = 15 % along its chain; 15 / 0.85 = 17.65 %.
    assert why_of(page, "Harbour Bridge Capital LLC")[0] == (
        "Harbour Bridge Capital LLC → Lion City Tech Ventures Pte. Ltd. → "
        "Meridian Semiconductor Holdings Pte. Ltd.: 15.00 %"
    )
