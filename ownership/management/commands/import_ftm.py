from django.core.management.base import BaseCommand, CommandError

from ownership.watchlists import import_ftm


class Command(BaseCommand):
    help = "Import a FollowTheMoney JSON-lines watch list (e.g. an OpenSanctions export)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        try:
            counts = import_ftm(options["path"])
        except OSError as error:
            raise CommandError(f"Cannot read {options['path']}: {error}") from error
        self.stdout.write(
            f"{counts['read']} entities read, {counts['stored']} stored, "
            f"{counts['refused']} refused (no id or schema)."
        )
