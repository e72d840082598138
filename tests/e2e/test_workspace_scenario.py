"""Issue 17's browser scenario, on the README's demo in Chromium: the officer finds the
state-owned case under "My cases"; the senior opens phase 2 while a request is still
open (the clock stays stopped); the officer withdraws the request and proposes a
conditional clearance, refused once for a missing due date with everything typed kept;
the contact point sends the notification to the demo's peers; the senior, finding the
proposal under "Awaiting my approval" with Approve held by the comment period, records
the urgency on the case page and approves; the case file PDF downloads with the
ownership picture in it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from reviews.models import Case
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_accessibility import signed_in

WIDE = {"width": 1440, "height": 1000}


@pytest.fixture
def demo(transactional_db, eager_tasks):
    call_command("load_demo", force=True, stdout=io.StringIO())
    call_command("load_demo_peers", force=True, stdout=io.StringIO())
    return Case.objects.get(title__icontains="Nordwind")


def act(page, label, reason=None):
    """Take a workflow step from its form on the case page."""
    form = page.locator("form.action", has=page.get_by_role("button", name=label, exact=True))
    if reason is not None:
        form.get_by_label("Reason").fill(reason)
    form.get_by_label(f"I confirm: {label.lower()}").check()
    form.get_by_role("button", name=label, exact=True).click()


def test_the_reviewer_workspace_scenario(browser, live_server, demo):
    nordwind = demo
    url = f"{live_server.url}/review/cases/{nordwind.pk}/"
    officer = signed_in(browser, live_server, WIDE, "officer").new_page()
    senior = signed_in(browser, live_server, WIDE, "senior").new_page()
    contact = signed_in(browser, live_server, WIDE, "contact").new_page()

    # The officer finds the state-owned case from "My cases".
    officer.goto(f"{live_server.url}/review/cases/")
    officer.get_by_role("link", name="My cases").click()
    officer.get_by_role("link", name=nordwind.reference, exact=True).click()
    expect(officer.locator("#case-header")).to_contain_text("state link")

    # The senior opens phase 2 while request 1 is still open: the clock stays stopped.
    senior.goto(url)
    act(senior, "Open phase 2 (in-depth investigation)", reason="State control: a closer look")
    expect(senior.locator("#case-clock")).to_contain_text("Phase 2: clock stopped")

    # The officer withdraws the request (the clock runs again) and proposes a clearance
    # with conditions; the first attempt lacks a due date and comes back as typed.
    officer.goto(url)
    withdraw = officer.locator("#form-withdraw_request-1")
    withdraw.get_by_label("Reason (the clock runs again today)").fill("Answered by phone")
    withdraw.get_by_role("button", name="Withdraw request 1").click()
    expect(officer.locator("#case-clock")).to_contain_text("deadline")
    proposal = officer.locator("#form-propose_decision")
    proposal.get_by_label("Outcome").select_option("cleared_with_conditions")
    proposal.get_by_label("Reasons").fill("State control mitigated by conditions.")
    officer.locator("#c-condition_description-1").fill("Ring-fence grid control data")
    officer.locator("#c-condition_owner-1").fill("Nordwind Netz GmbH")
    officer.locator("#c-condition_description-2").fill("A security officer cleared by us")
    officer.locator("#c-condition_owner-2").fill("Nordwind Netz GmbH")
    officer.locator("#c-condition_due-2").fill("2027-06-30")
    proposal.get_by_role("button", name="Propose").click()
    expect(officer.locator("#error-summary")).to_contain_text("Condition 1 due date")
    expect(officer.locator("#f-propose_decision-reasons")).to_have_value(
        "State control mitigated by conditions."
    )
    expect(officer.locator("#c-condition_description-2")).to_have_value(
        "A security officer cleared by us"
    )
    SCREENSHOTS.mkdir(exist_ok=True)
    officer.screenshot(path=str(SCREENSHOTS / "case-page-refused-form.png"), full_page=True)
    officer.locator("#c-condition_due-1").fill("2027-03-31")
    officer.locator("#form-propose_decision").get_by_role("button", name="Propose").click()
    expect(officer.locator(".messages")).to_contain_text("Decision proposed")

    # The contact point sends the prepared notification to the demo's peers.
    contact.goto(url)
    send = contact.locator("form", has=contact.get_by_role("button", name="Send the notification"))
    send.get_by_label("I confirm: send the notification", exact=False).check()
    send.get_by_role("button", name="Send the notification").click()
    expect(contact.locator(".messages")).to_contain_text("Notification sent to EU, FR")

    # The senior finds the proposal under "Awaiting my approval"; Approve waits for the
    # comment period until the urgency is recorded on the case page.
    senior.goto(f"{live_server.url}/review/cases/")
    senior.get_by_role("link", name="Awaiting my approval").click()
    senior.get_by_role("link", name=nordwind.reference, exact=True).click()
    expect(senior.locator("#not-open")).to_contain_text("Approve the proposed decision")
    senior.get_by_role("link", name="Record the urgency").click()
    senior.get_by_label("Why the decision cannot wait for the comment period").fill(
        "The grid operator's licence lapses on 31 December."
    )
    senior.get_by_role("button", name="Record the urgency").click()
    act(senior, "Approve the proposed decision")
    expect(senior.locator("#case-status-tag")).to_have_text("Decided")

    # The case file PDF downloads, with the ownership picture in it.
    with senior.expect_download() as download:
        senior.get_by_role("link", name="Download the case file (PDF)").click()
    pdf = PdfReader(download.value.path()).pages
    drawn = [p.extract_text() for p in pdf if "acquires 49 %" in p.extract_text()]
    assert drawn and "Ownership of the investor" in drawn[0]
    assert "Nordwind Netz GmbH" in drawn[0]
