"""The figures of the annual reports for one year, from the database: the Art. 5 report
of Regulation (EU) 2019/452, and under Regulation (EU) 2026/1386 the public national
report (Art. 4(8)) and the confidential report to the Commission (Art. 24(1));
docs/review.md §11.

Sections are lists of (item, count). The review's own sections are here; a higher layer
adds its own with `add_section` (the cooperation mechanism does, so this module never
imports it). The same figures feed the page, the CSV and the XLSX download.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from core.models import Organisation
from core.pure.regulations import Regulation
from reviews.models import Case, Decision, Outcome, Penalty, Phase, Status
from screening.models import Filing
from screening.pure.sectors import SECTORS

Section = tuple[str, list[tuple[str, int]]]
_extra_sections: list[Callable[[Organisation, int], Section]] = []


def add_section(make: Callable[[Organisation, int], Section]) -> None:
    _extra_sections.append(make)


@dataclass
class Report:
    year: int
    sections: list[Section] = field(default_factory=list)
    title: str = "Art. 5 report"

    def rows(self) -> list[tuple[str, str, int]]:
        return [(title, item, count) for title, items in self.sections for item, count in items]

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["section", "item", "count"])
        writer.writerows(self.rows())
        return out.getvalue()

    def xlsx(self) -> bytes:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = f"{self.title} {self.year}"[:31]  # a sheet name holds 31 characters
        sheet.append(["section", "item", "count"])
        for row in self.rows():
            sheet.append(list(row))
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


REPORTS = {
    "art5": "Art. 5 report (Regulation (EU) 2019/452)",
    "art4-8": "Public annual report (Art. 4(8) Regulation (EU) 2026/1386)",
    "art24": "Confidential report to the Commission (Art. 24(1) Regulation (EU) 2026/1386)",
}


def report_of(kind: str, authority: Organisation, year: int) -> Report:
    if kind == "art4-8":
        return public_report(authority, year)
    if kind == "art24":
        return commission_report(authority, year)
    return annual_report(authority, year)


def annual_report(authority: Organisation, year: int) -> Report:
    cases = Case.objects.filter(authority=authority, opened_at__year=year)
    decided = Decision.objects.filter(
        case__authority=authority, status=Decision.Status.APPROVED, reviewed_at__year=year
    )
    outcomes = dict(decided.values_list("outcome").annotate(n=Count("id")))
    closed_early = dict(
        Case.objects.filter(
            authority=authority,
            closed_at__year=year,
            status__in=[Status.WITHDRAWN, Status.OUTSIDE_SCOPE],
        )
        .values_list("status")
        .annotate(n=Count("id"))
    )
    sectors: Counter[str] = Counter()
    for case_sectors in cases.values_list("sectors", flat=True):
        sectors.update(case_sectors or [])
    report = Report(year)
    report.sections = [
        (
            "Filings and cases",
            [
                ("filings received", Filing.objects.filter(submitted_at__year=year).count()),
                ("cases opened", cases.count()),
                ("of which called in ex officio", cases.filter(origin="ex_officio").count()),
                (
                    "phase 2 opened",
                    Phase.objects.filter(
                        case__authority=authority, kind="phase_2", started_on__year=year
                    ).count(),
                ),
            ],
        ),
        (
            "Outcomes",
            [(label, outcomes.get(value, 0)) for value, label in Outcome.choices]
            + [
                ("withdrawn", closed_early.get(Status.WITHDRAWN, 0)),
                ("outside scope or inadmissible", closed_early.get(Status.OUTSIDE_SCOPE, 0)),
            ],
        ),
        ("Sectors (Art. 4(1))", [(SECTORS.get(s, s), n) for s, n in sectors.most_common()]),
        # Two countries, named for what they count (issue 17: the report counted the
        # acquiring company's HK where the queue showed the ultimate investor's CN).
        ("Countries of the acquiring investors", _by_investor_country(cases)),
        ("Countries of the ultimate investors and linked states", _by_origin_country(cases)),
    ]
    report.sections += [make(authority, year) for make in _extra_sections]
    return report


@dataclass
class Figures:
    """The cases under 2026/1386 opened in a year and what became of them."""

    cases: QuerySet[Case]
    outcomes: dict[str, int]
    withdrawn: int
    outside_scope: int
    in_depth: int


def _new_regime_figures(authority: Organisation, year: int) -> Figures:
    new = Regulation.EU_2026_1386
    decided = Decision.objects.filter(
        case__authority=authority,
        case__regulation=new,
        status=Decision.Status.APPROVED,
        reviewed_at__year=year,
    )
    closed = Case.objects.filter(authority=authority, regulation=new, closed_at__year=year)
    return Figures(
        cases=Case.objects.filter(authority=authority, opened_at__year=year, regulation=new),
        outcomes=dict(decided.values_list("outcome").annotate(n=Count("id"))),
        withdrawn=closed.filter(status=Status.WITHDRAWN).count(),
        outside_scope=closed.filter(status=Status.OUTSIDE_SCOPE).count(),
        in_depth=Phase.objects.filter(
            case__authority=authority,
            case__regulation=new,
            kind="phase_2",
            started_on__year=year,
        ).count(),
    )


NEW_OUTCOMES = [
    (Outcome.CLEARED, "authorised"),
    (Outcome.CLEARED_WITH_CONDITIONS, "authorised with mitigating measures"),
    (Outcome.PROHIBITED, "prohibited"),
    (Outcome.UNWINDING_ORDERED, "unwinding ordered"),
]


def _screening_sections(figures: Figures) -> list[Section]:
    cases = figures.cases
    return [
        (
            "Screening",
            [
                ("cases opened", cases.count()),
                (
                    "of which prior authorisation required",
                    cases.filter(scope__prior_authorisation_required=True).count(),
                ),
                ("of which reviewed on own initiative", cases.filter(origin="ex_officio").count()),
                ("in-depth investigations opened", figures.in_depth),
            ],
        ),
        (
            "Decisions",
            [(words, figures.outcomes.get(value, 0)) for value, words in NEW_OUTCOMES]
            + [("withdrawn", figures.withdrawn), ("outside scope", figures.outside_scope)],
        ),
    ]


def _scope_categories(cases: QuerySet[Case]) -> Section:
    counted: Counter[str] = Counter()
    for scope in cases.values_list("scope", flat=True):
        for category in (scope or {}).get("categories") or []:
            counted[category.get("label", category.get("category", ""))] += 1
    ranked = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    return ("Minimum-scope categories (Art. 4(15))", ranked)


def public_report(authority: Organisation, year: int) -> Report:
    """Art. 4(8): the public national report: how many investments were screened and how
    they ended, and the scope categories they touched. Nothing about a single case."""
    figures = _new_regime_figures(authority, year)
    report = Report(year, title=REPORTS["art4-8"])
    report.sections = [*_screening_sections(figures), _scope_categories(figures.cases)]
    return report


def commission_report(authority: Organisation, year: int) -> Report:
    """Art. 24(1): the confidential report to the Commission: the public figures, and
    the origins of investors and of their ultimate owners, the aggregated risks found by
    triage, and the penalties imposed. The cooperation figures (notifications,
    comments) come with the 2026/1386 cooperation mechanism."""
    figures = _new_regime_figures(authority, year)
    report = Report(year, title=REPORTS["art24"])
    cases = figures.cases
    risks: Counter[str] = Counter()
    for reasons in cases.values_list("risk_reasons", flat=True):
        # One count per case and kind of risk: the factor and the words before a colon.
        risks.update({f"{r['factor']}: {r['detail'].split(':')[0]}" for r in reasons or []})
    penalties = dict(
        Penalty.objects.filter(
            case__authority=authority,
            case__regulation=Regulation.EU_2026_1386,
            decided_on__year=year,
        )
        .values_list("kind")
        .annotate(n=Count("id"))
    )
    report.sections = [
        *_screening_sections(figures),
        _scope_categories(cases),
        (
            "Countries of investors",
            _by_investor_country(cases),
        ),
        ("Countries of ultimate owners and linked states", _by_origin_country(cases)),
        ("Risks found (cases per factor)", sorted(risks.items(), key=lambda i: (-i[1], i[0]))),
        (
            "Penalties (Art. 4(11))",
            [(label, penalties.get(value, 0)) for value, label in Penalty.Kind.choices],
        ),
    ]
    return report


def _by_investor_country(cases: QuerySet[Case]) -> list[tuple[str, int]]:
    return list(
        cases.exclude(investor_country="")
        .values_list("investor_country")
        .annotate(n=Count("id"))
        .order_by("-n", "investor_country")
    )


def _by_origin_country(cases: QuerySet[Case]) -> list[tuple[str, int]]:
    """Cases per country of their ultimate investors and linked states (the queue's
    origin), each case once per country."""
    owners: Counter[str] = Counter()
    for countries in cases.values_list("origin_countries", flat=True):
        owners.update(set(countries or []))
    return sorted(owners.items(), key=lambda i: (-i[1], i[0]))
