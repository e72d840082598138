"""The case page shows the Art. 15(1) information of a filing and the filer's
confidentiality marks (Art. 4(6)) beside the sections marked."""

from django.utils import timezone

from reviews.models import Case
from tests.factories import complete_content
from tests.reviews.conftest import file  # noqa: F401 - the fixture


def test_marked_sections_carry_the_confidential_mark_on_the_case_page(
    verified,
    investor,
    file,  # noqa: F811 - the fixture
):
    this_year = timezone.localdate().year
    content = complete_content(
        union_grants=[
            {
                "programme": "Horizon Europe",
                "amount": "900000",
                "currency": "EUR",
                "year": this_year,
            }
        ],
        other_filings=[{"member_state": "FR", "reference": "FR-2026-17", "filed_on": "2026-11-02"}],
        confidential=["funding", "union_grants"],
    )
    case: Case = file(investor, content)

    page = verified.get(f"/review/cases/{case.pk}/").content.decode()

    assert "the filer marks these sections confidential: funding, union_grants" in page
    assert (
        'Union grants (EUR 750,000 or more, five years) <span class="marking">confidential</span>'
        in page
    )
    assert "FR: FR-2026-17, filed 2026-11-02" in page


def test_a_section_declared_empty_reads_none_declared(
    verified,
    investor,
    file,  # noqa: F811 - the fixture
):
    case: Case = file(investor, complete_content(annex_ii_projects=[]))

    page = verified.get(f"/review/cases/{case.pk}/").content.decode()

    assert "<dt>Projects of Union interest (Annex II)</dt><dd>None declared</dd>" in page


def test_the_target_s_beneficial_owners_are_named_as_the_target_s(
    verified,
    investor,
    file,  # noqa: F811 - the fixture
):
    owners = [{"of": "target", "name": "Katrin Lehmann", "country": "DE"}]
    case: Case = file(investor, complete_content(beneficial_owners=owners))

    page = verified.get(f"/review/cases/{case.pk}/").content.decode()

    assert "of the target: Katrin Lehmann, DE" in page
