"""The Art. 5 report names both countries for what they count (issue 17, defect 12: it
counted Nordwind's acquiring company in HK where the queue showed its Chinese owner)."""

import csv
import io

from django.utils import timezone

from tests.factories import complete_content


def test_the_report_counts_the_acquirers_country_and_the_ultimate_investors_apart(
    verified, investor, file
):
    content = complete_content()
    content["investor"]["country"] = "HK"  # the acquiring company; its owner Li Na is CN
    file(investor, content)

    year = timezone.localdate().year
    body = verified.get(f"/review/statistics/?year={year}&download=csv").content.decode()

    rows = {(r["section"], r["item"]): int(r["count"]) for r in csv.DictReader(io.StringIO(body))}
    assert rows[("Countries of the acquiring investors", "HK")] == 1
    assert rows[("Countries of the ultimate investors and linked states", "CN")] == 1
