from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from cooperation import peers
from core.errors import Invalid


class Command(BaseCommand):
    help = (
        "Register a peer node (a member state's authority, or EU for the Commission) with "
        "its base URL and public key; a new key for a known peer keeps the old one valid "
        "for the grace period."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="ISO 3166-1 alpha-2 code, or EU")
        parser.add_argument("base_url")
        parser.add_argument("public_key", help="whpk_... as printed by its node_keys")
        parser.add_argument("--name", default="")
        parser.add_argument("--grace-days", type=int, default=14)
        parser.add_argument(
            "--hub",
            action="store_true",
            help="The peer relays other nodes' messages (the Commission's secure system)",
        )

    def handle(self, *args, **options):
        code = options["code"].upper()
        if len(code) != 2:
            raise CommandError("A node code has two letters (DE, FR, ..., EU).")
        try:
            peer = peers.register_peer(
                code=code,
                name=options["name"] or code,
                base_url=options["base_url"],
                public_key=options["public_key"],
                grace=timedelta(days=options["grace_days"]),
                is_hub=options["hub"],
            )
        except Invalid as error:
            raise CommandError(str(error.detail)) from error
        self.stdout.write(
            f"{peer.code} at {peer.base_url}: {len(peers.accepted_keys(peer))} key(s)"
            + (" (hub)" if peer.is_hub else "")
        )
