"""`manage.py import_postcode_locations FILE|ZIP ...`: where postcodes are, from the ONSPD or Code-Point Open."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.figures.postcode_locations import PostcodeFileError, import_postcode_locations


class Command(BaseCommand):
    help = (
        "Import postcode locations from the ONS Postcode Directory (ONSPD) or Ordnance Survey Code-Point Open, "
        "as published (the zip or a CSV from it), both under the Open Government Licence. The finder then "
        "ranks providers by distance from a postcode. Rows are stored in batches and updated in place; "
        "terminated postcodes are removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="ONSPD or Code-Point Open zip or CSV files.")

    def handle(self, *args, **options):
        for path in (Path(name) for name in options["files"]):
            try:
                binary_file = path.open("rb")
            except OSError as error:
                raise CommandError(f"Cannot open {path}: {error.strerror}.") from error
            with binary_file:
                try:
                    report = import_postcode_locations(binary_file, path.name)
                except PostcodeFileError as error:
                    raise CommandError(f"{error} Nothing was imported from it.") from error
            self.stdout.write(f"{path.name}:")
            for line in report.describe():
                self.stdout.write(f"  {line}")
