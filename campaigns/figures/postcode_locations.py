"""Where postcodes are, from the ONS Postcode Directory (ONSPD) or OS Code-Point Open, as published.

Both are under the Open Government Licence. Their layouts, as published:
- ONSPD: one CSV with a header row; `pcds` is the postcode in its standard form, `doterm` the month it was
  terminated (blank while in use), `oseast1m`/`osnrth1m` its grid reference in metres (blank when it has
  none; on the Irish Grid in Northern Ireland, so BT postcodes are not stored). Its zip has the whole-UK
  file in Data/ and the same rows again split by area in Data/multi_csv/, which is skipped.
- Code-Point Open: one headerless CSV per postcode area (Data/CSV/ex.csv…) with the columns Postcode,
  Positional_quality_indicator, Eastings, Northings, then country and administrative codes; quality 90
  means no location. Its zip's Doc/ folder has CSVs of code lists, which are not postcodes and are skipped.
Both grid references are OSGB36 eastings and northings in metres, so both are stored as they are.

A file is read as a stream (ONSPD has about 2.7 million rows): rows are stored in batches, each batch in
its own transaction, inserted or updated in place; a postcode the file says is terminated is removed.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .postcodes import normalise_postcode
from .records import PostcodeLocation, PostcodeSource

BATCH_SIZE = 2000
# The ONSPD's grid reference columns: oseast1m/osnrth1m for years; east1m/north1m are read too, in case a
# release renames them (the header's case is ignored).
ONSPD_EASTINGS = ("oseast1m", "east1m")
ONSPD_NORTHINGS = ("osnrth1m", "north1m")
CODE_POINT_NO_LOCATION = "90"


class PostcodeFileError(Exception):
    """A file that is neither the ONSPD nor Code-Point Open as published."""


@dataclass
class PostcodeImport:
    sources: set = field(default_factory=set)
    files: int = 0
    stored: int = 0
    terminated: int = 0
    without_location: int = 0
    unreadable: int = 0

    def describe(self):
        names = ", ".join(sorted(PostcodeSource(source).label for source in self.sources)) or "no postcodes"
        return [
            f"Read {self.files} postcode file{'s' if self.files != 1 else ''} ({names}).",
            f"Stored or updated {self.stored} postcode locations.",
            f"Skipped {self.terminated} terminated postcodes (removed if stored before), "
            f"{self.without_location} without a location, {self.unreadable} unreadable rows.",
        ]


def import_postcode_locations(binary_file, name):
    """Import one ONSPD or Code-Point Open file, zipped or not, as published. Returns a PostcodeImport."""
    report = PostcodeImport()
    year = timezone.now().year
    if zipfile.is_zipfile(binary_file):
        binary_file.seek(0)
        with zipfile.ZipFile(binary_file) as archive:
            members = [
                member
                for member in archive.namelist()
                if member.lower().endswith(".csv") and "multi_csv/" not in member.lower()
            ]
            for member in sorted(members):
                with archive.open(member) as stream:
                    _import_stream(stream, report, year, in_zip=True)
        if not report.files:
            raise PostcodeFileError(f"{name} has no ONSPD or Code-Point Open CSV file in it.")
    else:
        binary_file.seek(0)
        if not _import_stream(binary_file, report, year, in_zip=False):
            raise PostcodeFileError(
                f"{name} is not the ONS Postcode Directory (a CSV with pcds, doterm, oseast1m and osnrth1m "
                "columns) or Code-Point Open (headerless: postcode, quality, eastings, northings)."
            )
    return report


def _import_stream(binary_stream, report, year, in_zip):
    """Import one CSV; False when it is in neither layout (in a zip: one of the documentation's CSVs)."""
    text = io.TextIOWrapper(binary_stream, encoding="utf-8-sig", errors="replace", newline="")
    rows = csv.reader(text)
    first = next(rows, None)
    if not first:
        return False
    header = [cell.strip().lower() for cell in first]
    columns = set(header)
    if {"pcds", "doterm"} <= columns and columns & set(ONSPD_EASTINGS) and columns & set(ONSPD_NORTHINGS):
        source = PostcodeSource.ONSPD
        read_row = _onspd_reader(header)
    elif len(first) >= 4 and normalise_postcode(first[0]) and first[2].strip().isdigit():
        source = PostcodeSource.CODE_POINT_OPEN
        read_row = _code_point_row
        rows = _chain([first], rows)
    else:
        return False
    report.files += 1
    report.sources.add(source)
    batch, terminated = {}, []
    for row in rows:
        outcome = read_row(row)
        if outcome == "terminated":
            report.terminated += 1
            terminated.append(normalise_postcode(row[header.index("pcds")]))
        elif outcome == "no location":
            report.without_location += 1
        elif outcome is None:
            report.unreadable += 1
        else:
            postcode, eastings, northings = outcome
            batch[postcode] = PostcodeLocation(
                postcode=postcode, eastings=eastings, northings=northings, source=source, year=year
            )
        if len(batch) + len(terminated) >= BATCH_SIZE:
            report.stored += _store(batch, terminated)
            batch, terminated = {}, []
    report.stored += _store(batch, terminated)
    return True


def _chain(*iterables):
    for iterable in iterables:
        yield from iterable


def _onspd_reader(header):
    postcode_at, terminated_at = header.index("pcds"), header.index("doterm")
    eastings_at = next(header.index(name) for name in ONSPD_EASTINGS if name in header)
    northings_at = next(header.index(name) for name in ONSPD_NORTHINGS if name in header)
    width = max(postcode_at, terminated_at, eastings_at, northings_at) + 1

    def read(row):
        if len(row) < width or not (postcode := normalise_postcode(row[postcode_at])):
            return None
        if row[terminated_at].strip():
            return "terminated"
        if postcode.startswith("BT"):  # Northern Ireland: ONSPD gives its grid references on the Irish Grid
            return "no location"
        return _located(postcode, row[eastings_at], row[northings_at])

    return read


def _code_point_row(row):
    if len(row) < 4 or not (postcode := normalise_postcode(row[0])):
        return None
    if row[1].strip() == CODE_POINT_NO_LOCATION:
        return "no location"
    return _located(postcode, row[2], row[3])


def _located(postcode, eastings, northings):
    eastings, northings = eastings.strip(), northings.strip()
    if not eastings and not northings:
        return "no location"
    if not all(value.isascii() and value.isdigit() for value in (eastings, northings)):
        return None
    if int(eastings) == 0 and int(northings) == 0:
        return "no location"
    return postcode, int(eastings), int(northings)


def _store(batch, terminated):
    with transaction.atomic():
        if terminated:
            PostcodeLocation.objects.filter(postcode__in=[code for code in terminated if code]).delete()
        if batch:
            PostcodeLocation.objects.bulk_create(
                batch.values(),
                update_conflicts=True,
                unique_fields=["postcode"],
                update_fields=["eastings", "northings", "source", "year"],
            )
    return len(batch)
