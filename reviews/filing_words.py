"""The filing in words: every section of a filing's content as the lines a reviewer reads
on the case page, with codes turned into words, and an amendment as each changed
section's before and after (issue 17: the filing's content was partly missing from the
case page, and amendments showed as raw JSON diffs).

One renderer per section, so that the full filing, the Art. 15(1) information and the
amendments say a thing the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from ownership.pure import words as ownership_words
from screening.pure import scope
from screening.pure.nace import DIVISION_SECTION
from screening.pure.sectors import SECTORS

TRANSACTION_KINDS = {
    "share_acquisition": "Share acquisition",
    "stake_increase": "Increase of an existing stake",
    "asset_acquisition": "Acquisition of assets",
    "merger": "Merger",
    "joint_venture": "Joint venture",
    "greenfield": "Greenfield investment",
    "other": "Other",
}
PARTY_KINDS = {
    "company": "company",
    "natural_person": "natural person",
    "fund": "fund",
    "state_body": "state body",
    "entity": "entity",
    "state": "state",
    "other": "other",
}
SPECIAL_RIGHTS = {
    "board_seats": "Board seats",
    "board_appointment": "Right to appoint the board",
    "veto": "Veto right",
    "golden_share": "Golden share",
    "information_rights": "Information rights",
    "other": "Other right",
}
FUNDING_KINDS = {
    "own_funds": "Own funds",
    "equity": "Equity",
    "shareholder_loan": "Shareholder loan",
    "bank_loan": "Bank loan",
    "bonds": "Bonds",
    "grant": "Grant",
    "other": "Other",
}
# NACE Rev. 2 sections (Regulation (EC) No 1893/2006, Annex I).
NACE_SECTIONS = {
    "A": "Agriculture, forestry and fishing",
    "B": "Mining and quarrying",
    "C": "Manufacturing",
    "D": "Electricity, gas, steam and air conditioning supply",
    "E": "Water supply, sewerage, waste management",
    "F": "Construction",
    "G": "Wholesale and retail trade",
    "H": "Transportation and storage",
    "I": "Accommodation and food service",
    "J": "Information and communication",
    "K": "Financial and insurance activities",
    "L": "Real estate activities",
    "M": "Professional, scientific and technical activities",
    "N": "Administrative and support service activities",
    "O": "Public administration and defence",
    "P": "Education",
    "Q": "Human health and social work",
    "R": "Arts, entertainment and recreation",
    "S": "Other service activities",
    "T": "Activities of households as employers",
    "U": "Activities of extraterritorial organisations",
}


def amount(value: Any) -> str:
    """An amount with thousands separators, cents only where there are any
    ("412,000,000" for the stored "412000000.00")."""
    try:
        return f"{Decimal(str(value)):,.2f}".removesuffix(".00")
    except (InvalidOperation, ValueError):
        return str(value or "")


def _money(item: dict[str, Any]) -> str:
    return f"{amount(item.get('amount'))} {item.get('currency', '')}".strip()


def _kind(kinds: dict[str, str], code: Any) -> str:
    return kinds.get(str(code), str(code or "").replace("_", " "))


def _join(*parts: Any) -> str:
    return ", ".join(str(part) for part in parts if part not in (None, "", []))


def _party(party: dict[str, Any]) -> list[str]:
    identifiers = "; ".join(
        f"{i.get('scheme')} {i.get('id')}" for i in party.get("identifiers") or []
    )
    return [
        line
        for line in (
            _join(party.get("name"), party.get("name_original_script")),
            _join(_kind(PARTY_KINDS, party.get("kind")), party.get("country")),
            f"LEI {party['lei']}" if party.get("lei") else "",
            f"Registered as {identifiers}" if identifiers else "",
            party.get("address", ""),
            party.get("website", ""),
        )
        if line
    ]


def _percent(value: Any) -> str:
    return f"{value} %" if value not in (None, "") else ""


def _ultimate_investors(owners: list[dict[str, Any]]) -> list[str]:
    return [
        _join(
            o.get("name"),
            o.get("country"),
            _kind(PARTY_KINDS, o.get("kind")),
            f"capital {_percent(o['capital_percent'])}" if o.get("capital_percent") else "",
            f"voting {_percent(o['voting_percent'])}" if o.get("voting_percent") else "",
        )
        for o in owners
    ]


def _stake(stake: dict[str, Any]) -> list[str]:
    return [
        f"Voting rights: {stake.get('voting_before', '?')} % → {stake.get('voting_after', '?')} %",
        f"Capital: {stake.get('economic_before', '?')} % → {stake.get('economic_after', '?')} %",
    ]


def _special_rights(rights: list[dict[str, Any]]) -> list[str]:
    return [
        f"{_kind(SPECIAL_RIGHTS, r.get('kind'))}: {r.get('description', '')}"
        + (f" (held by {r['holder']})" if r.get("holder") else "")
        for r in rights
    ]


def nace(code: str) -> str:
    """A NACE code with its section's name: "C28.41 (Manufacturing)"."""
    letter = code[:1] if code[:1].isalpha() else ""
    digits = code[1:] if letter else code
    if not letter and digits[:2].isdigit():
        letter = DIVISION_SECTION.get(int(digits[:2]), "")
    name = NACE_SECTIONS.get(letter.upper())
    return f"{code} ({name})" if name else code


def _activities(activities: dict[str, Any]) -> list[str]:
    lines = [activities.get("description", "")]
    if activities.get("nace_codes"):
        lines.append("NACE: " + "; ".join(nace(code) for code in activities["nace_codes"]))
    if activities.get("member_states"):
        lines.append("Active in: " + ", ".join(activities["member_states"]))
    return [line for line in lines if line]


def _funding(sources: list[dict[str, Any]]) -> list[str]:
    return [
        _join(
            f"{_kind(FUNDING_KINDS, f.get('kind'))}: {_money(f)}",
            f"from {f['provider_name']}" if f.get("provider_name") else "",
            f.get("provider_country"),
            "state-linked" if f.get("is_state_linked") else "",
            f.get("description"),
        )
        for f in sources
    ]


def _completion(completion: dict[str, Any]) -> list[str]:
    status = {"planned": "planned", "completed": "completed"}.get(
        completion.get("status", ""), completion.get("status", "")
    )
    return [f"{completion.get('date', '—')} ({status})"]


def _contact(contact: dict[str, Any]) -> list[str]:
    return [
        line
        for line in (
            _join(contact.get("name"), contact.get("role")),
            contact.get("email", ""),
            contact.get("phone", ""),
        )
        if line
    ]


def _scope(declared: dict[str, Any]) -> list[str]:
    lines = []
    for category in declared.get("categories") or []:
        code = category.get("category", "")
        label, basis = scope.CATEGORIES.get(code, (code, ""))
        details = _join(
            "; ".join(category.get("codes") or []),
            "; ".join(category.get("technologies") or []),
            category.get("sector"),
            "; ".join(category.get("activities") or []),
            "; ".join(category.get("materials") or []),
            category.get("kind"),
            category.get("code"),
            category.get("description"),
        )
        label = f"{label} ({basis})" if basis else label
        lines.append(f"{label}: {details}" if details else label)
    if declared.get("internal_restructuring"):
        lines.append("Declared an internal restructuring within the group")
    return lines or ["None of the categories declared"]


def _beneficial_owners(owners: list[dict[str, Any]]) -> list[str]:
    return [
        ("of the target: " if o.get("of") == "target" else "")
        + _join(
            o.get("name"),
            o.get("name_original_script"),
            o.get("country"),
            o.get("address"),
            o.get("website"),
            o.get("activities"),
        )
        for o in owners
    ]


def _owners_before(owners: list[dict[str, Any]]) -> list[str]:
    return [
        f"{o.get('name')} ({o.get('country')})"
        + (f", {o['capital_percent']} %" if o.get("capital_percent") else "")
        + (f", LEI {o['lei']}" if o.get("lei") else "")
        for o in owners
    ]


def _statements(statements: list[dict[str, Any]]) -> list[str]:
    """BODS statements, one line each: who, or who holds what in whom."""
    names = {}
    for s in statements:
        details = s.get("recordDetails") or {}
        if s.get("recordType") == "entity":
            names[s.get("recordId")] = details.get("name") or "an entity"
        elif s.get("recordType") == "person":
            found = details.get("names") or [{}]
            names[s.get("recordId")] = found[0].get("fullName") or "a person"
    lines = []
    for s in statements:
        details = s.get("recordDetails") or {}
        if s.get("recordType") != "relationship":
            lines.append(f"{names.get(s.get('recordId'))} ({s.get('recordType')})")
            continue
        party = details.get("interestedParty")
        if isinstance(party, dict):
            holder = (
                "Not named (" + ownership_words.unspecified_reason(party.get("reason", "")) + ")"
            )
        else:
            holder = names.get(party, str(party))
        interests = "; ".join(
            _join(i.get("type"), _share(i.get("share") or {}))
            for i in details.get("interests") or []
        )
        lines.append(
            f"{holder} in {names.get(details.get('subject'), details.get('subject'))}: {interests}"
        )
    return lines


def _share(share: dict[str, Any]) -> str:
    if "exact" in share:
        return f"{share['exact']} %"
    low = share.get("minimum", share.get("exclusiveMinimum"))
    high = share.get("maximum", share.get("exclusiveMaximum"))
    return (
        f"{low if low is not None else '?'}–{high if high is not None else '?'} %"
        if (low, high) != (None, None)
        else ""
    )


Renderer = Callable[[Any], list[str]]

# Every section of the filing's content, in the order the case page shows them.
SECTIONS: list[tuple[str, str, Renderer]] = [
    ("title", "Title", lambda v: [str(v)]),
    ("transaction_kind", "Transaction", lambda v: [_kind(TRANSACTION_KINDS, v)]),
    ("investor", "Investor", _party),
    ("target", "Target", _party),
    ("ultimate_investors", "Ultimate investors", _ultimate_investors),
    ("stake", "Stake", _stake),
    ("special_rights", "Special rights (board, veto, golden share)", _special_rights),
    ("value", "Value", lambda v: [_money(v)]),
    ("funding", "Funding", _funding),
    ("investor_activities", "The investor's activities", _activities),
    ("target_activities", "The target's activities", _activities),
    ("completion", "Completion", _completion),
    ("sectors", "Sectors (Art. 4(1))", lambda v: [SECTORS.get(code, code) for code in v]),
    ("scope", "Scope declared (Art. 4(15))", _scope),
    ("beneficial_owners", "Beneficial owners", _beneficial_owners),
    ("target_owners_before", "The target's owners before", _owners_before),
    ("alternative_suppliers", "Alternative suppliers of the target's products", list),
    (
        "group_operations",
        "The investor's group in other member states",
        lambda v: [f"{g['member_state']}: {g['entity_name']}, {g['activities']}" for g in v],
    ),
    ("annex_ii_projects", "Projects of Union interest (Annex II)", list),
    (
        "union_grants",
        "Union grants (EUR 750,000 or more, five years)",
        lambda v: [f"{g['programme']} ({g['year']}): {_money(g)}" for g in v],
    ),
    (
        "other_filings",
        "The same transaction filed elsewhere",
        lambda v: [f"{f['member_state']}: {f['reference']}, filed {f['filed_on']}" for f in v],
    ),
    ("ownership_statements", "Ownership statements (BODS)", _statements),
    ("contact", "Contact", _contact),
]
LABELS = {key: label for key, label, _ in SECTIONS}
# The information Art. 15(1) of 2026/1386 adds, shown together on the case page.
ART15 = [
    "beneficial_owners",
    "alternative_suppliers",
    "target_owners_before",
    "group_operations",
    "annex_ii_projects",
    "union_grants",
    "other_filings",
]


def section(key: str, value: Any) -> list[str]:
    """One section's lines; an empty list the filer sent says "None declared"."""
    render = next((r for k, _, r in SECTIONS if k == key), None)
    if render is None:
        return [str(value)]
    try:
        lines = render(value) if value not in (None, "") else []
    except (AttributeError, KeyError, TypeError):
        lines = [str(value)]  # a shape this version does not know: shown as it is
    return lines or ["None declared"]


def filing(content: dict[str, Any], keys: list[str] | None = None) -> list[dict[str, Any]]:
    """The sections of `content` the filer sent (of `keys`, if given), in words, each
    with the filer's confidentiality mark (Art. 4(6))."""
    marked = set(content.get("confidential") or [])
    wanted = keys if keys is not None else [key for key, _, _ in SECTIONS]
    return [
        {
            "key": key,
            "label": LABELS[key],
            "lines": section(key, content[key]),
            "confidential": key in marked,
        }
        for key in wanted
        if key in content
    ]


def amendment(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """What an amendment changed: each changed section, its lines before and after."""
    keys = [key for key, _, _ in SECTIONS] + sorted(
        (set(before) | set(after)) - set(LABELS) - {"confidential"}
    )
    changes = []
    for key in keys:
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        changes.append(
            {
                "key": key,
                "label": LABELS.get(key, key.replace("_", " ").capitalize()),
                "before": section(key, old) if key in before else ["Not given"],
                "after": section(key, new) if key in after else ["Taken out"],
            }
        )
    if before.get("confidential") != after.get("confidential"):
        changes.append(
            {
                "key": "confidential",
                "label": "Sections marked confidential",
                "before": [
                    ", ".join(LABELS.get(k, k) for k in before.get("confidential") or []) or "None"
                ],
                "after": [
                    ", ".join(LABELS.get(k, k) for k in after.get("confidential") or []) or "None"
                ],
            }
        )
    return changes
