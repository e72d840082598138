"""Demo cases at several steps of the review, for the demo command and the pages.

Runs after the filings of `screening.demo` have opened their cases; every step goes
through the services, as an officer would take it, so the audit trail reads true.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.test import override_settings

from core.actors import Actor
from core.models import Organisation
from reviews import assignment, decisions, hearings, information, opening, services
from reviews.models import Case
from screening import demo as filings_demo
from screening import services as filing_services
from screening.models import Filing


def load_review_demo() -> int:
    """Work the demo cases forward once (a second run changes nothing); the case count."""
    if Case.objects.filter(assignee__isnull=False).exists():
        return Case.objects.count()
    users = {u.username: u for u in User.objects.filter(membership__isnull=False)}
    staff = {name: Actor.for_user(user) for name, user in users.items()}
    if not {"officer", "officer2", "senior"} <= staff.keys():
        return Case.objects.count()
    officer, officer2, senior = staff["officer"], staff["officer2"], staff["senior"]
    with transaction.atomic():
        grid = _case_of("Nordwind Netz")
        if grid is not None:
            assignment.assign_case(case=grid, actor=senior, assignee=users["officer"])
            services.start_completeness_check(case=grid, actor=officer)
            services.open_phase_1(case=grid, actor=officer)
            information.request_information(
                case=grid,
                actor=officer,
                questions=[
                    "Describe the rights of the provincial state commission as shareholder "
                    "of Huaxin Energy Group, including board appointments.",
                    "List the grid control systems the investor will have access to.",
                ],
                response_due=services.today() + timedelta(days=14),
            )
            assignment.add_note(
                case=grid, actor=officer, text="Ownership shows a 60 % state holding upstream."
            )
        chips = _case_of("Elbtal Mikrosysteme")
        if chips is not None:
            assignment.assign_case(case=chips, actor=senior, assignee=users["officer2"])
            services.open_phase_1(case=chips, actor=officer2)
            services.open_phase_2(
                case=chips, actor=senior, reason="Critical technology: wafer fabrication."
            )
            decisions.propose_decision(
                case=chips,
                actor=officer2,
                outcome="cleared_with_conditions",
                reasons="Risks to the supply of chips to EU customers are mitigated by "
                "supply commitments and a security officer.",
                conditions=[
                    {
                        "description": "Keep supplying EU customers on current terms for "
                        "five years.",
                        "owner": "Meridian Semiconductor Holdings Pte. Ltd.",
                        "due_date": services.today() + timedelta(days=365),
                    },
                    {
                        "description": "Appoint a security officer cleared by the authority.",
                        "owner": "the target",
                        "due_date": services.today() + timedelta(days=60),
                    },
                ],
            )
        robots = _case_of("Schwaben Robotik")
        if robots is not None:
            assignment.assign_case(case=robots, actor=senior, assignee=users["officer"])
            services.open_phase_1(case=robots, actor=officer)
            decisions.propose_decision(
                case=robots,
                actor=officer,
                outcome="cleared",
                reasons="No Art. 4 concern found: a privately held investor, no state links.",
            )
            decisions.approve_decision(case=robots, actor=senior, note="Agreed.")
        _gallium_under_2026_1386(officer, senior, users)
        opening.call_in(
            actor=senior,
            title="Acquisition of Nordhafen Port Logistics AG",
            investor_name="Far East Shipping Holdings Ltd",
            investor_country="HK",
            target_name="Nordhafen Port Logistics AG",
            target_country="DE",
            sectors=["infrastructure.transport"],
            grounds="Press reports of a completed acquisition that was not notified.",
        )
    return Case.objects.count()


def _gallium_under_2026_1386(officer: Actor, senior: Actor, users: dict[str, User]) -> None:
    """A case under Regulation (EU) 2026/1386 worked to a conditional authorisation: the
    investor (an EU company a Chinese group controls) heard first (Art. 4(14)).

    The demo node moves the day 2026/1386 applies (node configuration, docs/deadlines.md
    §3) to today for this one case, so that both regimes run side by side before 2028;
    every other demo case opened under 2019/452."""
    counsel = Organisation.objects.get(name="Berger & Partner Rechtsanwälte PartG mbB")
    key = counsel.api_keys.filter(revoked_at__isnull=True).first()
    if key is None:
        return
    filer = Actor.for_key(key)
    filing = filing_services.create_draft(actor=filer, content=filings_demo.gallium_filing())
    with override_settings(EU_2026_1386_APPLIES_FROM=services.today().isoformat()):
        version = filing_services.submit_filing(filing=filing, actor=filer)
        case = opening.open_case_for_filing(filing=filing, version=version)
    assignment.assign_case(case=case, actor=senior, assignee=users["officer"])
    services.start_completeness_check(case=case, actor=officer)
    services.open_phase_1(case=case, actor=officer)  # the 45-day initial review
    hearing = hearings.send_hearing_letter(
        case=case,
        actor=officer,
        intended_outcome="cleared_with_conditions",
        letter="The authority intends to authorise the acquisition on two conditions: "
        "gallium and germanium recovered in Lausitz go first to customers in the Union, "
        "and the directors Rhein appoints have no access to the recovery process data.",
    )
    hearings.answer_hearing(
        hearing=hearing,
        actor=filer,
        answer="The investor accepts both conditions and asks that the supply commitment "
        "end after five years.",
        documents=[],
    )
    decisions.propose_decision(
        case=case,
        actor=officer,
        outcome="cleared_with_conditions",
        reasons="Foreign control through an EU subsidiary (Art. 2(7)) over a recycler of "
        "strategic raw materials; the risks to supply and to process know-how are met by "
        "the conditions, as the investor accepted at its hearing.",
        conditions=[
            {
                "description": "Offer recovered gallium and germanium to customers in the "
                "Union first, on market terms, for five years.",
                "measure": "supply_commitment",
                "owner": "Lausitz Gallium Recycling GmbH",
                "due_date": services.today() + timedelta(days=5 * 365),
            },
            {
                "description": "Directors appointed by Rhein Metallbeteiligungen GmbH have "
                "no access to recovery process data.",
                "measure": "access_conditions",
                "owner": "Rhein Metallbeteiligungen GmbH",
                "due_date": services.today() + timedelta(days=30),
            },
        ],
    )
    decisions.approve_decision(case=case, actor=senior, note="Agreed, after the hearing.")


def _case_of(title_word: str) -> Case | None:
    filing = Filing.objects.filter(title__icontains=title_word, case__isnull=False).first()
    return filing.case if filing is not None else None
