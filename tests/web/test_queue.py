"""The queue's filters and search: what a reviewer narrows the cases by, and the
messages for filters the page cannot use."""

from tests.factories import VALID_LEI
from tests.reviews.conftest import act, file, make_staff  # noqa: F401 - the fixture


def queue(client, query):
    response = client.get(f"/review/cases/?{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_ultimate_investors_country_finds_the_case(verified, filed):
    _, case = filed  # its ultimate investor, Li Na, is declared in CN

    assert case.reference in queue(verified, "origin_country=cn")


def test_another_origin_country_does_not(verified, filed):
    _, case = filed

    assert case.reference not in queue(verified, "origin_country=US")


def test_the_sector_filter_finds_the_case(verified, filed):
    _, case = filed  # technology.robotics

    assert case.reference in queue(verified, "sector=technology.robotics")


def test_another_sector_does_not(verified, filed):
    _, case = filed

    assert case.reference not in queue(verified, "sector=infrastructure.water")


def test_a_minimum_risk_above_the_cases_score_leaves_it_out(verified, filed):
    _, case = filed

    assert case.reference in queue(verified, f"risk_min={case.risk_score}")
    assert case.reference not in queue(verified, f"risk_min={case.risk_score + 1}")


def test_the_investors_lei_finds_the_case(verified, filed):
    _, case = filed

    assert case.reference in queue(verified, f"q={VALID_LEI.lower()}")


def test_part_of_the_investors_name_finds_the_case(verified, filed):
    _, case = filed  # Far East Holdings Ltd

    assert case.reference in queue(verified, "q=east+hold")


def test_part_of_the_reference_finds_the_case(verified, filed):
    _, case = filed  # DE-2026-000001: its number without the node and year

    assert case.reference in queue(verified, f"q={case.reference[-6:]}")


def test_the_filing_reference_finds_its_case(verified, filed):
    _, case = filed

    assert case.reference in queue(verified, f"q={case.filing.reference}")


def test_an_owner_the_filing_declares_finds_the_case(verified, filed):
    _, case = filed  # its ultimate investor: Li Na

    assert case.reference in queue(verified, "q=li+na")


def test_a_name_nobody_in_the_case_has_finds_nothing(verified, filed):
    _, case = filed

    assert case.reference not in queue(verified, "q=tan+wei")


def test_an_unknown_country_code_is_named_next_to_its_field(verified, filed):
    page = queue(verified, "origin_country=ZZ")

    assert "&#x27;ZZ&#x27; is not an ISO 3166-1 alpha-2 country code" in page


def test_a_risk_score_that_is_not_a_number_is_named_next_to_its_field(verified, filed):
    page = queue(verified, "risk_min=high")

    assert "Enter a whole number." in page


def test_the_api_filters_by_the_ultimate_investors_country(verified, filed):
    _, case = filed

    found = verified.get("/api/v1/cases/?origin_country=CN").json()["results"]

    assert [row["reference"] for row in found] == [case.reference]


def test_the_page_takes_the_apis_parameter_names_and_still_reads_old_links(verified, filed):
    _, case = filed

    case.refresh_from_db()
    assert not case.has_state_link  # its owners are no state's

    assert case.reference in queue(verified, "origin_country=CN")
    assert case.reference not in queue(verified, "origin_country=CN&has_state_link=on")
    # Links saved before the page took the API's names still filter.
    assert case.reference in queue(verified, "origin=CN")
    assert case.reference not in queue(verified, "origin=CN&state_link=on")


def test_the_api_refuses_an_unknown_country_with_the_pages_message(verified, filed):
    response = verified.get("/api/v1/cases/?origin_country=ZZ")

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["attr"] == "origin_country"
    assert error["detail"] == "'ZZ' is not an ISO 3166-1 alpha-2 country code (e.g. CN, US)."


def test_the_page_sorts_by_the_apis_ordering_values_and_old_ones(verified, filed):
    page = queue(verified, "ordering=-risk_score")
    old_link = queue(verified, "ordering=risk")

    assert '<option value="-risk_score" selected>' in page
    assert '<option value="-risk_score" selected>' in old_link


def test_an_empty_field_of_the_pages_form_is_no_filter(verified, filed):
    _, case = filed

    page = queue(verified, "q=&status=&assignee=&sector=&origin_country=&has_state_link=")

    assert case.reference in page
    assert "Some filters could not be used" not in page


def test_the_assignee_filter_offers_the_authoritys_officers(verified, filed):
    page = queue(verified, "")

    assert '<option value="me">Me</option>' in page
    assert '<option value="none">Nobody</option>' in page
    # the signed-in senior is an officer of the authority: offered by name
    assert '<option value="pages-senior">pages-senior</option>' in page


def queue_order(client, query):
    """The references in the order the API gives them."""
    return [case["reference"] for case in client.get(f"/api/v1/cases/?{query}").json()["results"]]


def test_cases_without_a_deadline_come_last_whichever_way_the_deadline_sorts(
    investor,
    file,  # noqa: F811 - the fixture
    verified,
):
    # Two cases: one in phase 1 (a deadline), one just received (none).
    running, waiting = file(investor), file(investor)
    act(make_staff("senior_officer", "case_officer"), running, "open_phase_1")

    soonest_first = queue_order(verified, "ordering=deadline")
    latest_first = queue_order(verified, "ordering=-deadline")

    assert (soonest_first, latest_first) == (
        [running.reference, waiting.reference],
        [running.reference, waiting.reference],
    )
