from django.core.management.base import BaseCommand, CommandError

from ownership.bods_import import import_file


class Command(BaseCommand):
    help = "Import BODS 0.4 statements (JSON array, JSON Lines, or gzip of either)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        def progress(run):
            self.stderr.write(f"  {run.read} read, {run.applied} applied, {run.skipped} skipped")

        try:
            run = import_file(options["path"], progress=progress)
        except OSError as error:
            raise CommandError(f"Cannot read {options['path']}: {error}") from error
        self.stdout.write(
            f"{run.read} statements read, {run.applied} applied, {run.skipped} already "
            f"imported, {len(run.problems)} refused."
        )
        for problem in run.problems[:50]:
            for detail in problem["errors"]:
                where = f"statement {problem['position']}"
                field = f" {detail['path']}" if detail["path"] else ""
                self.stdout.write(f"  {where}{field}: {detail['message']}")
