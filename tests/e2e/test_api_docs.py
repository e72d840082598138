"""The interactive API documentation works in Chromium under the node's Content Security
Policy (script-src 'self', style-src 'self'): no inline script or style is refused."""

import pytest
from playwright.sync_api import expect


@pytest.fixture
def console(page):
    """Every console message and page error the browser reports while the test runs."""
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    return messages


def test_swagger_ui_lists_the_operations_with_no_csp_violation(live_server, page, console):
    page.goto(f"{live_server.url}/api/docs/")

    page.locator(".opblock").first.wait_for(state="visible", timeout=15_000)
    expect(page.get_by_text("/api/v1/filings/", exact=True).first).to_be_visible()
    refused = [m for m in console if "Content Security Policy" in m or "pageerror" in m]
    assert refused == []


def test_swagger_ui_is_styled_by_its_own_stylesheet(live_server, page, console):
    page.goto(f"{live_server.url}/api/docs/")
    page.locator(".opblock").first.wait_for(state="visible", timeout=15_000)

    # swagger-ui.css colours a GET operation's badge; unstyled, it would be transparent.
    badge = page.locator(".opblock-get .opblock-summary-method").first
    assert badge.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    # The page's own rules (no inline <style>): the body's margin is 0.
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
    assert [m for m in console if "Content Security Policy" in m] == []
