"""Scope and prior authorisation under Regulation (EU) 2026/1386 (docs/scope.md).

A plain module (no Django). The one idea: the filer *declares* what the target does
(the minimum-scope categories of Art. 4(15), the node's own extensions of Art. 4(16),
an internal restructuring); the system *decides* from the declaration, the node's
register of designated critical entities and the resolved ownership, and says why at
each step. A decision has four parts:

1. a foreign investment? The investor is established in a third country (Art. 2(1)),
   or it is an EU company a foreign investor controls (its EU subsidiary, Art. 2(7):
   the ownership engine's foreign control);
2. effective participation? A new establishment (greenfield), voting rights at or above
   the node's threshold (the Regulation sets none, recital 20), or rights to appoint
   board members, a veto or a golden share; below that it is a portfolio investment;
3. in the minimum scope? A category of Art. 4(15), or one of the node's extensions;
   category (d) only when the member state designated the target (the register);
4. excluded or exempt? Greenfield investments need no prior authorisation (Art.
   4(17)); an internal restructuring is out of scope unless a third-country entity
   that was not already upstream of the target enters the chain (Art. 1(5)).

Prior authorisation is required when all of 1-3 hold and nothing in 4 applies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

ART = "Regulation (EU) 2026/1386"

# Art. 4(15)(a)-(g), and the node's extensions (Art. 4(16)).
CATEGORIES: dict[str, tuple[str, str]] = {
    "dual_use": ("Dual-use items of Annex I to Regulation (EU) 2021/821", "Art. 4(15)(a)"),
    "military": ("Military goods of Directive 2009/43/EC", "Art. 4(15)(b)"),
    "critical_technology": (
        "Semiconductor, quantum or artificial-intelligence technologies of Annex I",
        "Art. 4(15)(c)",
    ),
    "critical_entity": (
        "A transport, energy or digital-infrastructure entity the member state designated "
        "as critical",
        "Art. 4(15)(d)",
    ),
    "strategic_raw_materials": (
        "Exploration, extraction, processing, recycling, recovery or stockpiling of "
        "strategic raw materials",
        "Art. 4(15)(e)",
    ),
    "financial_infrastructure": (
        "Financial market infrastructure or a systemically important institution",
        "Art. 4(15)(f)",
    ),
    "electoral_systems": ("Electoral systems", "Art. 4(15)(g)"),
    "national": ("The member state's own extension of the scope", "Art. 4(16)"),
}
TECHNOLOGIES = {
    "semiconductors": "semiconductors",
    "quantum": "quantum technologies",
    "artificial_intelligence": "artificial intelligence",
}
CRITICAL_SECTORS = {
    "transport": "transport",
    "energy": "energy",
    "digital_infrastructure": "digital infrastructure",
}
RAW_MATERIAL_ACTIVITIES = [
    "exploration",
    "extraction",
    "processing",
    "recycling",
    "recovery",
    "stockpiling",
]
# The strategic raw materials of Annex I, Section 1, of Regulation (EU) 2024/1252.
STRATEGIC_RAW_MATERIALS = {
    "bauxite_alumina_aluminium": "bauxite, alumina and aluminium",
    "bismuth": "bismuth",
    "boron_metallurgy_grade": "boron (metallurgy grade)",
    "cobalt": "cobalt",
    "copper": "copper",
    "gallium": "gallium",
    "germanium": "germanium",
    "lithium_battery_grade": "lithium (battery grade)",
    "magnesium_metal": "magnesium metal",
    "manganese_battery_grade": "manganese (battery grade)",
    "graphite_battery_grade": "natural graphite (battery grade)",
    "nickel_battery_grade": "nickel (battery grade)",
    "platinum_group_metals": "platinum group metals",
    "rare_earth_elements_for_magnets": "rare earth elements for magnets",
    "silicon_metal": "silicon metal",
    "titanium_metal": "titanium metal",
    "tungsten": "tungsten",
}
FINANCIAL_KINDS = {
    "central_counterparty": "a central counterparty",
    "central_securities_depository": "a central securities depository",
    "regulated_market_operator": "an operator of a regulated market",
    "payment_system_operator": "a designated payment-system operator",
    "systemically_important_institution": "a systemically important institution",
    "financial_messaging_provider": "a global financial-messaging provider",
}
# Control list entries: Annex I of Regulation (EU) 2021/821 ("3A001", "5A002.a.1": a
# category 0-9, a product group A-E, three digits, sub-items), and the EU Common
# Military List of Directive 2009/43/EC ("ML10", "ML22.b").
DUAL_USE_CODE = re.compile(r"^[0-9][A-E][0-9]{3}(\.[a-z0-9]+)*$")
MILITARY_CODE = re.compile(r"^ML([1-9]|1[0-9]|2[0-2])(\.[a-z0-9]+)*$")
# Rights that give effective participation in management or control whatever the stake.
CONTROLLING_RIGHTS = {"board_seats", "board_appointment", "veto", "golden_share"}


@dataclass(frozen=True)
class Designation:
    """An entry of the node's register of designated critical entities (Art. 4(15)(d))."""

    name: str
    sector: str
    lei: str = ""
    identifiers: tuple[tuple[str, str], ...] = ()
    reference: str = ""


@dataclass(frozen=True)
class Rules:
    """What the node configures."""

    voting_threshold: Decimal
    national_extensions: Mapping[str, str]
    designated: Sequence[Designation]
    is_third_country: Callable[[str], bool]


def decide(
    content: Mapping[str, Any], ownership: Mapping[str, Any] | None, rules: Rules
) -> dict[str, Any]:
    """The scope decision for a filing's content, JSON-ready, each part with its reason."""
    foreign = _foreign(content, ownership, rules)
    participation = _participation(content, rules)
    categories, not_counted = _categories(content, rules)
    exclusions = _exclusions(content, ownership, rules)
    in_scope = bool(categories)
    excluded = any(e["code"] == "internal_restructuring" for e in exclusions)
    exempt = any(e["code"] == "greenfield" for e in exclusions)
    required: bool | None
    if not in_scope or not participation["effective"] or excluded or foreign["foreign"] is False:
        required = False
    elif foreign["foreign"] is None:
        required = None
    else:
        required = not exempt
    return {
        "foreign_investment": foreign,
        "effective_participation": participation,
        "in_minimum_scope": in_scope,
        "categories": categories,
        "not_counted": not_counted,
        "exclusions": exclusions,
        "prior_authorisation_required": required,
        "summary": _summary(required, foreign, participation, in_scope, exclusions),
    }


def _foreign(
    content: Mapping[str, Any], ownership: Mapping[str, Any] | None, rules: Rules
) -> dict[str, Any]:
    investor = content.get("investor") or {}
    name, country = investor.get("name", "the investor"), investor.get("country", "")
    if country and rules.is_third_country(country):
        return {
            "foreign": True,
            "route": "direct",
            "controllers": [],
            "reason": f"{name} is established in {country}, a third country (Art. 2(1) {ART}).",
        }
    if ownership is None:
        return {
            "foreign": None,
            "route": None,
            "controllers": [],
            "reason": f"{name} is established in {country or 'an unstated country'}; whether "
            "a foreign investor controls it is known once its ownership is resolved.",
        }
    control = ownership.get("foreign_control") or {}
    controllers = [
        {"name": c["name"], "country": c["country"], "certain": c["certain"]}
        for c in control.get("by") or []
    ]
    if control.get("controlled"):
        named = "; ".join(f"{c['name']} ({c['country']})" for c in controllers)
        return {
            "foreign": True,
            "route": "eu_subsidiary",
            "controllers": controllers,
            "reason": f"{name} ({country}) is controlled by {named}: an investment through "
            f"a foreign investor's subsidiary in the Union (Art. 2(7) {ART}).",
        }
    unknown = [party["name"] for party in control.get("country_unknown") or []]
    reason = f"{name} ({country}) is not controlled by a foreign investor."
    if unknown:
        reason += f" The country of {'; '.join(unknown)}, a controller, is not known."
    return {"foreign": False, "route": None, "controllers": [], "reason": reason}


def _participation(content: Mapping[str, Any], rules: Rules) -> dict[str, Any]:
    if content.get("transaction_kind") == "greenfield":
        return {"effective": True, "reason": "A new establishment (greenfield investment)."}
    rights = sorted(
        {r.get("kind", "") for r in content.get("special_rights") or []} & CONTROLLING_RIGHTS
    )
    voting = (content.get("stake") or {}).get("voting_after")
    threshold = _plain(rules.voting_threshold)
    if voting is not None and Decimal(str(voting)) >= rules.voting_threshold:
        return {
            "effective": True,
            "reason": f"{_plain(Decimal(str(voting)))} % of the voting rights after the "
            f"investment, at or above the node's threshold of {threshold} %.",
        }
    if rights:
        return {
            "effective": True,
            "reason": "Rights beyond the stake: " + ", ".join(r.replace("_", " ") for r in rights),
        }
    held = f"{_plain(Decimal(str(voting)))} %" if voting is not None else "no stated"
    return {
        "effective": False,
        "reason": f"A portfolio investment: {held} voting rights, below the node's threshold "
        f"of {threshold} %, and no right to appoint board members, veto or golden share.",
    }


def _categories(
    content: Mapping[str, Any], rules: Rules
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    declared = (content.get("scope") or {}).get("categories") or []
    counted: list[dict[str, str]] = []
    not_counted: list[dict[str, str]] = []
    target = content.get("target") or {}
    designation = _designation(target, rules.designated)
    for item in declared:
        category = item.get("category", "")
        if category == "critical_entity":
            continue  # decided by the register, below
        if category == "national" and item.get("code") not in rules.national_extensions:
            not_counted.append(
                {
                    "category": category,
                    "reason": f"{item.get('code')!r} is not one of this member state's "
                    "extensions of the scope.",
                }
            )
            continue
        counted.append(_counted(category, _detail(item, rules), "declared by the filer"))
    claimed = any(item.get("category") == "critical_entity" for item in declared)
    if designation is not None:
        detail = (
            f"{designation.name}, designated for {CRITICAL_SECTORS.get(designation.sector, '')}"
            + (f" ({designation.reference})" if designation.reference else "")
        )
        counted.append(_counted("critical_entity", detail, "the register of designated entities"))
    elif claimed:
        not_counted.append(
            {
                "category": "critical_entity",
                "reason": "The filer names category (d), but the target is not in this member "
                "state's register of designated critical entities (by LEI and registration "
                "numbers): only a designation brings it into the minimum scope.",
            }
        )
    return counted, not_counted


def _counted(category: str, detail: str, source: str) -> dict[str, str]:
    label, basis = CATEGORIES[category]
    return {
        "category": category,
        "label": label,
        "basis": f"{basis} {ART}",
        "detail": detail,
        "source": source,
    }


def _detail(item: Mapping[str, Any], rules: Rules) -> str:
    category = item.get("category")
    if category in ("dual_use", "military"):
        return ", ".join(item.get("codes") or [])
    if category == "critical_technology":
        return ", ".join(TECHNOLOGIES.get(t, t) for t in item.get("technologies") or [])
    if category == "strategic_raw_materials":
        materials = ", ".join(
            STRATEGIC_RAW_MATERIALS.get(m, m) for m in item.get("materials") or []
        )
        return f"{', '.join(item.get('activities') or [])} of {materials}"
    if category == "financial_infrastructure":
        return FINANCIAL_KINDS.get(item.get("kind", ""), item.get("kind", ""))
    if category == "national":
        return rules.national_extensions.get(item.get("code", ""), "")
    return item.get("description", "")


def _designation(
    target: Mapping[str, Any], designated: Sequence[Designation]
) -> Designation | None:
    lei = (target.get("lei") or "").upper()
    identifiers = {
        (i.get("scheme", "").upper(), i.get("id", "").upper())
        for i in target.get("identifiers") or []
    }
    for entry in designated:
        if lei and entry.lei.upper() == lei:
            return entry
        if identifiers & {(s.upper(), i.upper()) for s, i in entry.identifiers}:
            return entry
    return None


def _exclusions(
    content: Mapping[str, Any], ownership: Mapping[str, Any] | None, rules: Rules
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if content.get("transaction_kind") == "greenfield":
        found.append(
            {
                "code": "greenfield",
                "reason": f"A greenfield investment: in scope, exempt from prior "
                f"authorisation (Art. 4(17) {ART}).",
            }
        )
    if not (content.get("scope") or {}).get("internal_restructuring"):
        return found
    newcomers = _new_third_country_entities(content, ownership, rules)
    if newcomers is None:
        found.append(
            {
                "code": "internal_restructuring_undetermined",
                "reason": "Declared an internal restructuring; whether a new third-country "
                "entity enters the chain is known once the ownership is resolved.",
            }
        )
    elif newcomers:
        found.append(
            {
                "code": "internal_restructuring_with_new_entity",
                "new_entities": newcomers,
                "reason": "Declared an internal restructuring, but a third-country entity "
                "that was not upstream of the target enters its chain: "
                + "; ".join(f"{n['name']} ({n['country']})" for n in newcomers)
                + f". It stays in scope (Art. 1(5) {ART}).",
            }
        )
    else:
        found.append(
            {
                "code": "internal_restructuring",
                "reason": "An internal restructuring that brings no new third-country entity "
                f"into the target's chain: outside the scope (Art. 1(5) {ART}).",
            }
        )
    return found


def _new_third_country_entities(
    content: Mapping[str, Any], ownership: Mapping[str, Any] | None, rules: Rules
) -> list[dict[str, str]] | None:
    """Third-country parties that will be upstream of the target (the investor, its
    foreign controllers) and were not before (the target's owners before, as filed)."""
    investor = content.get("investor") or {}
    upstream = []
    if investor.get("country") and rules.is_third_country(investor["country"]):
        upstream.append(
            {
                "name": investor.get("name", ""),
                "country": investor["country"],
                "record_id": investor.get("bods_record_id", ""),
            }
        )
    if ownership is None and not upstream:
        return None
    for controller in (ownership or {}).get("foreign_control", {}).get("by") or []:
        upstream.append(
            {
                "name": controller["name"],
                "country": controller["country"],
                "record_id": controller["record_id"],
            }
        )
    before = content.get("target_owners_before") or []
    known_ids = {o.get("bods_record_id") for o in before if o.get("bods_record_id")}
    known_names = {(_folded(o.get("name", "")), o.get("country", "")) for o in before}
    new, seen = [], set()
    for party in upstream:
        key = (_folded(party["name"]), party["country"])
        if party["record_id"] in known_ids or key in known_names or key in seen:
            continue
        seen.add(key)
        new.append({"name": party["name"], "country": party["country"]})
    return new


def _folded(name: str) -> str:
    return " ".join(name.casefold().split())


def _summary(
    required: bool | None,
    foreign: Mapping[str, Any],
    participation: Mapping[str, Any],
    in_scope: bool,
    exclusions: list[dict[str, Any]],
) -> str:
    if required:
        route = " through an EU subsidiary" if foreign["route"] == "eu_subsidiary" else ""
        return f"Prior authorisation required: a foreign investment{route} in the minimum scope."
    if required is None:
        return "Not yet decided: the investor's ownership is not resolved."
    if foreign["foreign"] is False:
        return "No prior authorisation: not a foreign investment."
    if not participation["effective"]:
        return "No prior authorisation: a portfolio investment."
    if not in_scope:
        return "No prior authorisation: outside the minimum scope."
    codes = {e["code"] for e in exclusions}
    if "internal_restructuring" in codes:
        return "No prior authorisation: an internal restructuring (Art. 1(5))."
    return "In scope, exempt from prior authorisation: a greenfield investment (Art. 4(17))."


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")
