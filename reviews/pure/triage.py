"""Triage: a risk score for a case with the reasons behind every point.

A recommendation for ordering the queue and choosing who looks first, never a
decision. A plain module (no Django): the filing's content, the ownership flags and the
watch-list topics of the parties upstream go in; a score of 0-100 and its reasons come
out. The weights are a starting point for an authority to tune (they are data here, in
one place), not law.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ownership.pure import words as ownership_words
from screening.pure.sectors import SECTORS

# Art. 4(1): the sectors a target's activities touch.
SECTOR_POINTS = {
    "infrastructure": 12,  # (a) critical infrastructure
    "technology": 12,  # (b) critical technologies and dual-use items
    "inputs": 8,  # (c) supply of critical inputs
    "information": 8,  # (d) access to sensitive information
    "media": 8,  # (e) freedom and pluralism of the media
}
SECTOR_CAP = 30
STATE_CONTROL = 35  # Art. 4(2)(a): controlled by a third country's government
STATE_OWNERSHIP = 20  # Art. 4(2)(a): owned in part by a third country's state, no control
STATE_FUNDING = 10  # Art. 4(2)(a): significant funding from a state
STATE_INVESTOR = 15  # Art. 4(2)(a): the filer names a state as ultimate investor
UNKNOWN_OWNER = 15  # ownership the filer declares it cannot name
SANCTIONED = 40  # Art. 4(2)(c): risk of illegal or criminal activities
POLITICALLY_EXPOSED = 10
# Regulation (EU) 2026/1386, Art. 19(2): investor factors it adds (docs/review.md §10).
PRIOR_PROHIBITION_OR_BREACH = 30
HIGH_RISK_COUNTRY = 15  # established in a high-risk third country (money laundering)
INTELLIGENCE_LAW = 15  # exposed to a third country's intelligence-sharing laws
OPAQUE = 15  # an opaque ownership structure (Art. 2(8))

# The article each factor comes from, per regulation.
BASIS = {
    "eu-2019-452": {"sector": "Art. 4(1)", "state": "Art. 4(2)(a)", "sanctions": "Art. 4(2)(c)"},
    "eu-2026-1386": {
        "sector": "Art. 19(1)",
        "state": "Art. 19(2)",
        "sanctions": "Art. 19(2)",
        "prior": "Art. 19(2)",
        "country": "Art. 19(2)",
        "opaque": "Art. 19(2), 2(8)",
    },
}


@dataclass(frozen=True)
class InvestorFacts:
    """What 2026/1386's Art. 19(2) weighs beyond the filing, from the node: earlier
    prohibitions or breached measures of the investor, and its configured country lists."""

    prior_measures: tuple[str, ...] = ()
    high_risk_countries: frozenset[str] = frozenset()
    intelligence_law_countries: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Reason:
    factor: str  # the article, or the flag, that gives the points
    points: int
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {"factor": self.factor, "points": self.points, "detail": self.detail}


def assess(
    content: dict[str, Any],
    ownership: dict[str, Any] | None,
    watchlist_topics: Iterable[tuple[str, str]] = (),
    *,
    regulation: str = "eu-2019-452",
    investor: InvestorFacts | None = None,
) -> tuple[int, list[Reason]]:
    """The score (0-100) and its reasons, strongest first.

    `ownership` is the resolution of the investor (None until it is computed);
    `watchlist_topics` are (party name, topic) of confirmed watch-list matches upstream;
    under 2026/1386, `investor` adds the factors of Art. 19(2) the filing alone lacks.
    """
    basis = BASIS[regulation]
    reasons = _sectors(content.get("sectors") or [], basis["sector"])
    if ownership is not None:
        reasons += _state_links(ownership.get("state_links") or [], basis["state"])
        reasons += [
            Reason(
                "Declared-unknown owner",
                UNKNOWN_OWNER,
                f"{unknown['name']} ({ownership_words.unspecified_reason(unknown['reason'])}): "
                + (
                    f"up to {unknown['ownership']['max']:.0f} %"
                    if unknown.get("ownership")
                    else "no share stated"
                ),
            )
            for unknown in ownership.get("unknowns") or []
        ][:1]
    if any(investor.get("kind") == "state" for investor in content.get("ultimate_investors", [])):
        reasons.append(
            Reason(basis["state"], STATE_INVESTOR, "The filer names a state as ultimate investor.")
        )
    state_funders = [
        f["provider_name"] for f in content.get("funding", []) if f.get("is_state_linked")
    ]
    if state_funders:
        reasons.append(
            Reason(
                basis["state"], STATE_FUNDING, "State-linked funding: " + ", ".join(state_funders)
            )
        )
    for name, topic in sorted(set(watchlist_topics)):
        if topic == "sanction":
            reasons.append(
                Reason(basis["sanctions"], SANCTIONED, f"{name} is on a sanctions list.")
            )
        elif topic == "role.pep":
            reasons.append(
                Reason(
                    "Watch list", POLITICALLY_EXPOSED, f"{name} is a politically exposed person."
                )
            )
    if investor is not None and regulation == "eu-2026-1386":
        reasons += _art_19_investor(content, ownership, investor, basis)
    reasons.sort(key=lambda r: -r.points)
    return min(100, sum(r.points for r in reasons)), reasons


def _art_19_investor(
    content: dict[str, Any],
    ownership: dict[str, Any] | None,
    facts: InvestorFacts,
    basis: dict[str, str],
) -> list[Reason]:
    reasons = []
    if facts.prior_measures:
        reasons.append(
            Reason(
                basis["prior"],
                PRIOR_PROHIBITION_OR_BREACH,
                "Earlier prohibition or breached measures: " + "; ".join(facts.prior_measures),
            )
        )
    countries = _investor_countries(content, ownership)
    for listed, points, words in (
        (facts.high_risk_countries, HIGH_RISK_COUNTRY, "a high-risk third country"),
        (
            facts.intelligence_law_countries,
            INTELLIGENCE_LAW,
            "a country whose laws oblige sharing with its intelligence services",
        ),
    ):
        found = sorted(countries & listed)
        if found:
            reasons.append(
                Reason(basis["country"], points, f"Established in {words}: {', '.join(found)}")
            )
    opaque = (ownership or {}).get("opaque") or {}
    if opaque.get("opaque"):
        details = "; ".join(r.get("detail", r.get("code", "")) for r in opaque.get("reasons", []))
        reasons.append(Reason(basis["opaque"], OPAQUE, f"Opaque ownership structure: {details}"))
    return reasons


def _investor_countries(content: dict[str, Any], ownership: dict[str, Any] | None) -> set[str]:
    """Where the investor, its foreign controllers and its ultimate investors are."""
    found = {(content.get("investor") or {}).get("country", "")}
    found |= {owner.get("country", "") for owner in content.get("ultimate_investors") or []}
    for controller in ((ownership or {}).get("foreign_control") or {}).get("by") or []:
        found.add(controller.get("country", ""))
    return {code.upper() for code in found if code}


def _sectors(sectors: list[str], basis: str = "Art. 4(1)") -> list[Reason]:
    reasons = []
    room = SECTOR_CAP
    for sector in sorted(sectors, key=lambda s: -SECTOR_POINTS.get(s.split(".")[0], 0)):
        points = min(room, SECTOR_POINTS.get(sector.split(".")[0], 0))
        if points <= 0:
            continue
        room -= points
        reasons.append(Reason(basis, points, f"Sector: {SECTORS.get(sector, sector)}"))
    return reasons


def _state_links(links: list[dict[str, Any]], basis: str = "Art. 4(2)(a)") -> list[Reason]:
    reasons = []
    for link in links:
        if not link.get("third_country"):
            continue  # a member state's holding is not an Art. 4(2)(a) concern
        share = link.get("ownership") or {}
        if link.get("control"):
            reasons.append(
                Reason(
                    basis,
                    STATE_CONTROL,
                    f"Controlled by the state of {link['country']}: "
                    + "; ".join(link.get("basis") or []),
                )
            )
        elif share.get("max", 0) > 0:
            reasons.append(
                Reason(
                    basis,
                    STATE_OWNERSHIP,
                    f"The state of {link['country']} owns {share.get('min', 0):.1f}-"
                    f"{share.get('max', 0):.1f} %",
                )
            )
    return reasons
