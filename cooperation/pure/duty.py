"""Whether Regulation (EU) 2026/1386 obliges this node to notify a case to the other
member states and the Commission, on which ground of Art. 5, and why
(docs/cooperation.md §12). A plain module: the case's facts in, the grounds out; the
service adds the day each is due from the periods table (core/pure/regulations.py).

- Art. 5(1): the investment is in the minimum scope (Art. 4(15)) AND (a) a third
  country's government controls the investor or its EU subsidiary, (b) the investor or
  those behind it are under EU sanctions, or (c) it was prohibited before or breached
  measures; due within 15 days of the filing (Art. 6).
- Art. 5(2): an in-depth investigation AND the target takes part in a project of Union
  interest (Annex II) or the investor's group has subsidiaries in another member state;
  due within 45 days of the filing.
- Art. 5(3): in the cases of 5(2), conditions or a prohibition decided without an
  in-depth investigation; without undue delay.
- Art. 5(5): a member state may notify where another could be affected (voluntary, so
  never a duty here; the contact point may choose it).
- Art. 5(4): never twice: once notified, no duty remains.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Ground(StrEnum):
    ART5_1 = "art5_1"
    ART5_2 = "art5_2"
    ART5_3 = "art5_3"
    ART5_5 = "art5_5"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    Ground.ART5_1: "Art. 5(1): minimum scope with state control, sanctions or earlier measures",
    Ground.ART5_2: "Art. 5(2): in-depth investigation touching other member states or the Union",
    Ground.ART5_3: "Art. 5(3): measures decided without an in-depth investigation, as in 5(2)",
    Ground.ART5_5: "Art. 5(5): another member state could be affected (voluntary)",
}
# The period of the filing-received table each ground's day comes from (Art. 6);
# a ground not here is due without undue delay.
PERIOD_KEYS = {Ground.ART5_1: "notify_art5_1", Ground.ART5_2: "notify_art5_2"}


@dataclass(frozen=True)
class Facts:
    in_minimum_scope: bool | None  # None: not decided (no scope decision yet)
    state_control: tuple[str, ...] = ()  # each: who, and on what basis
    sanctions: tuple[str, ...] = ()  # parties confirmed on a sanctions list
    prior_measures: tuple[str, ...] = ()  # earlier prohibitions or breached measures
    in_depth: bool = False
    annex_ii_projects: tuple[str, ...] = ()
    group_member_states: tuple[str, ...] = ()  # other member states the group operates in
    measures_without_in_depth: bool = False  # conditions or a prohibition decided in phase 1


@dataclass(frozen=True)
class Duty:
    ground: Ground
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "ground": self.ground.value,
            "label": self.ground.label,
            "reasons": list(self.reasons),
        }


def duties(facts: Facts) -> list[Duty]:
    """The grounds on which the case must be notified, each with its reasons."""
    found = []
    if facts.in_minimum_scope:
        why = (
            [f"state control (5(1)(a)): {r}" for r in facts.state_control]
            + [f"EU sanctions (5(1)(b)): {r}" for r in facts.sanctions]
            + [f"earlier measures (5(1)(c)): {r}" for r in facts.prior_measures]
        )
        if why:
            found.append(Duty(Ground.ART5_1, ("in the minimum scope of Art. 4(15)", *why)))
    beyond = [f"Annex II project: {p}" for p in facts.annex_ii_projects] + [
        f"the group has subsidiaries in {code}" for code in facts.group_member_states
    ]
    if beyond and facts.in_depth:
        found.append(Duty(Ground.ART5_2, ("an in-depth investigation", *beyond)))
    elif beyond and facts.measures_without_in_depth:
        found.append(
            Duty(
                Ground.ART5_3,
                ("conditions or a prohibition without in-depth investigation", *beyond),
            )
        )
    return found
