from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from cooperation import peers
from cooperation.keys import NodeKeyUnreadable
from cooperation.models import NodeKey


class Command(BaseCommand):
    help = (
        "Make this node's Ed25519 signing key (or a new one with --rotate; the old one "
        "keeps signing beside it for the grace period) and print the public key for peers. "
        "With --reencrypt, encrypt the stored private keys again with the first "
        "NODE_KEY_ENCRYPTION_KEY (after rotating it; docs/security.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rotate", action="store_true", help="Make a new key now.")
        parser.add_argument("--grace-days", type=int, default=14)
        parser.add_argument(
            "--reencrypt",
            action="store_true",
            help="Encrypt every stored private key again with the first encryption key.",
        )

    def handle(self, *args, **options):
        try:
            if options["reencrypt"]:
                count = peers.reencrypt_node_keys()
                self.stdout.write(f"{count} signing key(s) encrypted again with the first key.")
                return
            key = NodeKey.objects.filter(retired_at__isnull=True).first()
            if key is None or options["rotate"]:
                key = peers.create_node_key(grace=timedelta(days=options["grace_days"]))
            peers.signing_secrets()  # the keys that sign must be readable
        except NodeKeyUnreadable as error:
            raise CommandError(str(error.detail)) from None
        self.stdout.write(key.public_key)
