"""Opening a case: for a submitted filing, or called in ex officio by a senior officer;
and scoring it again when the filing or its ownership changes (docs/review.md §1)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core.actors import Actor
from core.errors import Invalid
from core.pure import regulations
from core.pure.regulations import Regulation
from core.regulation import choose_regulation
from core.services import next_number
from ownership.models import MatchDecision
from reviews import events, regime
from reviews.models import Case, Condition, Outcome, Penalty, Status
from reviews.pure import triage
from reviews.services import (
    SYSTEM,
    audit_case,
    check_may,
    node_authority,
    row_of,
    save_if_changed,
)
from screening import scoping
from screening.assessment import namespace_of
from screening.filing_content import completed_on
from screening.models import Filing, FilingVersion, OwnershipAssessment


def open_case_for_filing(*, filing: Filing, version: FilingVersion) -> Case:
    """The case of a submitted filing; the same case if it is already open."""
    existing = Case.objects.filter(filing=filing).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            # Under screening from its receipt: the regulation is the one the
            # submission was checked against, even if the case opens a moment later.
            case = _new_case(
                origin=Case.Origin.FILING,
                filing=filing,
                starts_on=timezone.localdate(filing.submitted_at or timezone.now()),
                completed_on=completed_on(version.content),
            )
            # The ownership may be resolved already (the assessment can run first).
            ownership = _resolved_ownership(version)
            _describe(case, filing, version, ownership)
            _score(case, version.content, ownership, watchlist_topics(version))
            if filing.status == Filing.Status.WITHDRAWN:
                # Withdrawn before its case opened: kept, for the record and the statistics.
                case.status, case.closed_at = Status.WITHDRAWN, timezone.now()
            case.save()
            audit_case(
                case, SYSTEM, events.OPENED, after=_summary(case), reason=filing.reference or ""
            )
    except IntegrityError:  # opened by a concurrent delivery of the same event
        return Case.objects.get(filing=filing)
    return case


def call_in(
    *,
    actor: Actor,
    title: str,
    investor_name: str,
    investor_country: str,
    target_name: str,
    target_country: str,
    sectors: list[str],
    grounds: str,
    completed_on: date | None = None,
    prior_authorisation_not_filed: bool = False,
) -> Case:
    """Open a case ex officio: no filing, the authority calls the investment in. Its
    completion date, if it has completed, can keep it under 2019/452 (Art. 30); under
    2026/1386 it must fall within the own-initiative window (Art. 4(4), or 4(5) for a
    prior-authorisation investment not filed), which the case keeps."""
    check_may("call_in", actor)
    if not grounds.strip():
        raise Invalid({"grounds": ["Give the grounds for calling it in."]})
    if completed_on is not None and completed_on > timezone.localdate():
        future = f"An investment cannot have completed in the future ({completed_on})."
        raise Invalid({"completed_on": [future]})
    with transaction.atomic():
        case = _new_case(
            origin=Case.Origin.EX_OFFICIO,
            filing=None,
            title=title,
            investor_name=investor_name,
            investor_country=investor_country,
            target_name=target_name,
            target_country=target_country,
            sectors=sectors,
            # Called in without a filing: the investor's own country is what is known.
            origin_countries=[investor_country.upper()] if investor_country else [],
            ex_officio_grounds=grounds,
            completed_on=completed_on,
        )
        if completed_on is not None and case.regulation == Regulation.EU_2026_1386:
            case.call_in_window = _own_initiative_window(
                case, completed_on, prior_authorisation_not_filed
            )
        score, reasons = triage.assess(
            {"sectors": sectors, "investor": {"country": investor_country}},
            None,
            regulation=case.regulation,
            investor=investor_facts(case) if case.regulation == Regulation.EU_2026_1386 else None,
        )
        case.risk_score, case.risk_reasons = score, [r.as_dict() for r in reasons]
        case.save()
        audit_case(case, actor, events.CALLED_IN, after=_summary(case), reason=grounds)
    return case


def _new_case(*, completed_on: date | None, starts_on: date | None = None, **fields: Any) -> Case:
    """A new case, under the regulation that governs it from the day it opens to its end
    (docs/deadlines.md §3)."""
    now = timezone.now()
    year = timezone.localtime(now).year
    number = next_number(name=f"case:{settings.NODE_CODE}", year=year)
    choice = choose_regulation(
        opened_on=starts_on or timezone.localdate(now), completed_on=completed_on
    )
    return Case(
        reference=f"{settings.NODE_CODE}-{year}-{number:06d}",
        authority=node_authority(),
        regulation=choice.regulation.value,
        regulation_reason=choice.reason,
        regime=regime.for_case(choice.regulation),
        opened_at=now,
        **fields,
    )


def _own_initiative_window(case: Case, completed_on: date, not_filed: bool) -> dict[str, Any]:
    """The window after completion in which the authority may still call the investment
    in (node configuration within Art. 4(4)-(5)); refused once it has closed."""
    key = "own_initiative_not_filed" if not_filed else "own_initiative"
    period = regulations.find(Regulation.EU_2026_1386, key)
    due = regulations.due(
        period, completed_on, regime.calendar(case.regime), regime.national(case.regime)
    )
    if due.last_day is not None and timezone.localdate() > due.last_day:
        raise Invalid(
            {
                "completed_on": [
                    f"The own-initiative window ({due.length_words} from completion, "
                    f"{period.basis}) closed on {due.last_day.isoformat()}."
                ]
            }
        )
    return {
        "period": key,
        "label": period.label,
        "basis": period.basis,
        "length": due.length_words,
        "completed_on": completed_on.isoformat(),
        "until": due.last_day.isoformat() if due.last_day else None,
    }


def retriage(*, case: Case, version: FilingVersion) -> Case:
    """Score the case again (a new filing version, its ownership resolved): a system
    change, audited like any other."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        row = row_of(case)
        before = _triage_summary(case)
        ownership = _resolved_ownership(version)
        if case.filing is not None:
            _describe(case, case.filing, version, ownership)
        _score(case, version.content, ownership, watchlist_topics(version))
        save_if_changed(case, row)
        after = _triage_summary(case)
        audit_case(case, SYSTEM, events.TRIAGED, before=before, after=after)
    return case


def _describe(
    case: Case, filing: Filing, version: FilingVersion, ownership: dict[str, Any] | None
) -> None:
    """The case's summary for lists, filters and search, from the filing's latest
    version: names, countries, sectors, LEIs and the ultimate investors' countries."""
    content = version.content
    case.title = filing.title
    case.investor_name, case.investor_country = filing.investor_name, filing.investor_country
    case.target_name, case.target_country = filing.target_name, filing.target_country
    case.investor_lei = ((content.get("investor") or {}).get("lei") or "").upper()
    case.target_lei = ((content.get("target") or {}).get("lei") or "").upper()
    case.sectors = content.get("sectors", [])
    case.origin_countries = origin_countries(content, ownership)
    case.owner_names = owner_names(content)
    case.filing_reference = filing.reference or ""


def owner_names(content: dict[str, Any]) -> str:
    """The owners a filing declares, by name: what the queue's owner search looks in."""
    owners = [*(content.get("ultimate_investors") or []), *(content.get("beneficial_owners") or [])]
    names = [str(o.get("name") or "") for o in owners if isinstance(o, dict)]
    return "; ".join(dict.fromkeys(name for name in names if name))[:5000]


def origin_countries(content: dict[str, Any], ownership: dict[str, Any] | None) -> list[str]:
    """Where the ultimate investors come from: the countries the filing declares for
    them, and the states the resolved ownership links the investor to."""
    declared = {owner.get("country", "") for owner in content.get("ultimate_investors") or []}
    linked = {link.get("country", "") for link in (ownership or {}).get("state_links") or []}
    return sorted(code.upper() for code in declared | linked if code)


def _score(
    case: Case,
    content: dict[str, Any],
    ownership: dict[str, Any] | None,
    topics: list[tuple[str, str]],
) -> None:
    investor = investor_facts(case) if case.regulation == Regulation.EU_2026_1386 else None
    score, reasons = triage.assess(
        content, ownership, topics, regulation=case.regulation, investor=investor
    )
    case.risk_score, case.risk_reasons = score, [r.as_dict() for r in reasons]
    case.has_state_link = ownership is not None and any(
        link.get("third_country") for link in ownership.get("state_links") or []
    )
    if case.regulation == Regulation.EU_2026_1386 and case.filing_id is not None:
        case.scope = scoping.decide(content, ownership)


# Other sources of the investor's earlier prohibitions or breached measures, registered
# by higher layers (the cooperation app: the Commission's database, Art. 18(8)).
PRIOR_MEASURE_SOURCES: list[Callable[[Case], list[str]]] = []


def add_prior_measures_source(source: Callable[[Case], list[str]]) -> None:
    PRIOR_MEASURE_SOURCES.append(source)


def investor_facts(case: Case) -> triage.InvestorFacts:
    """Art. 19(2) of 2026/1386 beyond the filing: this node's earlier cases of the same
    investor (by LEI, else by name and country) that ended in a prohibition or an
    unwinding, whose conditions were not met, or that drew a penalty for a breach; what
    the registered sources found (the Commission's database); and the node's country
    lists."""
    same_investor = (
        Q(investor_lei=case.investor_lei)
        if case.investor_lei
        else Q(investor_name__iexact=case.investor_name, investor_country=case.investor_country)
    )
    earlier = Case.objects.filter(same_investor).exclude(pk=case.pk)
    found = []
    for other in earlier.filter(
        decisions__status="approved",
        decisions__outcome__in=[Outcome.PROHIBITED, Outcome.UNWINDING_ORDERED],
    ).distinct():
        found.append(f"{other.reference}: prohibited or unwound")
    for other in earlier.filter(conditions__compliance=Condition.Compliance.NOT_MET).distinct():
        found.append(f"{other.reference}: a condition not met")
    for other in earlier.filter(penalties__kind=Penalty.Kind.BREACH_OF_MEASURES).distinct():
        found.append(f"{other.reference}: a penalty for breaching measures")
    for source in PRIOR_MEASURE_SOURCES:
        found.extend(source(case))
    return triage.InvestorFacts(
        prior_measures=tuple(sorted(set(found))),
        high_risk_countries=frozenset(settings.HIGH_RISK_THIRD_COUNTRIES),
        intelligence_law_countries=frozenset(settings.INTELLIGENCE_LAW_COUNTRIES),
    )


def _triage_summary(case: Case) -> dict[str, Any]:
    summary: dict[str, Any] = {"risk_score": case.risk_score, "has_state_link": case.has_state_link}
    if case.scope:
        summary["in_minimum_scope"] = case.scope["in_minimum_scope"]
        summary["prior_authorisation_required"] = case.scope["prior_authorisation_required"]
    return summary


def _resolved_ownership(version: FilingVersion) -> dict[str, Any] | None:
    assessment = OwnershipAssessment.objects.filter(
        version=version, status=OwnershipAssessment.Status.DONE
    ).first()
    return assessment.result if assessment is not None else None


def watchlist_topics(version: FilingVersion) -> list[tuple[str, str]]:
    """(name, topic) of watch-list matches a reviewer confirmed for parties of the filing."""
    decisions = MatchDecision.objects.filter(
        party_record_id__startswith=f"{namespace_of(version)}/",
        decision=MatchDecision.Decision.CONFIRMED,
    ).select_related("entity")
    return [(d.entity.caption, topic) for d in decisions for topic in d.entity.topics]


def _summary(case: Case) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "status": case.status,
        "origin": case.origin,
        "regulation": case.regulation,
        "regulation_reason": case.regulation_reason,
        "title": case.title,
        **_triage_summary(case),
    }
