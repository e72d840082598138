"""`manage.py import_ftm FILE`: import a FollowTheMoney watch list or delta (ftm_import.py)."""

from django.core.management.base import BaseCommand, CommandError

from ownership.ftm_import import import_ftm


class Command(BaseCommand):
    help = (
        "Import a FollowTheMoney JSON-lines watch list (e.g. an OpenSanctions export), plain "
        "or gzip: a full list (entities it no longer holds are marked removed) or a delta of "
        '{"op": "ADD"|"MOD"|"DEL", "entity": ...} lines.'
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        try:
            run = import_ftm(options["path"])
        except OSError as error:
            raise CommandError(f"Cannot read {options['path']}: {error}") from error
        self.stdout.write(
            f"{run.kind} import {run.pk}: {run.read} lines read, {run.added} added, "
            f"{run.changed} changed, "
            f"{run.unchanged} unchanged, {run.removed} removed, {run.skipped} skipped "
            f"(not parties), {run.refused} refused; {run.listed} entities listed."
        )
        for problem in run.problems:
            self.stderr.write(f"line {problem['line']}: {problem['message']}")
