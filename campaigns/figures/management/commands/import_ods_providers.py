"""`manage.py import_ods_providers FILE|ZIP ...`: who providers are, from NHS England's ODS downloads as published."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.figures.ods import KINDS, ORDER, OdsFileError, describe, import_ods_file, kind_from_name


class Command(BaseCommand):
    help = (
        "Import NHS England's Organisation Data Service CSV downloads, as published (the zip or the CSV): "
        "etr (NHS trusts), ect (care trusts), ephp (independent sector healthcare providers), ets and ephpsite "
        "(their sites) and succ (successor organisations). Each file's kind comes from its name, or --kind. "
        "Only providers the site has figures for are updated; each file is one transaction, and running it "
        "again updates in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="ODS zip or CSV files, as downloaded.")
        parser.add_argument(
            "--kind",
            choices=KINDS,
            help="The kind of every file given, when their names do not say it (etr.zip, ets.csv…).",
        )

    def handle(self, *args, **options):
        paths = [Path(name) for name in options["files"]]
        kinds = {}
        for path in paths:
            kind = options["kind"] or kind_from_name(path.name)
            if kind is None and path.suffix.lower() != ".zip":
                raise CommandError(
                    f"{path.name}: the name does not say which ODS file it is ({', '.join(KINDS)}). "
                    "Give its kind with --kind. Nothing was imported."
                )
            kinds[path] = kind
        # Organisations first, then their sites, then successions, whatever order the files were given in.
        for path in sorted(paths, key=lambda path: ORDER.get(kinds[path] or "", -1)):
            try:
                binary_file = path.open("rb")
            except OSError as error:
                raise CommandError(f"Cannot open {path}: {error.strerror}.") from error
            with binary_file:
                try:
                    record = import_ods_file(binary_file, path.name, kind=kinds[path])
                except OdsFileError as error:
                    raise CommandError(f"{path.name}: {error} Nothing was imported from it.") from error
            for line in describe(record):
                self.stdout.write(line)
