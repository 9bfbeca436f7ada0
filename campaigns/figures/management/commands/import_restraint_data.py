"""`manage.py import_restraint_data FILE|ZIP`: import one of NHS England's monthly restraint files, as downloaded."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from campaigns.figures.import_report import describe_import
from campaigns.figures.importer import AlreadyImported, FigureFileError, import_figures


class Command(BaseCommand):
    help = (
        "Import NHS England's monthly 'Restrictive Interventions' CSV, or the zip holding it, as downloaded "
        "(today's layout or the older one; UTF-8 or Windows-1252). "
        "A month already stored with a higher status is kept; a file of the wrong shape changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The zip or CSV file, as downloaded from NHS England (no need to unzip it).")
        parser.add_argument("--source-url", default="", help="The address the file was downloaded from.")
        parser.add_argument(
            "--synthetic", action="store_true", help="Mark the figures as invented (for demonstrations only)."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        source_url = options["source_url"].strip()
        if source_url:
            try:
                URLValidator(schemes=["https", "http"])(source_url)
            except ValidationError as error:
                raise CommandError(f"--source-url: {source_url!r} is not a web address (https://…).") from error
        try:
            binary_file = path.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot open {path}: {error.strerror}.") from error
        with binary_file:
            try:
                record = import_figures(
                    binary_file, path.name, source_url=source_url, is_synthetic=options["synthetic"]
                )
            except AlreadyImported as already:
                self.stdout.write(str(already))
                return
            except FigureFileError as error:
                raise CommandError(f"{path.name}: {error} Nothing was imported.") from error
        for line in describe_import(record):
            self.stdout.write(line)
