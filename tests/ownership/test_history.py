"""A record keeps every statement made about it (docs/ownership.md §2.2): resolving as of
a day gives the structure the statements dated on or before that day described, exactly
as a database that only ever received those statements would."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ownership import import_orm
from ownership.bods_import import import_statements
from ownership.models import Party, Relationship
from ownership.pure import statements as bods
from ownership.services import resolve_record

S = "history"
SUBJECT = "T"
OWNERS = ["O1", "O2", "O3"]
FIRST_DAY = date(2020, 1, 1)


def base() -> list[dict]:
    """The target and its possible owners, all stated before the first day asked."""
    return [
        bods.entity(SUBJECT, "Target GmbH", "DE", subject=S, date="2019-12-31"),
        *[
            bods.entity(owner, f"Owner {owner}", "CN", subject=S, date="2019-12-31")
            for owner in OWNERS
        ],
    ]


def relationship_statement(owner: str, percent: float, day: date, closed: bool) -> dict:
    statement = bods.owns(
        f"r-{owner}", owner, SUBJECT, subject=S, percent=percent, date=day.isoformat()
    )
    if closed:
        statement["recordStatus"] = "closed"
    return statement


def resolved_with(statements: list[dict], day: date) -> dict:
    savepoint = transaction.savepoint()
    try:
        import_statements(enumerate(statements, 1), source="history test")
        return resolve_record(SUBJECT, as_of=day)
    finally:
        transaction.savepoint_rollback(savepoint)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    history=st.lists(
        st.builds(
            relationship_statement,
            owner=st.sampled_from(OWNERS),
            percent=st.sampled_from([10.0, 25.0, 30.0, 51.0, 60.0]),
            day=st.dates(min_value=FIRST_DAY, max_value=date(2020, 12, 31)),
            closed=st.sampled_from([False, False, False, True]),
        ),
        min_size=1,
        max_size=8,
    ),
    day=st.dates(min_value=FIRST_DAY, max_value=date(2021, 1, 1)),
)
def test_as_of_a_day_equals_a_database_that_only_received_the_statements_up_to_it(db, history, day):
    everything = base() + history
    known_then = base() + [s for s in history if s["statementDate"] <= day.isoformat()]

    assert resolved_with(everything, day) == resolved_with(known_then, day)


@pytest.fixture
def sold_in_june(db):
    """O1 holds 60 % from January; in June O1 sells down to 10 % and O2 buys 51 %."""
    import_statements(
        enumerate(
            [
                *base(),
                relationship_statement("O1", 60.0, date(2020, 1, 15), closed=False),
                relationship_statement("O1", 10.0, date(2020, 6, 1), closed=False),
                relationship_statement("O2", 51.0, date(2020, 6, 1), closed=False),
            ],
            1,
        ),
        source="history test",
    )


def owners_on(day: date) -> dict[str, float]:
    result = resolve_record(SUBJECT, as_of=day)
    return {o["record_id"]: o["ownership"]["min"] for o in result["ultimate_owners"]}


def test_before_the_sale_the_first_owner_holds_what_it_held_then(sold_in_june):
    assert owners_on(date(2020, 5, 31)) == {"O1": 60.0}


def test_from_the_day_of_the_sale_the_new_statements_count(sold_in_june):
    assert owners_on(date(2020, 6, 1)) == {"O2": 51.0, "O1": 10.0}


def test_every_statement_is_kept_and_only_the_newest_is_current(sold_in_june):
    rows = Relationship.objects.filter(record_id="r-O1").order_by("statement_day")

    assert [(r.statement_day, r.valid_to) for r in rows] == [
        ("2020-01-15", "2020-06-01"),
        ("2020-06-01", None),
    ]
    assert Relationship.objects.current().get(record_id="r-O1").statement_day == "2020-06-01"


def test_an_older_statement_arriving_later_takes_its_place_in_the_history(sold_in_june):
    # a statement of March about O1 (30 %), imported after the June one
    import_statements(
        enumerate([relationship_statement("O1", 30.0, date(2020, 3, 1), closed=False)], 1),
        source="late",
    )

    assert owners_on(date(2020, 3, 1)) == {"O1": 30.0}
    assert owners_on(date(2020, 6, 1)) == {"O2": 51.0, "O1": 10.0}


def test_a_record_closed_in_september_holds_nothing_from_then(sold_in_june):
    import_statements(
        enumerate([relationship_statement("O2", 51.0, date(2020, 9, 1), closed=True)], 1),
        source="closing",
    )

    assert owners_on(date(2020, 8, 31)) == {"O2": 51.0, "O1": 10.0}
    assert owners_on(date(2020, 9, 1)) == {"O1": 10.0}


def test_a_party_renamed_keeps_its_old_name_for_earlier_days(db):
    import_statements(
        enumerate(
            [
                bods.entity("P", "Alpha AG", "DE", subject=S, date="2020-01-01"),
                bods.entity("P", "Alpha SE", "DE", subject=S, date="2020-07-01"),
            ],
            1,
        ),
        source="rename",
    )
    day = date(2020, 3, 1)

    assert Party.objects.as_of(day).get(record_id="P").name == "Alpha AG"
    assert Party.objects.as_of(day + timedelta(days=200)).get(record_id="P").name == "Alpha SE"


def test_the_orm_import_takes_a_batch_of_relationships_alone(db):
    # The demo's SQLite path (ownership/import_orm.py) dates the rows of the parties and
    # the relationships a batch touched; a batch with no party statement touches none.
    import_orm.apply(base())

    applied, _ = import_orm.apply([relationship_statement("O1", 60.0, FIRST_DAY, closed=False)])

    assert applied == 1
    assert Relationship.objects.current().get(record_id="r-O1").valid_to is None
