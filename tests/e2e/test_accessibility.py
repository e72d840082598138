"""WCAG 2.1 AA checked by a tool (axe-core, run in Chromium on every reviewer page), the
keyboard path through a page, and the layout at 1280 px and on a tablet."""

from __future__ import annotations

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from reviews.models import Case
from tests.cooperation.conftest import deliver_to_us, make_peer
from tests.e2e.conftest import SCREENSHOTS

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
TABLET = {"width": 768, "height": 1024}


@pytest.fixture
def demo(transactional_db, eager_tasks):
    """The README's demo, and a notification received from France."""
    call_command("load_demo", force=True, stdout=io.StringIO())
    response = deliver_to_us(
        Client(),
        make_peer("FR"),
        "notification_art6",
        payload={"summary": "Acquisition of a port operator in Marseille"},
    )
    assert response.status_code == 201
    from cooperation.models import Message

    return Message.objects.get(direction="inbound")


def pages(message) -> dict[str, str]:
    state_owned = Case.objects.get(title__icontains="Nordwind")
    decided = Case.objects.get(status="decided", regulation="eu-2019-452")
    under_2026_1386 = Case.objects.get(regulation="eu-2026-1386")
    return {
        "dashboard": "/review/",
        "queue": "/review/cases/",
        "queue with a refused filter": "/review/cases/?origin=ZZ&risk_min=high",
        "case page (ownership picture)": f"/review/cases/{state_owned.pk}/",
        "case page (decided)": f"/review/cases/{decided.pk}/",
        "case page (2026/1386: scope, hearing, measures)": f"/review/cases/{under_2026_1386.pk}/",
        "statistics": "/review/statistics/",
        "messages": "/review/messages/",
        "message": f"/review/messages/{message.message_id}/",
    }


def signed_in(browser, live_server, viewport, username="senior"):
    """A browser context holding a session that passed the second factor."""
    device = TOTPDevice.objects.get(user__username=username)
    client = Client()
    client.force_login(device.user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    context = browser.new_context(viewport=viewport)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


def violations_of(page) -> list[str]:
    results = Axe().run(page, options=WCAG_21_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} - "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]


def test_every_reviewer_page_passes_axe_at_wcag_2_1_aa(browser, live_server, demo):
    context = signed_in(browser, live_server, {"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    for name, path in pages(demo).items():
        page.goto(live_server.url + path)
        if problems := violations_of(page):
            found[name] = problems
    context.close()

    assert found == {}


def test_the_sign_in_page_passes_axe_at_wcag_2_1_aa(browser, live_server, demo):
    page = browser.new_page()
    page.goto(f"{live_server.url}/accounts/login/")

    assert violations_of(page) == []


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 1440, "height": 900}, TABLET], ids=str
)
def test_no_page_scrolls_sideways(browser, live_server, demo, viewport):
    context = signed_in(browser, live_server, viewport)
    page = context.new_page()
    too_wide = {}
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, path in pages(demo).items():
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if viewport["width"] in (1440, 768):  # every page at both widths (issue 17)
            shot = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            page.screenshot(
                path=str(SCREENSHOTS / f"{shot}-{viewport['width']}.png"), full_page=True
            )
        if width > viewport["width"]:
            too_wide[name] = width
    context.close()

    assert too_wide == {}


def test_the_keyboard_reaches_the_content_first_and_every_stop_shows_its_focus(
    browser, live_server, demo
):
    context = signed_in(browser, live_server, TABLET)
    page = context.new_page()
    case = Case.objects.get(title__icontains="Nordwind")
    page.goto(f"{live_server.url}/review/cases/{case.pk}/")

    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    stops = []
    for _ in range(60):  # or to the end of the page
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        stops.append(
            page.evaluate(
                """() => {
                    const e = document.activeElement, s = getComputedStyle(e);
                    return {inMain: !!e.closest('main'), what: e.tagName + ' ' + (e.name || e.id),
                            outline: s.outlineStyle + ' ' + s.outlineWidth,
                            shown: s.outlineStyle !== 'none' && s.outlineWidth !== '0px'};
                }"""
            )
        )
    context.close()

    assert first == "Skip to content"
    assert stops[0]["inMain"]  # the skip link moved the keyboard into the content
    assert len(stops) > 10
    assert [stop for stop in stops if not stop["shown"]] == []


def contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two `rgb(r, g, b)` colours."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in colour[colour.index("(") + 1 : -1].split(",")[:3]]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_text_of_the_pictures_and_charts_has_4_5_to_1_contrast(browser, live_server, demo):
    """axe cannot tell the background of SVG text; the text's fill and the fill of the box
    it sits in (or the white page) are compared here."""
    context = signed_in(browser, live_server, {"width": 1280, "height": 900})
    page = context.new_page()
    state_owned = Case.objects.get(title__icontains="Nordwind")
    pairs = []
    for path in ("/review/", f"/review/cases/{state_owned.pk}/"):
        page.goto(live_server.url + path)
        pairs += page.evaluate(
            """() => [...document.querySelectorAll('svg text')].map(t => {
                const box = t.parentElement.querySelector('rect');
                const ground = box && t.parentElement.matches('.party')
                    ? getComputedStyle(box).fill : 'rgb(255, 255, 255)';
                return [t.textContent, getComputedStyle(t).fill, ground];
            })"""
        )
    context.close()

    assert len(pairs) > 20
    faint = [(text, fill, ground) for text, fill, ground in pairs if contrast(fill, ground) < 4.5]
    assert faint == []
