"""Panels that higher layers add to the case page and the dashboard (the cooperation
panel, unread messages from other nodes), so the review's pages show them without
importing those layers.

A case provider takes the case and the actor, a dashboard provider the actor; each
returns a `Panel` (a template and its context) or None when it has nothing to show. A
warning provider says what an officer should know before deciding (an Art. 6
notification still a draft), shown beside the case's actions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.actors import Actor
from reviews.models import Case


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


_providers: list[Callable[[Case, Actor], Panel | None]] = []


def register(provider: Callable[[Case, Actor], Panel | None]) -> None:
    _providers.append(provider)


def for_case(case: Case, actor: Actor) -> list[Panel]:
    return [panel for provider in _providers if (panel := provider(case, actor)) is not None]


_dashboard_providers: list[Callable[[Actor], Panel | None]] = []


def register_dashboard(provider: Callable[[Actor], Panel | None]) -> None:
    _dashboard_providers.append(provider)


def for_dashboard(actor: Actor) -> list[Panel]:
    return [panel for provider in _dashboard_providers if (panel := provider(actor)) is not None]


_warning_providers: list[Callable[[Case], list[str]]] = []


def register_warnings(provider: Callable[[Case], list[str]]) -> None:
    _warning_providers.append(provider)


def warnings_for(case: Case) -> list[str]:
    return [warning for provider in _warning_providers for warning in provider(case)]


# Sections that higher layers add to the case file (the PDF): a heading and its lines.
_file_providers: list[Callable[[Case], list[tuple[str, list[str]]]]] = []


def register_case_file(provider: Callable[[Case], list[tuple[str, list[str]]]]) -> None:
    _file_providers.append(provider)


def case_file_sections(case: Case) -> list[tuple[str, list[str]]]:
    return [section for provider in _file_providers for section in provider(case)]
