import json

from django.core.management.base import BaseCommand, CommandError

from ownership.export import export_bods
from ownership.models import Party


class Command(BaseCommand):
    help = "Print a party's upstream ownership structure as BODS 0.4 statements (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("record_id")

    def handle(self, *args, **options):
        if not Party.objects.filter(record_id=options["record_id"]).exists():
            raise CommandError(f"No party with recordId {options['record_id']}.")
        self.stdout.write(json.dumps(export_bods(options["record_id"]), ensure_ascii=False))
