"""The figures of the Art. 5 annual report for one year, from the database.

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

from django.db.models import Count

from core.models import Organisation
from reviews.models import Case, Decision, Outcome, Phase, Status
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
        sheet.title = f"Art. 5 report {self.year}"
        sheet.append(["section", "item", "count"])
        for row in self.rows():
            sheet.append(list(row))
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


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
        (
            "Origin countries of investors",
            list(
                cases.exclude(investor_country="")
                .values_list("investor_country")
                .annotate(n=Count("id"))
                .order_by("-n", "investor_country")
            ),
        ),
    ]
    report.sections += [make(authority, year) for make in _extra_sections]
    return report
