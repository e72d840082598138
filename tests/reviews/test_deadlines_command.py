"""`manage.py deadlines EVENT DATE`: the periods an event starts, with their last day and
legal basis (the node's calendar: German public holidays)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def run(*args):
    out = StringIO()
    call_command("deadlines", *args, stdout=out)
    return out.getvalue()


def test_a_notification_lists_the_intent_comment_opinion_and_extension_periods():
    # Friday 3 March 2028 + 15 = Sat 18 -> Mon 20 March; + 20 = Thu 23 March; + 30 =
    # Sun 2 April -> Mon 3 April; + 40 = Wed 12 April; + 50 = Sat 22 -> Mon 24 April.
    body = json.loads(
        run("notification_received", "2028-03-03", "--regime", "eu-2026-1386", "--json")
    )

    assert {p["period"]: (p["due"], p["basis"]) for p in body["periods"]} == {
        "intent_member_state": ("2028-03-20", "Art. 9 Regulation (EU) 2026/1386"),
        "intent_commission": ("2028-03-23", "Art. 9 Regulation (EU) 2026/1386"),
        "comments": ("2028-03-23", "Art. 11(3) Regulation (EU) 2026/1386"),
        "opinion": ("2028-04-03", "Art. 11(3) Regulation (EU) 2026/1386"),
        "comments_extended": ("2028-04-12", "Art. 11(4) Regulation (EU) 2026/1386"),
        "opinion_extended": ("2028-04-24", "Art. 11(4) Regulation (EU) 2026/1386"),
        "decision_lock": ("2028-04-03", "Art. 11(5) Regulation (EU) 2026/1386"),
    }


def test_additional_information_lists_15_and_25_days():
    # Monday 10 April 2028 + 15 = Tuesday 25 April; + 25 = Friday 5 May.
    body = json.loads(
        run("additional_information_received", "2028-04-10", "--regime", "eu-2026-1386", "--json")
    )

    assert [(p["period"], p["due"]) for p in body["periods"]] == [
        ("comments_after_information", "2028-04-25"),
        ("opinion_after_information", "2028-05-05"),
    ]


def test_without_a_regime_the_date_chooses_it():
    before = json.loads(run("filing_complete", "2028-01-16", "--json"))
    on = json.loads(run("filing_complete", "2028-01-17", "--json"))

    assert (before["regime"], on["regime"]) == ("eu-2019-452", "eu-2026-1386")


def test_national_lengths_come_from_the_node_configuration():
    # 2019/452 sets no national period: phase 1 is the node's 2 months; Friday 1 December
    # 2028 + 2 months = Thursday 1 February 2029.
    body = json.loads(run("filing_complete", "2028-12-01", "--regime", "eu-2019-452", "--json"))

    assert body["periods"] == [
        {
            "period": "phase_1",
            "label": "Phase 1 (review) ends",
            "kind": "by",
            "length": 2,
            "unit": "months",
            "length_words": "2 months",
            "due": "2029-02-01",
            "basis": "national law; Regulation (EU) 2019/452 sets no period",
            "set_by": "national configuration",
            "moved_off_non_working_days": True,
            "note": "",
        }
    ]


def test_the_text_output_names_the_day_the_length_and_the_basis():
    text = run("decision_in_force", "2028-06-01", "--regime", "eu-2026-1386")

    # Thursday 1 June 2028 + 7 days = Thursday 8 June.
    assert "2028-06-08  Report the decision" in text
    assert "7 days; Art. 12(4) Regulation (EU) 2026/1386" in text


def test_an_unknown_event_is_refused_with_the_known_ones():
    with pytest.raises(CommandError, match="Unknown event 'signing'; use one of: filing_received"):
        run("signing", "2028-01-01")


def test_a_date_that_is_not_a_date_is_refused():
    with pytest.raises(CommandError, match="'2028-02-30' is not a date"):
        run("completion", "2028-02-30")
