"""The 19 example packages of BODS 0.4, as the project's own test data.

Rewritten from the examples published with the standard (openownership/data-standard,
folder `examples/`, commit d97e798; © Open Ownership) as facts: the same records, record
ids, parties, interests, shares and dates, in the same order, statement by statement.
What does not change who owns or controls what is left out: addresses, identifiers,
birth dates, founding dates, political exposure, annotations, publication details.
Each statement gets its own id, `bods-example-<example>-statement-<n>`; where an example
reuses another's statement id (joint-ownership), so does its data here.

`EXAMPLES` maps each example's file name (without `.json`) to a function that returns its
statements as a list of plain BODS 0.4 dicts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Statement = dict[str, Any]

PLACES = {
    "FI": "Finland",
    "FR": "France",
    "GB": "United Kingdom of Great Britain and Northern Ireland (the)",
    "IE": "Ireland",
    "IQ": "Iraq",
    "MX": "Mexico",
    "UA": "Ukraine",
    "US-DE": "Delaware",
}


def place(code: str) -> dict[str, str]:
    return {"name": PLACES[code], "code": code}


def statement_id(example: str, number: int) -> str:
    """32 to 64 characters, as the checks want, for every example name."""
    return f"bods-example-{example}-statement-{number:03d}"


def interest(
    kind: str | None,
    *,
    exact: float | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    exclusive_minimum: float | None = None,
    exclusive_maximum: float | None = None,
    how: str | None = "direct",
    bo: bool | None = None,
    start: str | None = None,
    end: str | None = None,
    details: str | None = None,
) -> dict[str, Any]:
    """One interest; a field left None is left out, as the examples leave it out
    (`kind` None: an interest without a `type`)."""
    share = {
        key: value
        for key, value in (
            ("exact", exact),
            ("minimum", minimum),
            ("maximum", maximum),
            ("exclusiveMinimum", exclusive_minimum),
            ("exclusiveMaximum", exclusive_maximum),
        )
        if value is not None
    }
    fields = {
        "type": kind,
        "directOrIndirect": how,
        "beneficialOwnershipOrControl": bo,
        "share": share or None,
        "startDate": start,
        "endDate": end,
        "details": details,
    }
    return {key: value for key, value in fields.items() if value is not None}


class Package:
    """The statements of one example, numbered in the order they are added."""

    def __init__(self, example: str, declaration_subject: str) -> None:
        self.example = example
        self.declaration_subject = declaration_subject
        self.statements: list[Statement] = []

    def add(
        self,
        record_id: str,
        record_type: str,
        details: dict[str, Any],
        *,
        date: str,
        status: str = "new",
        reused_id: str | None = None,
    ) -> None:
        number = len(self.statements) + 1
        self.statements.append(
            {
                "statementId": reused_id or statement_id(self.example, number),
                "declarationSubject": self.declaration_subject,
                "statementDate": date,
                "recordId": record_id,
                "recordType": record_type,
                "recordStatus": status,
                "recordDetails": details,
                "publicationDetails": {
                    "publicationDate": date[:10],
                    "bodsVersion": "0.4",
                    "publisher": {"name": f"BODS 0.4 example {self.example}"},
                },
            }
        )

    def entity(
        self,
        record_id: str,
        name: str,
        kind: str = "registeredEntity",
        *,
        date: str,
        subtype: str | None = None,
        jurisdiction: str | None = None,
        component: bool = False,
        status: str = "new",
        reused_id: str | None = None,
    ) -> None:
        details: dict[str, Any] = {
            "isComponent": component,
            "entityType": {"type": kind, **({"subtype": subtype} if subtype else {})},
            "name": name,
        }
        if jurisdiction:
            details["jurisdiction"] = place(jurisdiction)
        self.add(record_id, "entity", details, date=date, status=status, reused_id=reused_id)

    def person(
        self,
        record_id: str,
        name: str | None = None,
        *,
        date: str,
        alternative: str | None = None,
        name_type: str | None = "legal",
        nationalities: tuple[str, ...] = (),
        unspecified: tuple[str, str] | None = None,
        status: str = "new",
    ) -> None:
        """A known person (`name_type` None: the example does not type the name), or with
        `unspecified` (reason, description) an anonymous person."""
        details: dict[str, Any] = {"isComponent": False}
        if unspecified:
            details["personType"] = "anonymousPerson"
            reason, description = unspecified
            details["unspecifiedPersonDetails"] = {"reason": reason, "description": description}
        else:
            details["personType"] = "knownPerson"
            names = [{"type": name_type, "fullName": name}]
            if alternative:
                names.append({"type": "alternative", "fullName": alternative})
            details["names"] = [{k: v for k, v in n.items() if v is not None} for n in names]
        if nationalities:
            details["nationalities"] = [place(code) for code in nationalities]
        self.add(record_id, "person", details, date=date, status=status)

    def relationship(
        self,
        record_id: str,
        subject: str,
        party: str | dict[str, str],
        *interests: dict[str, Any],
        date: str,
        components: list[str] | None = None,
        component: bool = False,
        status: str = "new",
    ) -> None:
        """`party` holds `interests` in `subject`; no interests: the example gives none."""
        details: dict[str, Any] = {
            "isComponent": component,
            "subject": subject,
            "interestedParty": party,
        }
        if interests:
            details["interests"] = list(interests)
        if components:
            details["componentRecords"] = components
        self.add(record_id, "relationship", details, date=date, status=status)


# --- 1. bods-package: Profitech Ltd, owned by Jennifer Hewitson-Smith ------------------


def bods_package() -> list[Statement]:
    p = Package("bods-package", "c359f58d2977")
    d = "2020-03-04"
    p.entity("c359f58d2977", "Profitech Ltd", date=d)
    p.person(
        "10478c6cf6de",
        "Jennifer Hewitson-Smith",
        alternative="Jenny Hewitson-Smith",
        nationalities=("GB",),
        date=d,
    )
    p.relationship(
        "93b53022ae6a",
        "c359f58d2977",
        "10478c6cf6de",
        interest("shareholding", exact=100, bo=True, start="2016-04-06"),
        date=d,
    )
    return p.statements


# --- 2. annotations: MONSOON HOLDINGS held by DRILLGREAT, interests not given ----------


def bods_package_annotations() -> list[Statement]:
    p = Package("bods-package-annotations", "387a14452645")
    p.entity("387a14452645", "DRILLGREAT LIMITED", date="2016-04-06")
    p.entity(
        "22e8a31863ee", "MONSOON HOLDINGS (NO.1) LIMITED", jurisdiction="GB", date="2017-05-31"
    )
    p.relationship("34cabf9075dd", "22e8a31863ee", "387a14452645", date="2016-04-06")
    return p.statements


# --- 3. entity-owning-entity: JENEX LIMITED, 75 % to under 100 % held by MVJ LIMITED --


def bods_package_entity_owning_entity() -> list[Statement]:
    p = Package("bods-package-entity-owning-entity", "12b7dd0770ce")
    p.entity("12b7dd0770ce", "JENEX LIMITED", date="2017-06-30")
    p.entity("e83cce729ada", "MVJ LIMITED", date="2017-08-09")
    p.relationship(
        "0f31559c6eec",
        "12b7dd0770ce",
        "e83cce729ada",
        interest("shareholding", minimum=75, exclusive_maximum=100),
        date="2016-06-30",
    )
    return p.statements


# --- 4. fi-soe: Gasgrid Finland Oy, owned by the Republic of Finland -------------------


def bods_package_fi_soe() -> list[Statement]:
    p = Package("bods-package-fi-soe", "19f1c5afe9d7")
    d = "2022-02-14"
    start = "2020-01-01"
    p.entity("19f1c5afe9d7", "Gasgrid Finland Oy", jurisdiction="FI", date=d)
    p.entity("0199c515a699", "Suomen Kaasuverkko Oy", jurisdiction="FI", component=True, date=d)
    p.entity(
        "7ff95ba3682c",
        "Valtiovarainministerio",
        "stateBody",
        subtype="governmentDepartment",
        jurisdiction="FI",
        component=True,
        date=d,
    )
    p.entity("05ce06ec97b1", "Suomen tasavalta", "state", jurisdiction="FI", date=d)
    # Kaasuverkko 76.5 % of Gasgrid; the Ministry 100 % of Kaasuverkko and 23.5 % of
    # Gasgrid; the State has otherwise influence over its Ministry.
    for record_id, subject, party, share in (
        ("87ed6d1daf8f", "19f1c5afe9d7", "0199c515a699", 76.5),
        ("e34164e75ac3", "0199c515a699", "7ff95ba3682c", 100),
        ("10643ee6d6fa", "19f1c5afe9d7", "7ff95ba3682c", 23.5),
    ):
        p.relationship(
            record_id,
            subject,
            party,
            interest("shareholding", exact=share, bo=False, start=start),
            component=True,
            date=d,
        )
    p.relationship(
        "324d0f570675",
        "7ff95ba3682c",
        "05ce06ec97b1",
        interest("otherInfluenceOrControl", bo=False),
        component=True,
        date=d,
    )
    p.relationship(  # summary: the State 100 % of Gasgrid, indirectly
        "e8ddaee2a7a4",
        "19f1c5afe9d7",
        "05ce06ec97b1",
        interest("shareholding", exact=100, how="indirect", bo=False, start=start),
        components=[
            "0199c515a699",
            "7ff95ba3682c",
            "87ed6d1daf8f",
            "e34164e75ac3",
            "10643ee6d6fa",
            "324d0f570675",
        ],
        date=d,
    )
    return p.statements


# --- 5. linking-annotations: MARE POND PROPERTIES, more than 25 % to under 50 % -------


def bods_package_linking_annotations() -> list[Statement]:
    p = Package("bods-package-linking-annotations", "a01c1a0863e2")
    p.entity("a01c1a0863e2", "MARE POND PROPERTIES LIMITED", date="2018-03-08")
    p.person("0fc263ba4126", "Mr Jeremy Hunt", name_type=None, date="2018-03-29")
    p.relationship(
        "331342ec3940",
        "a01c1a0863e2",
        "0fc263ba4126",
        interest(
            "shareholding",
            exclusive_minimum=25,
            exclusive_maximum=50,
            how=None,
            start="2018-09-19",  # after the statement, as the example has it
            details="The person holds, directly or indirectly, more than 25% but not "
            "more than 50% of the shares in the company.",
        ),
        date="2018-03-29",
    )
    return p.statements


# --- 6. fermcat: Fermcat Ltd over 2019-2022 (death of one owner, then a buy-out) ------


def fermcat() -> list[Statement]:
    p = Package("fermcat", "ent-93c75c87ab28f889")
    fermcat, riyadh = "ent-93c75c87ab28f889", "per-5faa4103dee78621"
    patrick, declan = "per-41c0bb0cef246f7c", "per-e334cc6258e56467"
    r_riyadh, r_patrick, r_declan = (
        "rel-b05e7c91e0a04e4f",
        "rel-3fc02d9b6bdfd5ca",
        "rel-b64a491543d986d0",
    )
    founded = "2019-09-11"

    def half_and_seat(end: str | None = None, percent: float = 50) -> list[dict[str, Any]]:
        return [
            interest("shareholding", exact=percent, bo=True, start=founded, end=end),
            interest("boardMember", bo=True, start=founded, end=end),
        ]

    def declans_half(end: str | None = None) -> dict[str, Any]:
        return interest("shareholding", exact=50, bo=True, start="2021-04-03", end=end)

    # 2019-09-11: founded; Riyadh and Patrick 50 % each, both on the board.
    d = "2019-09-11T11:17:23Z"
    p.person(riyadh, "Riyadh Byrne-Amin", nationalities=("IQ", "IE"), date=d)
    p.person(patrick, "Patrick O'Donohue", nationalities=("IE",), date=d)
    p.entity(fermcat, "Fermcat Ltd", jurisdiction="IE", date=d)
    p.relationship(r_riyadh, fermcat, riyadh, *half_and_seat(), date=d)
    p.relationship(r_patrick, fermcat, patrick, *half_and_seat(), date=d)
    # 2020-09-11: confirmation, no change.
    d = "2020-09-11T16:30:23Z"
    p.person(riyadh, "Riyadh Byrne-Amin", nationalities=("IQ", "IE"), date=d, status="updated")
    p.person(patrick, "Patrick O'Donohue", nationalities=("IE",), date=d, status="updated")
    p.entity(fermcat, "Fermcat Ltd", jurisdiction="IE", date=d, status="updated")
    p.relationship(r_riyadh, fermcat, riyadh, *half_and_seat(), date=d, status="updated")
    p.relationship(r_patrick, fermcat, patrick, *half_and_seat(), date=d, status="updated")
    # 2021-09-11: Riyadh died on 2021-04-03; his half passed to Declan that day.
    d = "2021-09-11T14:02:11Z"
    p.person(riyadh, "Riyadh Byrne-Amin", nationalities=("IQ", "IE"), date=d, status="closed")
    p.person(declan, "Declan Byrne-Amin", nationalities=("IE",), date=d)
    p.relationship(
        r_riyadh, fermcat, riyadh, *half_and_seat(end="2021-04-03"), date=d, status="closed"
    )
    p.relationship(r_declan, fermcat, declan, declans_half(), date=d)
    d = "2021-09-11T16:15:08Z"
    p.person(patrick, "Patrick O'Donohue", nationalities=("IE",), date=d, status="updated")
    p.person(declan, "Declan Byrne-Amin", nationalities=("IE",), date=d, status="updated")
    p.entity(fermcat, "Fermcat Ltd", jurisdiction="IE", date=d, status="updated")
    p.relationship(r_patrick, fermcat, patrick, *half_and_seat(), date=d, status="updated")
    p.relationship(r_declan, fermcat, declan, declans_half(), date=d, status="updated")
    # 2022-01-21: Patrick buys Declan out: 100 % (his startDate stays 2019-09-11).
    d = "2022-01-21T11:56:47Z"
    p.person(patrick, "Patrick O'Donohue", nationalities=("IE",), date=d, status="updated")
    p.person(declan, "Declan Byrne-Amin", nationalities=("IE",), date=d, status="closed")
    p.relationship(
        r_patrick, fermcat, patrick, *half_and_seat(percent=100), date=d, status="updated"
    )
    p.relationship(
        r_declan, fermcat, declan, declans_half(end="2022-01-21"), date=d, status="closed"
    )
    return p.statements


# --- 7. tecido: Tecido Ltd (Delaware) passing from Maria Esteves to Shear Trust --------


def tecido() -> list[Statement]:
    p = Package("tecido", "01B68D7633")
    tecido, maria, shear = "01B68D7633", "018AF6B3EB", "033E84672B"
    r_maria, r_shear = "022EBEB66B", "02089A4E68"

    def marias(percent: float, start: str, chair_share: bool) -> list[dict[str, Any]]:
        shares = [
            interest(kind, exact=percent, bo=True, start=start)
            for kind in ("shareholding", "votingRights")
        ]
        # From 2022 the example gives her board chair a share too, and lists it first.
        chair = interest("boardChair", exact=percent if chair_share else None, bo=True, start=start)
        return [chair, *shares] if chair_share else [*shares, chair]

    def shears(percent: float, start: str) -> list[dict[str, Any]]:
        return [
            interest(kind, exact=percent, start=start) for kind in ("shareholding", "votingRights")
        ]

    # 2019-01-20: Maria 100 % of shares and votes, and board chair, since 2002-03-09.
    d = "2019-01-20"
    p.person(maria, "Maria Esteves", date=d)
    p.entity(tecido, "Tecido Ltd", jurisdiction="US-DE", date=d)
    p.relationship(r_maria, tecido, maria, *marias(100, "2002-03-09", False), date=d)
    # 2021-09-25: 60 % to Shear Trust on 2021-09-24; Maria keeps 40 %.
    d = "2021-09-25"
    p.entity(shear, "Shear Trust", jurisdiction="US-DE", date=d)
    p.relationship(r_shear, tecido, shear, *shears(60, "2021-09-24"), date=d)
    p.relationship(
        r_maria, tecido, maria, *marias(40, "2021-09-24", False), date=d, status="updated"
    )
    # 2022-09-25: another 10 % on 2022-09-21: Shear 70 %, Maria 30 %.
    d = "2022-09-25"
    p.relationship(r_shear, tecido, shear, *shears(70, "2022-09-21"), date=d, status="updated")
    p.relationship(
        r_maria, tecido, maria, *marias(30, "2022-09-21", True), date=d, status="updated"
    )
    # 2023-03-03: another 10 % on 2023-03-01: Shear 80 %; Maria (20 %) no longer disclosed.
    d = "2023-03-03"
    p.person(maria, "Maria Esteves", date=d, status="closed")
    p.relationship(r_maria, tecido, maria, *marias(30, "2022-09-21", True), date=d, status="closed")
    p.relationship(r_shear, tecido, shear, *shears(80, "2023-03-01"), date=d, status="updated")
    return p.statements


# --- 8, 9. PEP declarations: Michael Hubbard, 25 % to under 50 % of Platinum Emerald --


def _pep(example: str, company: str, hubbard: str, relationship: str, d: str) -> list[Statement]:
    p = Package(example, company)
    p.entity(company, "Platinum Emerald and Plutonim Mining Limited", date=d)
    p.person(hubbard, "Michael Hubbard", name_type=None, date=d)
    p.relationship(
        relationship,
        company,
        hubbard,
        *(
            interest(kind, minimum=25, exclusive_maximum=50, bo=True, start="2016-07-07")
            for kind in ("shareholding", "votingRights")
        ),
        date=d,
    )
    return p.statements


def full_pep_declaration() -> list[Statement]:
    return _pep(
        "full-pep-declaration", "a7b3bd81d8ba", "9bcdcc85e803", "91e4b9055ca0", "2019-03-18"
    )


def simple_pep_declaration() -> list[Statement]:
    return _pep(
        "simple-pep-declaration", "841083ba86e3", "c9ceb68d7241", "b317970cb37c", "2019-06-07"
    )


# --- 10, 14, 15, 16. Indirect holdings summarised, the person's own link untyped -------


def _untyped(bo: bool) -> dict[str, Any]:
    """An interest of unknown type and size: the examples' link of a person to the
    company in the middle of a chain."""
    return interest(None, how="unknown", bo=bo)


def indirect_ownership() -> list[Statement]:
    p = Package("indirect-ownership", "ad3f6c2fcc9e")
    a, b, p1 = "ad3f6c2fcc9e", "d4ab89ea169a", "c25d4d612c2c"
    d = "2018-12-17"
    p.entity(a, "Company A", date=d)
    p.entity(b, "Company B", component=True, date=d)
    p.person(p1, "Person 1", nationalities=("GB",), date=d)
    p.relationship(
        "4cf2837bd01f",
        a,
        b,
        interest("shareholding", exact=60, bo=False, start="2017-11-01"),
        component=True,
        date=d,
    )
    p.relationship("05e81af035e4", b, p1, _untyped(bo=False), component=True, date=d)
    p.relationship(
        "d8d75ccf40e4",
        a,
        p1,
        interest("shareholding", exact=30, how="indirect", bo=True, start="2017-11-01"),
        components=[b, "4cf2837bd01f", "05e81af035e4"],
        date=d,
    )
    return p.statements


def mixed_direct_and_indirect_ownership() -> list[Statement]:
    p = Package("mixed-direct-and-indirect-ownership", "9bfe59b6a869")
    a, b, p1 = "9bfe59b6a869", "ec61aeda7141", "53508b65253f"
    d = "2018-12-17"
    p.entity(a, "Company A", date=d)
    p.entity(b, "Company B", component=True, date=d)
    p.person(p1, "Person 1", nationalities=("GB",), date=d)
    p.relationship(
        "07f0f7024a92",
        a,
        b,
        interest("shareholding", exact=50, bo=False, start="2017-11-01"),
        component=True,
        date=d,
    )
    p.relationship("acdf30ece808", b, p1, _untyped(bo=True), component=True, date=d)
    p.relationship(  # 50 % through B since 2017-11-01, and 50 % directly from 2019-05-01
        "f5a45a6daf31",
        a,
        p1,
        interest("shareholding", exact=50, how="indirect", bo=True, start="2017-11-01"),
        interest("shareholding", exact=50, how="direct", bo=True, start="2019-05-01"),
        components=[b, "acdf30ece808", "07f0f7024a92"],
        date=d,
    )
    return p.statements


def multiple_indirect_ownership() -> list[Statement]:
    p = Package("multiple-indirect-ownership", "63e3a8a8946f")
    b, p1, c, d_ = "63e3a8a8946f", "92ebf964a1f6", "d177864a8b39", "05fbbfb94b79"
    d = "2019-05-16"
    p.entity(b, "Company B", date=d)
    p.person(p1, "Person 1", nationalities=("UA",), date=d)
    p.entity(c, "Company C", component=True, date=d)
    p.entity(d_, "Company D", component=True, date=d)
    for record_id, holder in (("40b9a74c70c4", c), ("9615ef9a4a0b", d_)):
        p.relationship(
            record_id,
            b,
            holder,
            interest("shareholding", exact=50, bo=False, start="2017-11-01"),
            component=True,
            date=d,
        )
    p.relationship("e351a9247e22", c, p1, _untyped(bo=True), component=True, date=d)
    p.relationship("721da228c733", d_, p1, _untyped(bo=True), component=True, date=d)
    p.relationship(
        "8af302e17272",
        b,
        p1,
        interest("shareholding", exact=60, how="indirect", bo=True, start="2017-11-01"),
        components=[c, d_, "40b9a74c70c4", "9615ef9a4a0b", "e351a9247e22", "721da228c733"],
        date=d,
    )
    return p.statements


def mutilple_indirect_ownership_2() -> list[Statement]:
    p = Package("mutilple-indirect-ownership-2", "1e049760d6c7")
    a, b, c, p1 = "1e049760d6c7", "41454e3ba398", "6c9fd5c92201", "731c7a8e7601"
    d = "2018-12-17"
    p.entity(a, "Company A", date=d)
    p.entity(b, "Company B", component=True, date=d)
    p.entity(c, "Company C", component=True, date=d)
    p.person(p1, "Person 1", nationalities=("GB",), date=d)
    for record_id, holder, share in (("803a942b3ec8", b, 40), ("9f4256f3de2f", c, 20)):
        p.relationship(
            record_id,
            a,
            holder,
            interest("shareholding", exact=share, bo=False, start="2017-11-01"),
            component=True,
            date=d,
        )
    p.relationship("b8e59fa7e1a6", b, p1, _untyped(bo=True), component=True, date=d)
    p.relationship("5a8646b55833", c, p1, _untyped(bo=True), component=True, date=d)
    p.relationship(
        "d043dcc6d88e",
        a,
        p1,
        interest("shareholding", exact=60, how="indirect", bo=True, start="2017-11-01"),
        components=[b, c, "803a942b3ec8", "9f4256f3de2f", "b8e59fa7e1a6", "5a8646b55833"],
        date=d,
    )
    return p.statements


# --- 11. joint-ownership: CHRINON LTD held by a joint shareholding of two persons -----


def joint_ownership() -> list[Statement]:
    p = Package("joint-ownership", "31c55e425764")
    chrinon, joint = "31c55e425764", "91b4236a7d89"
    natalie, roberto = "1accb8b18b99", "f040df24d9ec"
    d = "2018-01-05"
    start = "2018-01-01"
    # The example's first statement reuses the statement id of bods-package's first.
    p.entity(
        chrinon,
        "CHRINON LTD",
        jurisdiction="GB",
        date="2017-11-18",
        reused_id=statement_id("bods-package", 1),
    )
    p.entity(joint, "Joint shareholding", "arrangement", date=d)
    p.relationship(
        "2670f25aee62",
        chrinon,
        joint,
        interest("shareholding", exact=100, bo=False, start=start),
        date=d,
    )
    p.person(natalie, "Natalie Coleman", name_type=None, date=d)
    p.person(roberto, "Roberto Lopez", name_type=None, date=d)
    for record_id, holder in (("a86c50f8b3dd", natalie), ("b391a41da07e", roberto)):
        p.relationship(
            record_id,
            joint,
            holder,
            interest("shareholding", exact=50, bo=True, start=start),
            date=d,
        )
    return p.statements


# --- 12. levent: Levent Trust (fiducie), settlor, trustees, an anonymous beneficiary --


def levent() -> list[Statement]:
    p = Package("levent", "8e40d059")
    trust, andrew, bella, minor = "8e40d059", "700c264e", "d8855000", "81337a6e"
    d = "2020-09-19"
    p.person(andrew, "Andrew Anderson", name_type=None, date=d)
    p.person(bella, "Bella Buxton", name_type=None, date=d)
    p.person(
        minor,
        date=d,
        unspecified=(
            "interestedPartyExemptFromDisclosure",
            "beneficiary is underage and therefore exempt from reporting",
        ),
    )
    p.entity(trust, "Levent Trust", "arrangement", subtype="trust", jurisdiction="FR", date=d)

    def role(kind: str, details: str, start: str = "2019-11-08") -> dict[str, Any]:
        return interest(kind, bo=True, start=start, details=details)

    # Andrew trustee from 2019-08-11 (before the trust's founding, as the example has it).
    p.relationship("2341f5ce", trust, andrew, role("trustee", "fiduciaire", "2019-08-11"), date=d)
    p.relationship(
        "ee2a8c79",
        trust,
        bella,
        role("settlor", "constituant"),
        role("trustee", "fiduciaire"),
        date=d,
    )
    p.relationship(
        "3e47afda", trust, minor, role("beneficiaryOfLegalArrangement", "beneficiaire"), date=d
    )
    return p.statements


# --- 13. listed-company-exempt-from-disclosure: owners not disclosed, with the reason --


def listed_company_exempt_from_disclosure() -> list[Statement]:
    p = Package("listed-company-exempt-from-disclosure", "4c7ea3bfbe6c")
    p.entity("4c7ea3bfbe6c", "Listed Company OS-17", date="2019-05-05")
    p.relationship(
        "fa402c4818f9",
        "4c7ea3bfbe6c",
        {
            "reason": "subjectExemptFromDisclosure",
            "description": "Exempt from disclosure as a company listed on a recognised "
            "stock exchange",
        },
        date="2019-05-10",
    )
    return p.statements


# --- 17. multiple-tax-residencies: Company A, owned by Logan Morton ----------------------


def multiple_tax_residencies() -> list[Statement]:
    p = Package("multiple-tax-residencies", "fd5c8dbc9a91")
    d = "2017-11-18"
    p.entity("fd5c8dbc9a91", "Company A", date=d)
    p.person("8f2f34b57a8f", "Logan Morton", nationalities=("GB",), date=d)
    p.relationship(
        "97f71c8e649c",
        "fd5c8dbc9a91",
        "8f2f34b57a8f",
        interest("shareholding", exact=100, bo=True, start="2016-04-06"),
        date=d,
    )
    return p.statements


# --- 18. nomination: Silvia (nominator) has Vanessa (nominee) sit on a board -----------


def nomination() -> list[Statement]:
    p = Package("nomination", "104AB1984C")
    silvia, vanessa, nomination, company = "101AB1984F", "102AB1984E", "103AB1984D", "104AB1984C"
    d = "2023-05-08"
    start = "2023-04-30"
    p.person(silvia, "Silvia Teixeira Perez", nationalities=("MX",), date=d)
    p.person(vanessa, "Vanessa Rivero", nationalities=("MX",), date=d)
    p.entity(
        nomination,
        "Perez-Rivero nomination",
        "arrangement",
        subtype="nomination",
        jurisdiction="MX",
        component=True,
        date=d,
    )
    p.entity(company, "Los Corazones de Plata", "legalEntity", jurisdiction="MX", date=d)
    p.relationship(
        "105AB1984B",
        nomination,
        silvia,
        interest("nominator", bo=False, start=start),
        component=True,
        date=d,
    )
    p.relationship(  # deliberately not a component of the summary
        "106AB1984A", nomination, vanessa, interest("nominee", bo=False, start=start), date=d
    )
    p.relationship(
        "107AC1984F",
        company,
        nomination,
        interest("boardMember", bo=False, start=start),
        component=True,
        date=d,
    )
    p.relationship(  # summary: Silvia's influence over the company, through the nomination
        "108AC1984E",
        company,
        silvia,
        interest("otherInfluenceOrControl", how="indirect", bo=True, start=start),
        components=[nomination, "105AB1984B", "107AC1984F"],
        date=d,
    )
    return p.statements


# --- 19. plc-entity-statement: AstraZeneca PLC, an entity statement alone ---------------


def plc_entity_statement() -> list[Statement]:
    p = Package("plc-entity-statement", "70044236")
    p.entity("70044236", "AstraZeneca PLC", "legalEntity", jurisdiction="GB", date="2021-02-09")
    return p.statements


EXAMPLES: dict[str, Callable[[], list[Statement]]] = {
    "bods-package": bods_package,
    "bods-package-annotations": bods_package_annotations,
    "bods-package-entity-owning-entity": bods_package_entity_owning_entity,
    "bods-package-fi-soe": bods_package_fi_soe,
    "bods-package-linking-annotations": bods_package_linking_annotations,
    "fermcat": fermcat,
    "full-pep-declaration": full_pep_declaration,
    "indirect-ownership": indirect_ownership,
    "joint-ownership": joint_ownership,
    "levent": levent,
    "listed-company-exempt-from-disclosure": listed_company_exempt_from_disclosure,
    "mixed-direct-and-indirect-ownership": mixed_direct_and_indirect_ownership,
    "multiple-indirect-ownership": multiple_indirect_ownership,
    "multiple-tax-residencies": multiple_tax_residencies,
    "mutilple-indirect-ownership-2": mutilple_indirect_ownership_2,
    "nomination": nomination,
    "plc-entity-statement": plc_entity_statement,
    "simple-pep-declaration": simple_pep_declaration,
    "tecido": tecido,
}
