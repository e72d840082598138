"""The demo's peers (issue 17, defect 10: the demo had none, so the contact point's
Notify failed): France and the Commission, registered where nothing runs."""

import io

from django.core.management import call_command

from cooperation.models import Peer


def test_the_demo_registers_france_and_the_commission_once(db):
    call_command("load_demo_peers", force=True, stdout=io.StringIO())
    call_command("load_demo_peers", force=True, stdout=io.StringIO())

    assert sorted(Peer.objects.values_list("code", "base_url")) == [
        ("EU", "http://127.0.0.1:8767"),
        ("FR", "http://127.0.0.1:8766"),
    ]
