"""The labelled set (tests/data/matching/): end to end through `import_ftm` and
`match_names`, the matching finds what the issue asks at the default threshold.

The list and the queries are imported and screened once for the module, in a
transaction rolled back at its end; each figure is then its own test.
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from ownership.pure.evaluation import figures

DATA = Path(__file__).resolve().parents[1] / "data" / "matching"
LABELS = [json.loads(line) for line in (DATA / "queries.jsonl").open(encoding="utf-8")]
CLASSES = sorted({label["class"] for label in LABELS if label["expected"]})
# The database the module's fixture fills is set up only for tests that ask for one.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def answers(django_db_setup, django_db_blocker, tmp_path_factory):
    output = tmp_path_factory.mktemp("matching") / "answers.jsonl"
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("import_ftm", str(DATA / "list.jsonl"), stdout=StringIO())
        call_command(
            "match_names", str(DATA / "queries.jsonl"), output=str(output), stderr=StringIO()
        )
        transaction.set_rollback(True)
    return {
        answer["id"]: answer["candidates"]
        for answer in map(json.loads, output.open(encoding="utf-8"))
    }


@pytest.fixture(scope="module")
def result(answers):
    return figures(LABELS, answers, settings.WATCHLIST_MATCH_THRESHOLD)


def test_every_query_is_answered(answers):
    assert set(answers) == {label["id"] for label in LABELS}


def test_recall_is_at_least_95_percent(result):
    assert result.recall >= 95.0, result.misses[:20]


def test_precision_is_at_least_95_percent(result):
    assert result.precision >= 95.0, result.misses[:20]


@pytest.mark.parametrize("kind", CLASSES)
def test_recall_of_each_kind_of_perturbation_is_at_least_85_percent(result, kind):
    assert result.by_class[kind].recall >= 85.0
