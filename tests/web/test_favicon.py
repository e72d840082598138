"""The site has an icon (issue 17, defect 12: /favicon.ico answered 404)."""

from django.contrib.staticfiles import finders


def test_favicon_ico_leads_to_the_icon(client, db):
    response = client.get("/favicon.ico")

    assert (response.status_code, response["Location"]) == (301, "/static/core/favicon.svg")
    assert finders.find("core/favicon.svg")  # collected with the other static files


def test_the_pages_name_the_icon(client, db):
    page = client.get("/accounts/login/").content.decode()

    assert 'rel="icon" href="/static/core/favicon.svg"' in page
