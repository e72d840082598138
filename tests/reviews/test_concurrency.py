"""Two officers act on the same case at the same moment: real threads, real row locks."""

import threading

from django.db import connection

from core.models import AuditEntry
from reviews.models import Case, Phase
from tests.reviews.conftest import act


def test_of_two_simultaneous_transitions_one_wins_and_the_other_gets_409(
    transactional_db, filed, senior, other_senior
):
    _, case = filed
    barrier = threading.Barrier(2)
    answers: dict[str, int] = {}

    def open_phase_1(name, client):
        barrier.wait()
        try:
            answers[name] = act(client, case, "open_phase_1").status_code
        finally:
            connection.close()  # this thread's own connection

    threads = [
        threading.Thread(target=open_phase_1, args=(name, client))
        for name, client in (("senior", senior), ("senior2", other_senior))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers.values()) == [200, 409]
    assert Case.objects.get(pk=case.pk).status == "phase_1"
    assert Phase.objects.filter(case=case).count() == 1
    assert AuditEntry.objects.filter(object_id=str(case.pk), action="case.phase_1").count() == 1
