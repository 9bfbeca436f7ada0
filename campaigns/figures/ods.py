"""Who a provider is, from NHS England's Organisation Data Service (ODS) CSV downloads, as published.

Each file is headerless. The organisation and site files (etr, ect, ephp; ets, ephpsite) share ODS's standard
27-column frame: 1 organisation code, 2 name (upper case), 3 national grouping, 4 high-level health geography,
5-9 address lines 1 to 5 (line 4 is the town), 10 postcode, 11 open date and 12 close date (YYYYMMDD),
13 unused, 14 organisation sub-type, 15 parent organisation code (a site's provider), 16 and 17 join and left
parent dates, 18 telephone, 19-21 unused, 22 amended record indicator, 23 unused, 24 GOR code, 25-27 unused.
A file saved again by a spreadsheet loses the three empty last columns: such lines (24 columns, as two copies
of etr.csv in public repositories have them) are read as if the empty columns were there.
The successions file (succ) has 5: old code, successor's code, reason, effective date (YYYYMMDD), indicator.

A file's kind comes from its name (etr.csv, etr.zip, "etr (1).zip"…) or --kind, never from a code's first
letter. The kind of file says what its organisations are: etr NHS trusts, ect care trusts, ephp independent
sector healthcare providers. An organisation's national grouping (column 3: Y56 London, Y60 Midlands...) is
the NHS England region code the figures files use: a provider with no region is given the region of that code,
once a figures file has named it (an editor's choice of region is kept). Only providers the site already knows
(from the figures) are updated: ODS lists
thousands of organisations that run no mental health wards. The files are streamed a line at a time; memory
holds the known providers and their sites, never the file. Each file is one transaction, and the same file
imported twice changes nothing the second time.
"""

import csv
import datetime
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from django.db import transaction

from .pages import purge_figure_pages
from .publication import Publication, UnreadableFile, where_in
from .records import Provider, ProviderKind, ProviderSite, Region, title_case

ORGANISATION_KINDS = {
    "etr": ProviderKind.NHS_TRUST,
    "ect": ProviderKind.CARE_TRUST,
    "ephp": ProviderKind.INDEPENDENT,
}
SITE_KINDS = {"ets", "ephpsite"}
SUCCESSIONS = "succ"
KINDS = [*ORGANISATION_KINDS, *sorted(SITE_KINDS), SUCCESSIONS]
DESCRIPTIONS = {
    "etr": "NHS trusts",
    "ect": "care trusts",
    "ephp": "independent sector healthcare providers",
    "ets": "NHS trust sites",
    "ephpsite": "independent sector healthcare provider sites",
    "succ": "successor organisations",
}
# Organisations before sites (a site needs its provider's kind no more than its code, but a report reads
# better so), and successions last.
ORDER = {kind: index for index, kind in enumerate(["etr", "ect", "ephp", "ets", "ephpsite", "succ"])}

STANDARD_COLUMNS = 27
# ODS's frame without its three empty last columns (25-27), as a spreadsheet saves it again; columns 1-24 say
# everything read here.
RESAVED_COLUMNS = 24
SUCCESSION_COLUMNS = (4, 5)  # the indicator, the fifth, is not used here
BATCH_SIZE = 500

CODE = re.compile(r"^[A-Z0-9]{3,10}$")
DATE = re.compile(r"^[0-9]{8}$")
# Column numbers (1-based, as ODS documents them) and names, for messages.
CODE_COLUMN, NAME_COLUMN, POSTCODE_COLUMN, OPENED_COLUMN, CLOSED_COLUMN, PARENT_COLUMN = 1, 2, 10, 11, 12, 15
NATIONAL_GROUPING_COLUMN = 3
COLUMN_NAMES = {
    1: "organisation code",
    2: "name",
    10: "postcode",
    11: "open date",
    12: "close date",
    15: "parent organisation code",
}
SUCCESSION_COLUMN_NAMES = {1: "organisation code", 2: "successor organisation code", 4: "effective date"}


class OdsFileError(Exception):
    """The file is not an ODS file of the kind expected. Says where: the CSV in a zip, line and column."""

    def __init__(self, message, line=None, column=None, names=None, member=""):
        self.line = line
        self.column = column
        self.problem = message
        self.member = member
        where = where_in(member, line, f"{column} ({(names or COLUMN_NAMES)[column]})" if column else "")
        super().__init__(f"{where}: {message}" if where else message)


def kind_from_name(name):
    """'etr.zip', 'ETR.csv', 'ephpsite (1).zip' -> 'etr', 'etr', 'ephpsite'; None for any other name."""
    stem = PurePath(name).name.lower()
    match = re.match(r"^([a-z]+)", stem)
    return match.group(1) if match and match.group(1) in KINDS else None


def ods_date(text, line, column, names=None):
    text = text.strip()
    if not text:
        return None
    if DATE.match(text):
        try:
            return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            pass
    raise OdsFileError(f"{text!r} is not a date as ODS writes them (YYYYMMDD, e.g. 20010401).", line, column, names)


@dataclass
class OdsImport:
    """What one file did."""

    file_name: str
    kind: str
    rows_read: int = 0
    matched: int = 0  # rows for providers (or sites of providers) the site knows
    updated: list = field(default_factory=list)  # ODS codes of providers changed
    sites_added: int = 0
    sites_updated: int = 0
    unchanged: int = 0
    csv_files: list = field(default_factory=list)  # [(member, encoding)]

    @property
    def description(self):
        return DESCRIPTIONS[self.kind]

    @property
    def skipped(self):
        return self.rows_read - self.matched


def address_of(cells):
    """Address lines 1 to 5 in readable case, the town (line 4, as ODS fills it) and the postcode.

    A line can end in a comma as published ("ELIZABETH HOUSE,"): it is dropped, as the lines are joined by commas.
    """
    lines = [cell.strip().rstrip(",").strip() for cell in cells[4:9]]
    address = ", ".join(title_case(line) for line in lines if line)
    return address[:500], title_case(lines[3])[:100], " ".join(cells[9].split()).upper()[:10]


def _rows(csv_file, kind):
    """Each line's cells, checked for the file's shape; a bad line raises OdsFileError at its line and column."""
    expected = SUCCESSION_COLUMNS if kind == SUCCESSIONS else (STANDARD_COLUMNS, RESAVED_COLUMNS)
    names = SUCCESSION_COLUMN_NAMES if kind == SUCCESSIONS else COLUMN_NAMES
    reader = csv.reader(csv_file.lines, strict=True)
    try:
        for cells in reader:
            line = reader.line_num
            if not cells or cells == [""]:
                continue
            if len(cells) not in expected:
                # ODS's own 27: a file of neither shape is most likely not the file meant.
                shape = f"{expected[0]} or {expected[1]} columns" if kind == SUCCESSIONS else f"{expected[0]} columns"
                hint = (
                    " The first line looks like a header: ODS files have none."
                    if line == 1 and cells[0].strip().lower() in {"organisation code", "code", "org code", "ods code"}
                    else ""
                )
                raise OdsFileError(
                    f"the line has {len(cells)} columns; an ODS {kind} file ({DESCRIPTIONS[kind]}) has "
                    f"{shape}. Is this the right file?{hint}",
                    line,
                )
            codes = [CODE_COLUMN, 2] if kind == SUCCESSIONS else [CODE_COLUMN]
            for column in codes:
                code = cells[column - 1].strip()
                if not CODE.match(code):
                    header = " The first line looks like a header: ODS files have none." if line == 1 else ""
                    raise OdsFileError(
                        f"{code!r} is not an ODS code (3 to 10 capital letters and digits).{header}",
                        line,
                        column,
                        names,
                    )
            if kind != SUCCESSIONS:
                cells += [""] * (STANDARD_COLUMNS - len(cells))
            yield line, cells
    except csv.Error as error:
        raise OdsFileError(f"the line is not valid CSV ({error}).", reader.line_num) from error


class OdsStore:
    """Applies one file's rows to the providers the site knows, and their sites."""

    def __init__(self, record):
        self.record = record
        self.providers = {provider.ods_code: provider for provider in Provider.objects.all()}
        self.regions = {region.code: region for region in Region.objects.all()}
        self.changed = {}  # ODS code -> Provider to save
        self.changed_fields = set()
        self.successions = {}  # old code -> (date, new code): the latest succession of each

    def organisation(self, line, cells, kind):
        code = cells[0].strip()
        provider = self.providers.get(code)
        if provider is None:
            return
        self.record.matched += 1
        address, town, postcode = address_of(cells)
        values = {
            "kind": ORGANISATION_KINDS[kind],
            "ods_name": " ".join(cells[1].split())[:255],
            "address": address,
            "town": town,
            "postcode": postcode,
            "opened": ods_date(cells[OPENED_COLUMN - 1], line, OPENED_COLUMN),
            "closed": ods_date(cells[CLOSED_COLUMN - 1], line, CLOSED_COLUMN),
        }
        region = self.regions.get(cells[NATIONAL_GROUPING_COLUMN - 1].strip())
        if region is not None and provider.region_id is None:
            values["region"] = region
        self._update(provider, values)

    def _update(self, provider, values):
        changed = [name for name, value in values.items() if getattr(provider, name) != value]
        if not changed:
            self.record.unchanged += 1
            return
        for name in changed:
            setattr(provider, name, values[name])
        self.changed[provider.ods_code] = provider
        self.changed_fields.update(changed)

    def sites(self, rows):
        """Sites of known providers, by their parent's code: created or updated in place, in batches."""
        batch = []
        for line, cells in rows:
            parent = cells[PARENT_COLUMN - 1].strip()
            provider = self.providers.get(parent)
            if provider is None:
                continue
            self.record.matched += 1
            address, town, postcode = address_of(cells)
            batch.append(
                ProviderSite(
                    provider=provider,
                    code=cells[0].strip(),
                    name=" ".join(cells[1].split())[:255],
                    address=address,
                    town=town,
                    postcode=postcode,
                    opened=ods_date(cells[OPENED_COLUMN - 1], line, OPENED_COLUMN),
                    closed=ods_date(cells[CLOSED_COLUMN - 1], line, CLOSED_COLUMN),
                )
            )
            if len(batch) >= BATCH_SIZE:
                self._save_sites(batch)
                batch = []
        self._save_sites(batch)

    SITE_FIELDS = ["provider_id", "name", "address", "town", "postcode", "opened", "closed"]

    def _save_sites(self, batch):
        if not batch:
            return
        stored = {site.code: site for site in ProviderSite.objects.filter(code__in=[site.code for site in batch])}
        new, changed = [], []
        for site in batch:
            earlier = stored.get(site.code)
            if earlier is None:
                new.append(site)
                continue
            differs = [name for name in self.SITE_FIELDS if getattr(earlier, name) != getattr(site, name)]
            if not differs:
                self.record.unchanged += 1
                continue
            for name in differs:
                setattr(earlier, name, getattr(site, name))
            changed.append(earlier)
        ProviderSite.objects.bulk_create(new)
        ProviderSite.objects.bulk_update(
            changed, [name.removesuffix("_id") for name in self.SITE_FIELDS], batch_size=BATCH_SIZE
        )
        self.record.sites_added += len(new)
        self.record.sites_updated += len(changed)

    def succession(self, line, cells):
        old, new = cells[0].strip(), cells[1].strip()
        if old not in self.providers:
            return
        self.record.matched += 1
        when = ods_date(cells[3], line, 4, SUCCESSION_COLUMN_NAMES)
        # An organisation succeeded more than once (a merger, then another) keeps the latest succession.
        earlier = self.successions.get(old)
        if earlier is None or (when or datetime.date.min) >= (earlier[0] or datetime.date.min):
            self.successions[old] = (when, new)

    def finish(self):
        for old, (when, new) in self.successions.items():
            self._update(self.providers[old], {"successor_code": new, "succeeded_on": when})
        if self.changed:
            Provider.objects.bulk_update(
                list(self.changed.values()), sorted(self.changed_fields), batch_size=BATCH_SIZE
            )
        self.record.updated = sorted(self.changed)


def import_ods_file(binary_file, file_name, kind=None):
    """Import one ODS file (a CSV, or the zip ODS publishes it in) as one transaction. Returns an OdsImport."""
    publication = Publication(binary_file)
    if kind is None:
        kind = kind_from_name(file_name)
        if kind is None and publication.is_zip:
            kinds = {kind_from_name(info.filename) for info in publication.members}
            kind = kinds.pop() if len(kinds) == 1 else None
    if kind not in KINDS:
        raise OdsFileError(
            f"{file_name!r} is not named as an ODS file the site reads ({', '.join(KINDS)}): name the kind with --kind."
        )
    record = OdsImport(file_name=file_name, kind=kind)
    try:
        with transaction.atomic():
            store = OdsStore(record)
            for csv_file in publication.csv_files():
                record.csv_files.append((csv_file.member, csv_file.encoding))
                try:
                    _apply(store, record, csv_file, kind)
                except OdsFileError as error:
                    if csv_file.member and not error.member:
                        raise OdsFileError(error.problem, error.line, error.column, member=csv_file.member) from error
                    raise
            store.finish()
    except UnreadableFile as error:
        raise OdsFileError(str(error), error.line) from error
    if record.updated or record.sites_added or record.sites_updated:
        transaction.on_commit(purge_figure_pages)
    return record


def _apply(store, record, csv_file, kind):
    def counted(rows):
        for row in rows:
            record.rows_read += 1
            yield row

    rows = counted(_rows(csv_file, kind))
    if kind in SITE_KINDS:
        store.sites(rows)
        return
    for line, cells in rows:
        if kind == SUCCESSIONS:
            store.succession(line, cells)
        else:
            store.organisation(line, cells, kind)


def describe(record):
    """The command's report, a line at a time."""
    lines = [
        f"{record.file_name}: {record.description} ({record.kind}), {record.rows_read:,} rows read, "
        f"{record.matched:,} for providers the site has figures for, {record.skipped:,} others left alone."
    ]
    for member, encoding in record.csv_files:
        lines.append(f"  Read {member or 'the CSV'} as {encoding}.")
    if record.kind in SITE_KINDS:
        lines.append(f"  Sites added: {record.sites_added:,}; updated: {record.sites_updated:,}.")
    else:
        lines.append(f"  Providers updated: {', '.join(record.updated) if record.updated else 'none'}.")
    if record.unchanged:
        lines.append(f"  Already up to date: {record.unchanged:,}.")
    return lines
