"""The content of a filing: the information Art. 9 of Regulation (EU) 2019/452 requires.

One nested serializer validates it at the edge. A draft is checked with `partial=True`
(what is there must be right, nothing is required yet); a submission is checked in
full, so the same rules answer both "this value is wrong" and "this is still missing".
Stored content is the serializer's representation: plain JSON, decimals as strings.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone
from rest_framework import serializers
from stdnum import lei as lei_number

from core.pure.codes import country_name, is_country, is_currency, is_member_state
from ownership.pure.bods_checks import check_statements, records_of_type
from screening.pure import scope
from screening.pure.nace import nace_error
from screening.pure.sectors import SECTORS

EARLIEST_COMPLETION = date(1990, 1, 1)
UNION_GRANT_YEARS = 5  # Art. 15(1) of 2026/1386: grants of the last five years
LATEST_PLANNED_YEARS = 10


class CountryField(serializers.CharField):
    default_error_messages = {
        "invalid_country": "{value!r} is not an ISO 3166-1 alpha-2 country code (e.g. 'DE', 'CN')."
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 2)
        kwargs.setdefault("help_text", "ISO 3166-1 alpha-2 country code")
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if not is_country(value):
            self.fail("invalid_country", value=value)
        return value


class MemberStateField(CountryField):
    default_error_messages = {
        "not_member_state": "{value!r} ({name}) is not an EU member state.",
    }

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if not is_member_state(value):
            self.fail("not_member_state", value=value, name=country_name(value))
        return value


class CurrencyField(serializers.CharField):
    default_error_messages = {
        "invalid_currency": "{value!r} is not an ISO 4217 currency code (e.g. 'EUR', 'USD')."
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 3)
        kwargs.setdefault("help_text", "ISO 4217 currency code")
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if not is_currency(value):
            self.fail("invalid_currency", value=value)
        return value


def percentage(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=7, decimal_places=4, min_value=0, max_value=100, **kwargs
    )


def amount(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=20, decimal_places=2, min_value=0, **kwargs)


class IdentifierSerializer(serializers.Serializer):
    scheme = serializers.CharField(
        max_length=50, help_text="org-id.guide scheme of the register, e.g. 'DE-HRB', 'GB-COH'"
    )
    id = serializers.CharField(max_length=100)


PARTY_KINDS = ["company", "natural_person", "fund", "state_body", "other"]
ULTIMATE_INVESTOR_KINDS = ["natural_person", "entity", "state"]
SPECIAL_RIGHT_KINDS = [
    "board_seats",
    "board_appointment",
    "veto",
    "golden_share",
    "information_rights",
    "other",
]
FUNDING_KINDS = [
    "own_funds",
    "equity",
    "shareholder_loan",
    "bank_loan",
    "bonds",
    "grant",
    "other",
]
COMPLETION_STATUSES = ["planned", "completed"]


class PartySerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=PARTY_KINDS)
    country = CountryField(help_text="Jurisdiction of incorporation, or nationality")
    lei = serializers.CharField(
        max_length=20, required=False, help_text="ISO 17442 Legal Entity Identifier"
    )
    identifiers = IdentifierSerializer(many=True, required=False)
    address = serializers.CharField(max_length=500, required=False, allow_blank=True)
    name_original_script = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="The name in its original script, e.g. 金沙资源集团 (Art. 15(1)(a) of 2026/1386)",
    )
    website = serializers.URLField(max_length=500, required=False, allow_blank=True)
    bods_record_id = serializers.CharField(
        max_length=200,
        required=False,
        help_text="recordId of this party in `ownership_statements`",
    )

    def validate_lei(self, value: str) -> str:
        if not lei_number.is_valid(value):
            raise serializers.ValidationError(
                f"{value!r} is not a valid LEI (20 characters with ISO 17442 check digits)."
            )
        return lei_number.compact(value)


class UltimateInvestorSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=ULTIMATE_INVESTOR_KINDS)
    country = CountryField()
    capital_percent = percentage(help_text="Participation in the capital of the investor")
    voting_percent = percentage(required=False)
    bods_record_id = serializers.CharField(max_length=200, required=False)


class StakeSerializer(serializers.Serializer):
    voting_before = percentage(help_text="Voting rights held in the target before, 0–100")
    voting_after = percentage(help_text="Voting rights held in the target after, 0–100")
    economic_before = percentage(help_text="Economic (capital) interest before, 0–100")
    economic_after = percentage(help_text="Economic (capital) interest after, 0–100")


class SpecialRightSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SPECIAL_RIGHT_KINDS)
    description = serializers.CharField(max_length=2000)
    holder = serializers.CharField(max_length=300, required=False)


class MoneySerializer(serializers.Serializer):
    amount = amount()
    currency = CurrencyField()


class ActivitiesSerializer(serializers.Serializer):
    description = serializers.CharField(
        max_length=5000, help_text="Products, services and business operations"
    )
    nace_codes = serializers.ListField(
        child=serializers.CharField(max_length=10), min_length=1, max_length=50
    )
    member_states = serializers.ListField(
        child=MemberStateField(),
        help_text="EU member states where relevant business operations are conducted",
    )

    def validate_nace_codes(self, codes: list[str]) -> list[str]:
        errors = {str(i): [e] for i, code in enumerate(codes) if (e := nace_error(code))}
        if errors:
            raise serializers.ValidationError(errors)
        return codes


class FundingSourceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=FUNDING_KINDS)
    amount = amount()
    currency = CurrencyField()
    provider_name = serializers.CharField(max_length=300)
    provider_country = CountryField()
    is_state_linked = serializers.BooleanField(
        help_text="The provider is a state, state body or state-owned or -funded entity"
    )
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class CompletionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=COMPLETION_STATUSES)
    date = serializers.DateField()


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField()
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    role = serializers.CharField(max_length=200, required=False, allow_blank=True)


FINANCIAL_KIND_CODES = list(scope.FINANCIAL_KINDS)


class ScopeCategorySerializer(serializers.Serializer):
    """One minimum-scope category of Art. 4(15) of Regulation (EU) 2026/1386 the target
    is in, with the detail that category needs (docs/scope.md §2)."""

    category = serializers.ChoiceField(choices=list(scope.CATEGORIES))
    codes = serializers.ListField(
        child=serializers.CharField(max_length=30),
        required=False,
        max_length=200,
        help_text="dual_use: Annex I entries of Regulation (EU) 2021/821 ('3A001', "
        "'5A002.a'); military: Common Military List entries ('ML10', 'ML22.b')",
    )
    technologies = serializers.ListField(
        child=serializers.ChoiceField(choices=list(scope.TECHNOLOGIES)),
        required=False,
        help_text="critical_technology: which technologies of Annex I",
    )
    sector = serializers.ChoiceField(
        choices=list(scope.CRITICAL_SECTORS),
        required=False,
        help_text="critical_entity: the sector it was designated in",
    )
    activities = serializers.ListField(
        child=serializers.ChoiceField(choices=scope.RAW_MATERIAL_ACTIVITIES), required=False
    )
    materials = serializers.ListField(
        child=serializers.ChoiceField(choices=list(scope.STRATEGIC_RAW_MATERIALS)),
        required=False,
        help_text="strategic_raw_materials: Annex I, Section 1, of Regulation (EU) 2024/1252",
    )
    kind = serializers.ChoiceField(
        choices=FINANCIAL_KIND_CODES,
        required=False,
        help_text="financial_infrastructure: which kind of infrastructure or institution",
    )
    code = serializers.CharField(
        max_length=50, required=False, help_text="national: the member state's extension code"
    )
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)

    # The detail each category needs: field -> why.
    NEEDS = {
        "dual_use": {"codes": "the Annex I entries of Regulation (EU) 2021/821"},
        "military": {"codes": "the Common Military List entries"},
        "critical_technology": {"technologies": "which technologies"},
        "critical_entity": {"sector": "the sector of the designation"},
        "strategic_raw_materials": {
            "activities": "which activities",
            "materials": "which strategic raw materials",
        },
        "financial_infrastructure": {"kind": "which kind"},
        "national": {"code": "the extension's code"},
    }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        category = attrs["category"]
        errors = {
            field: [f"Give {why} for category {category!r}."]
            for field, why in self.NEEDS.get(category, {}).items()
            if not attrs.get(field)
        }
        pattern = {"dual_use": scope.DUAL_USE_CODE, "military": scope.MILITARY_CODE}.get(category)
        if pattern is not None:
            for i, code in enumerate(attrs.get("codes") or []):
                if not pattern.match(code):
                    errors[f"codes.{i}"] = [_code_error(category, code)]
        extensions = national_extensions()
        if category == "national" and attrs.get("code") and attrs["code"] not in extensions:
            known = ", ".join(sorted(extensions)) or "none"
            errors["code"] = [
                f"{attrs['code']!r} is not one of this member state's extensions; "
                f"they are: {known}."
            ]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


def _code_error(category: str, code: str) -> str:
    if category == "dual_use":
        return (
            f"{code!r} is not an Annex I entry of Regulation (EU) 2021/821: a category "
            "0-9, a group A-E and three digits, e.g. '3A001' or '5A002.a'."
        )
    return f"{code!r} is not a Common Military List entry: 'ML1' to 'ML22', e.g. 'ML10.b'."


def national_extensions() -> dict[str, str]:
    """The node's own extensions of the minimum scope (Art. 4(16)): code -> label."""
    return dict(getattr(settings, "NATIONAL_SCOPE_EXTENSIONS", {}) or {})


class ScopeSerializer(serializers.Serializer):
    categories = ScopeCategorySerializer(
        many=True,
        help_text="Minimum-scope categories of Art. 4(15) (and national extensions) the "
        "target is in; empty when none",
    )
    internal_restructuring = serializers.BooleanField(
        default=False,
        help_text="A restructuring within the group (Art. 1(5)): out of scope unless a new "
        "third-country entity enters the target's chain",
    )


class OwnerBeforeSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=PARTY_KINDS)
    country = CountryField()
    lei = serializers.CharField(max_length=20, required=False)
    capital_percent = percentage(required=False)
    bods_record_id = serializers.CharField(
        max_length=200, required=False, help_text="recordId in `ownership_statements`, if there"
    )


class BeneficialOwnerSerializer(serializers.Serializer):
    """A beneficial owner of the investor or of the target, as Art. 15(1) of 2026/1386
    describes it."""

    of = serializers.ChoiceField(
        choices=["investor", "target"], default="investor", help_text="Whose beneficial owner"
    )
    name = serializers.CharField(max_length=300)
    name_original_script = serializers.CharField(max_length=300, required=False, allow_blank=True)
    country = CountryField(help_text="Nationality, or jurisdiction for a legal person")
    address = serializers.CharField(max_length=500, required=False, allow_blank=True)
    website = serializers.URLField(max_length=500, required=False, allow_blank=True)
    activities = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    bods_record_id = serializers.CharField(max_length=200, required=False)


class GroupOperationSerializer(serializers.Serializer):
    member_state = MemberStateField()
    entity_name = serializers.CharField(max_length=300)
    activities = serializers.CharField(max_length=2000)


class UnionGrantSerializer(serializers.Serializer):
    programme = serializers.CharField(max_length=300, help_text="e.g. Horizon Europe")
    amount = amount()
    currency = CurrencyField()
    year = serializers.IntegerField(min_value=1990)


class OtherFilingSerializer(serializers.Serializer):
    """The same transaction filed in another member state (Art. 7 of 2026/1386)."""

    member_state = MemberStateField()
    reference = serializers.CharField(max_length=100, help_text="That authority's reference")
    filed_on = serializers.DateField()


TRANSACTION_KINDS = [
    "share_acquisition",
    "stake_increase",
    "asset_acquisition",
    "merger",
    "joint_venture",
    "greenfield",
    "other",
]
# Acquiring shares cannot leave the investor with fewer of them.
ACQUISITIONS = {"share_acquisition", "stake_increase"}


class FilingContentSerializer(serializers.Serializer):
    """The information a filing gives. The sections of Art. 15(1) of Regulation (EU)
    2026/1386 (`scope`, `beneficial_owners`, `target_owners_before`,
    `alternative_suppliers`, `group_operations`, `annex_ii_projects`, `union_grants`,
    `other_filings`, and the parties' `address`) are optional here and required at
    submission when 2026/1386 governs the screening (from 17 January 2028); an empty list
    declares "none"."""

    title = serializers.CharField(max_length=300, help_text="Short name of the transaction")
    transaction_kind = serializers.ChoiceField(choices=TRANSACTION_KINDS)
    investor = PartySerializer(help_text="The foreign investor (the acquiring party)")
    target = PartySerializer(help_text="The undertaking in the Union")
    ultimate_investors = UltimateInvestorSerializer(many=True, allow_empty=False)
    ownership_statements = serializers.ListField(
        child=serializers.DictField(),
        allow_empty=False,
        max_length=20000,
        help_text="Ownership structure of investor and target as BODS 0.4 statements",
    )
    stake = StakeSerializer()
    special_rights = SpecialRightSerializer(many=True)
    value = MoneySerializer(help_text="Approximate value of the investment")
    investor_activities = ActivitiesSerializer()
    target_activities = ActivitiesSerializer()
    funding = FundingSourceSerializer(many=True, allow_empty=False)
    completion = CompletionSerializer(help_text="Planned or actual completion date")
    sectors = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(SECTORS)),
        help_text="Art. 4(1) factors the target's activities touch (may be empty)",
    )
    contact = ContactSerializer()
    # Regulation (EU) 2026/1386 (docs/scope.md): optional, so that filings made under
    # 2019/452 stay valid.
    scope = ScopeSerializer(
        required=False, help_text="Art. 4(15)-(17), 1(5) of Regulation (EU) 2026/1386"
    )
    target_owners_before = OwnerBeforeSerializer(
        many=True,
        required=False,
        help_text="The target's owners before the investment (Art. 15(1) of 2026/1386)",
    )
    beneficial_owners = BeneficialOwnerSerializer(
        many=True,
        required=False,
        help_text="Beneficial owners of the investor and of the target (Art. 15(1) of 2026/1386)",
    )
    alternative_suppliers = serializers.ListField(
        child=serializers.CharField(max_length=300),
        required=False,
        help_text="Other suppliers of what the target supplies (Art. 15(1) of 2026/1386)",
    )
    group_operations = GroupOperationSerializer(
        many=True,
        required=False,
        help_text="The investor's group in other member states (Art. 15(1) of 2026/1386)",
    )
    annex_ii_projects = serializers.ListField(
        child=serializers.CharField(max_length=300),
        required=False,
        help_text="Projects or programmes of Union interest (Annex II) the target takes part in",
    )
    union_grants = UnionGrantSerializer(
        many=True,
        required=False,
        help_text="Union grants of EUR 750,000 or more in the last five years",
    )
    other_filings = OtherFilingSerializer(
        many=True,
        required=False,
        help_text="Filings of the same transaction in other member states (Art. 7)",
    )
    confidential = serializers.ListField(
        child=serializers.CharField(max_length=50),
        required=False,
        help_text="Sections the filer marks confidential (Art. 4(6) of 2026/1386): the "
        "mark is shown wherever the section is",
    )

    def validate_ownership_statements(self, statements: list[dict[str, Any]]) -> Any:
        problems = check_statements(statements)
        if problems:
            raise serializers.ValidationError(
                {_dotted(problem.path): [problem.message] for problem in problems}
            )
        return statements

    def validate_confidential(self, sections: list[str]) -> list[str]:
        known: list[str] = [str(name) for name in self.fields if name != "confidential"]
        unknown = [name for name in sections if name not in known]
        if unknown:
            raise serializers.ValidationError(
                f"Not a section: {', '.join(unknown)}; mark any of: {', '.join(known)}."
            )
        return sorted(set(sections))

    def validate_union_grants(self, grants: list[dict[str, Any]]) -> list[dict[str, Any]]:
        oldest = timezone.localdate().year - UNION_GRANT_YEARS
        errors = {
            f"{i}.year": [f"List the grants of the last five years (from {oldest})."]
            for i, grant in enumerate(grants)
            if grant["year"] < oldest
        }
        if errors:
            raise serializers.ValidationError(errors)
        return grants

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, list[str]] = {}
        self._check_stake(attrs, errors)
        self._check_completion(attrs, errors)
        self._check_record_links(attrs, errors)
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def _check_stake(self, attrs: dict[str, Any], errors: dict[str, list[str]]) -> None:
        stake = attrs.get("stake") or {}
        kind = attrs.get("transaction_kind")
        if kind not in ACQUISITIONS:
            return
        for measure in ("voting", "economic"):
            before, after = stake.get(f"{measure}_before"), stake.get(f"{measure}_after")
            if before is None or after is None:
                continue
            if after < before:
                errors[f"stake.{measure}_after"] = [
                    f"A {kind.replace('_', ' ')} cannot lower the stake: "
                    f"{_plain_decimal(after)} % after is below {_plain_decimal(before)} % before."
                ]
            elif kind == "stake_increase" and measure == "voting" and after == before:
                errors[f"stake.{measure}_after"] = [
                    "A stake increase must raise the voting rights held."
                ]

    def _check_completion(self, attrs: dict[str, Any], errors: dict[str, list[str]]) -> None:
        completion = attrs.get("completion")
        if not completion or "date" not in completion or "status" not in completion:
            return
        today = timezone.localdate()
        when = completion["date"]
        if when < EARLIEST_COMPLETION:
            errors["completion.date"] = [f"{when} is before {EARLIEST_COMPLETION}."]
        elif completion["status"] == "completed" and when > today:
            errors["completion.date"] = [
                f"A completed investment cannot complete in the future ({when})."
            ]
        elif completion["status"] == "planned" and when < today:
            errors["completion.date"] = [
                f"A planned completion date cannot be in the past ({when}); "
                "if it has completed, say status 'completed'."
            ]
        elif when > today + timedelta(days=365 * LATEST_PLANNED_YEARS):
            errors["completion.date"] = [f"{when} is more than {LATEST_PLANNED_YEARS} years ahead."]

    def _check_record_links(self, attrs: dict[str, Any], errors: dict[str, list[str]]) -> None:
        statements = attrs.get("ownership_statements")
        if statements is None:
            return
        known = records_of_type(statements, "entity") | records_of_type(statements, "person")
        links = [
            (f"{role}.bods_record_id", attrs.get(role, {}).get("bods_record_id"))
            for role in ("investor", "target")
        ] + [
            (f"ultimate_investors.{i}.bods_record_id", owner.get("bods_record_id"))
            for i, owner in enumerate(attrs.get("ultimate_investors") or [])
        ]
        for field, record_id in links:
            if record_id is not None and record_id not in known:
                errors[field] = [f"No entity or person {record_id!r} in ownership_statements."]


# What a filing must give once Regulation (EU) 2026/1386 governs its screening (Art.
# 15(1); docs/scope.md §5). Each is optional in the schema, so that filings under
# 2019/452 stay valid; under 2026/1386 a list must be there, and an empty one says
# "none" in so many words.
REQUIRED_UNDER_2026_1386 = (
    "scope",
    "beneficial_owners",
    "target_owners_before",
    "alternative_suppliers",
    "group_operations",
    "annex_ii_projects",
    "union_grants",
    "other_filings",
)
ADDRESSED_UNDER_2026_1386 = ("investor", "target")


def missing_under_2026_1386(content: dict[str, Any]) -> dict[str, list[str]]:
    """Field errors for what checked content lacks of Art. 15(1) of 2026/1386."""
    errors = {
        section: [
            "Required under Regulation (EU) 2026/1386 (Art. 15(1)); send an empty list "
            "if there is none."
            if section != "scope"
            else "Required under Regulation (EU) 2026/1386: the minimum-scope categories "
            "the target is in (Art. 4(15)), an empty list if none."
        ]
        for section in REQUIRED_UNDER_2026_1386
        if section not in content
    }
    for party in ADDRESSED_UNDER_2026_1386:
        if not (content.get(party) or {}).get("address"):
            errors[f"{party}.address"] = [
                "Required under Regulation (EU) 2026/1386 (Art. 15(1)): the address."
            ]
    return errors


def completed_on(content: dict[str, Any]) -> date | None:
    """The day a filed investment was completed; None while it is planned."""
    completion = content.get("completion") or {}
    if completion.get("status") != "completed" or not completion.get("date"):
        return None
    return date.fromisoformat(completion["date"])


def _plain_decimal(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _dotted(path: str) -> str:
    """`[3].recordDetails.interests[0]` -> `3.recordDetails.interests.0`."""
    return path.replace("[", ".").replace("]", "").lstrip(".")


def _validator(*, partial: bool) -> FilingContentSerializer:
    serializer = FilingContentSerializer(partial=partial)
    serializer.fields  # noqa: B018 - bind the field tree now, once, not on first use
    return serializer


# One validator per mode for the life of the process. Validation keeps no state on the
# serializer (run_validation only reads its bound fields), and building the field tree
# deep-copies ~100 fields: a third of a submission's time when done per request.
_DRAFT = _validator(partial=True)
_COMPLETE = _validator(partial=False)


def validate_content(data: Any, *, complete: bool) -> dict[str, Any]:
    """Validated content as stored JSON; raises serializers.ValidationError.

    Unknown fields are dropped by the serializer, so what is stored is what was checked.
    """
    validator = _COMPLETE if complete else _DRAFT
    return _as_json(validator.run_validation(data))


def _as_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, Decimal):
        return _plain_decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
