"""What the case page and the case file read from a case, in the words they show: where
the case stands in its procedure, its ownership with the picture and the chains behind
each figure, the filing's summary and what each version changed.
"""

from __future__ import annotations

from typing import Any

from ownership.pure.words import percent
from reviews import filing_words, ownership_picture
from reviews.models import Case
from reviews.pure import progress


def progress_of(case: Case, readings: list[tuple[Any, Any]]) -> list[progress.Step]:
    """The case's steps with their states, for the task list beside the actions."""
    approved = case.decisions.filter(status="approved").order_by("-reviewed_at").first()
    return progress.steps(
        status=case.status,
        has_filing=case.filing_id is not None,
        phases=[(phase.kind, phase.ended_on is not None) for phase, _ in readings],
        outcome=approved.get_outcome_display() if approved else "",
        ended_how=case.get_status_display(),
    )


def ownership_of(case: Case) -> tuple[dict[str, Any] | None, ownership_picture.Picture | None]:
    """The resolved ownership of the case's latest filing version, and its picture."""
    if case.filing is None:
        return None, None
    version = case.filing.versions.order_by("-number").first()
    assessment = getattr(version, "ownership_assessment", None) if version else None
    if version is None or assessment is None or assessment.status != "done":
        return None, None
    drawing = ownership_picture.for_version(version, assessment.result, assessment.as_of)
    return with_state_bodies(assessment.result, drawing), drawing


def with_state_bodies(
    result: dict[str, Any], drawing: ownership_picture.Picture | None
) -> dict[str, Any]:
    """The tables name a state as one owner ("People's Republic of China", as the
    resolution counts all its bodies as one); the picture draws its bodies. Each state
    owner gets the names of its bodies in the picture, so both say who it is, and each
    owner the chains behind its figure in words (issue 17: "a why panel")."""
    bodies: dict[str, list[str]] = {}
    for box in drawing.boxes if drawing is not None else []:
        if box.is_state and box.country:
            bodies.setdefault(box.country, []).append(box.name)
    names = dict(drawing.names) if drawing is not None else {}
    owners = []
    for owner in result.get("ultimate_owners") or []:
        record = str(owner.get("record_id", ""))
        names.setdefault(record, owner.get("name", record))
        shown = {**owner, "why": why(owner, names)}
        if record.startswith("state:"):
            shown["through"] = bodies.get(record.removeprefix("state:"), [])
        owners.append(shown)
    return {**result, "ultimate_owners": owners}


def why(owner: dict[str, Any], names: dict[str, str]) -> list[str]:
    """The chains behind an owner's integrated share, strongest first, each as the
    parties it runs through and the product of its shares; where the chains add up to
    less than the figure, the rest comes round a cross-holding (docs/ownership.md)."""
    chains = sorted(
        owner.get("chains") or [], key=lambda c: -float((c.get("share") or {}).get("max", 0))
    )
    lines = []
    for chain in chains:
        share = chain.get("share") or {}
        path = " → ".join(names.get(p, p) for p in chain.get("parties") or [])
        lines.append(f"{path}: {percent(float(share.get('min', 0)), float(share.get('max', 0)))}")
    total = sum(float((c.get("share") or {}).get("min", 0)) for c in chains)
    held = float((owner.get("ownership") or {}).get("min", 0))
    if held - total > 0.005:
        lines.append(
            f"and {held - total:.2f} % more round a cross-holding: each time the shares go "
            "round the cycle they add a smaller part, summed to the end"
        )
    return lines


def filed_summary(content: dict[str, Any]) -> dict[str, Any]:
    """What the case page's summary shows of the filing's latest version, worded."""
    stake = content.get("stake") or {}
    value = content.get("value") or {}
    completion = content.get("completion") or {}
    return {
        "transaction": filing_words.section("transaction_kind", content.get("transaction_kind"))[0],
        "voting": f"{stake.get('voting_before', '?')} % → {stake.get('voting_after', '?')} %",
        "capital": f"{stake.get('economic_before', '?')} % → {stake.get('economic_after', '?')} %",
        # Stored amounts are normalised ("412000000"): cents stripped, never the zeros of
        # the whole amount (issue 17: "412,000" was shown for 412 million).
        "value": f"{filing_words.amount(value.get('amount'))} {value.get('currency', '')}".strip(),
        "completion": f"{completion.get('date', '—')} ({completion.get('status', '?')})",
        "ultimate_investors": [
            f"{owner.get('name')} ({owner.get('country')}, "
            f"{str(owner.get('kind', '')).replace('_', ' ')}, {owner.get('capital_percent')} %)"
            for owner in content.get("ultimate_investors") or []
        ],
    }


def versions_with_changes(case: Case) -> list[dict[str, Any]]:
    """Each filing version with what it changed from the one before: each changed
    section in words, before and after (reviews/filing_words.py)."""
    if case.filing is None:
        return []
    versions = list(case.filing.versions.order_by("number"))
    return [
        {
            "version": after,
            "changes": filing_words.amendment(before.content, after.content) if before else [],
        }
        for before, after in zip([None, *versions], versions, strict=False)
    ]
