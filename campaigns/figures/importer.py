"""Import NHS England's monthly "Restrictive Interventions" CSV, in today's layout or the older one.

The upload may be the CSV or the zip NHS England publishes, in UTF-8 or Windows-1252: publication.py opens it
and hands each CSV over as text. A file of another MHSDS publication in the same layout (its measures are not
MHS76, MHS77…) is refused as soon as that is clear, before a row is stored.

The file is streamed row by row (a year of real files is over 100,000 rows) and figures are written in
batches, so memory stays bounded by the batch size and the number of providers, never the file's size.
A whole file is one transaction: a row of the wrong shape raises FigureFileError naming its line and
column, and nothing the file would have changed is kept.

A month published twice keeps the higher status (Final > Adhoc > Performance > Provisional); a file
whose status for a month is as high or higher replaces that month's figures entirely, since a row a
newer publication leaves out means none were recorded.
"""

import csv
import datetime
import hashlib
import re
from contextlib import closing
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from .metrics import BREAKDOWNS, ENGLAND_CODE, STATUS_NAMES, STATUS_RANK, Level, Metric
from .pages import purge_figure_pages
from .publication import Publication, UnreadableFile, where_in
from .records import Figure, FigureImport, Month, Provider, Region
from .signals import figures_imported

BATCH_SIZE = 1000
METRICS = set(Metric.values)
# A file with none of METRICS in its first rows is another MHSDS publication, refused there and then.
METRICS_WITHIN_ROWS = 5000

# Today's layout, in the file's order; the older layout's names map onto these.
COLUMNS = [
    "REPORTING_PERIOD_START",
    "REPORTING_PERIOD_END",
    "STATUS",
    "BREAKDOWN",
    "LEVEL_ONE",
    "LEVEL_ONE_DESCRIPTION",
    "LEVEL_TWO",
    "METRIC",
    "METRIC_VALUE",
]
OLDER_LAYOUT = {
    "PRIMARY_LEVEL": "LEVEL_ONE",
    "PRIMARY_LEVEL_DESCRIPTION": "LEVEL_ONE_DESCRIPTION",
    "SECONDARY_LEVEL": "LEVEL_TWO",
    "MEASURE_ID": "METRIC",
    "MEASURE_VALUE": "METRIC_VALUE",
}
SKIPPED_BREAKDOWN = "other breakdowns"
SKIPPED_METRIC = "other metrics"
SKIPPED_STATUS = "lower status than the month already has"
SKIPPED_REPEAT = "repeated rows"
SKIPPED_REAL = "invented figures for a month that has real ones"
SKIPPED_UNKNOWN_TYPE = "rows for an intervention type not recorded (UNKNOWN)"

ODS_CODE = re.compile(r"^[A-Z0-9]{2,12}$")
NUMBER = re.compile(r"^([0-9]+|[0-9]{1,3}(,[0-9]{3})+)(\.[0-9]+)?$")
TYPE_CODE = re.compile(r"^[0-9]{1,2}$")


class FigureFileError(Exception):
    """The file is not the shape the import expects. Says where: line (1 is the header) and column."""

    def __init__(self, message, line=None, column=None, member=""):
        self.line = line
        self.column = column
        self.problem = message
        self.member = member  # the CSV's name in a zip; '' for a CSV uploaded as it is
        where = where_in(member, line, column)
        message = message[:1].upper() + message[1:] if member and not (line or column) else message
        super().__init__(f"{where}: {message}" if where else message)

    def in_member(self, member):
        """The same error, saying which of the zip's CSV files it is in."""
        if not member or self.member:
            return self
        return FigureFileError(self.problem, line=self.line, column=self.column, member=member)


class AlreadyImported(Exception):
    def __init__(self, earlier):
        self.earlier = earlier
        when = timezone.localtime(earlier.started_at)
        super().__init__(
            f"This file was imported before ({earlier.file_name}, {when:%d %B %Y %H:%M}, by {earlier.run_by}): "
            "nothing changed."
        )


def file_checksum(binary_file):
    """SHA-256 of an open binary file, read in chunks; leaves the file at its start."""
    binary_file.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: binary_file.read(1 << 16), b""):
        digest.update(chunk)
    binary_file.seek(0)
    return digest.hexdigest()


def earlier_import(sha256):
    return FigureImport.objects.filter(sha256=sha256).order_by("started_at").first()


def record_import(sha256, **fields):
    """The import's row, written before any figure: inside the caller's transaction, it claims the file.

    Of two imports of one file at once, only one can insert its row (the checksum is unique): on
    PostgreSQL the second waits for the first to commit, then fails; on SQLite the second waits
    for the write lock, then finds the first. Either way it raises AlreadyImported, and if the
    first import fails instead, the second goes ahead."""
    earlier = earlier_import(sha256)
    if earlier is not None:
        raise AlreadyImported(earlier)
    try:
        with transaction.atomic():
            return FigureImport.objects.create(sha256=sha256, started_at=timezone.now(), **fields)
    except IntegrityError:
        earlier = earlier_import(sha256)
        if earlier is None:
            raise
        raise AlreadyImported(earlier) from None


def import_figures(binary_file, file_name, source_url="", is_synthetic=False, user=None):
    """Import one open binary CSV file; returns its FigureImport. Raises AlreadyImported or FigureFileError."""
    sha256 = file_checksum(binary_file)
    with transaction.atomic():
        record = record_import(
            sha256,
            file_name=file_name[:255],
            source_url=source_url,
            user=user,
            run_by=user.get_username() if user is not None else "command",
            is_synthetic=is_synthetic,
        )
        _load(binary_file, record)
        # Once stored, every page showing figures is made afresh (the command, the admin and the demo all come here).
        transaction.on_commit(purge_figure_pages)
        transaction.on_commit(lambda: figures_imported.send_robust(sender=FigureImport, figure_import=record))
    return record


def preview_figures(binary_file, file_name):
    """What importing the file would change, without keeping any of it: a FigureImport not saved."""
    sha256 = file_checksum(binary_file)
    try:
        with transaction.atomic():
            record = record_import(sha256, file_name=file_name[:255], run_by="preview")
            _load(binary_file, record)
            raise _RollBack(record)
    except _RollBack as rolled_back:
        record = rolled_back.record
        record.pk = None
        return record


class _RollBack(Exception):
    def __init__(self, record):
        self.record = record


@dataclass
class Row:
    line: int
    start: datetime.date
    end: datetime.date
    status: str
    level: str
    code: str
    name: str
    intervention_type: str
    metric: str
    value: Decimal | None
    suppressed: bool


@dataclass
class Skipped:
    line: int
    reason: str


def _load(binary_file, record):
    """Store every CSV of the upload through one FigureStore, recording each one's name and encoding."""
    current = {"member": ""}
    try:
        with closing(read_rows(binary_file, record, current)) as rows:
            FigureStore(record).load(rows)
    except FigureFileError as error:
        located = error.in_member(current["member"])
        if located is error:
            raise
        raise located from error


def read_rows(binary_file, record=None, current=None):
    """Yield a Row for each row the site uses and a Skipped for each other row, one at a time, file after file.

    With a record, each CSV read is noted in record.csv_files and a zip's other files in record.members_skipped."""
    current = {} if current is None else current
    try:
        publication = Publication(binary_file)
        if record is not None:
            record.members_skipped = publication.skipped
        for csv_file in publication.csv_files():
            current["member"] = csv_file.member
            if record is not None:
                record.csv_files.append({"member": csv_file.member, "encoding": csv_file.encoding})
            reader = csv.reader(csv_file.lines, strict=True)
            try:
                yield from _rows(reader)
            except csv.Error as error:
                raise FigureFileError(f"the line is not valid CSV ({error}).", line=reader.line_num) from error
    except UnreadableFile as error:
        message = str(error) if error.line else str(error)[:1].upper() + str(error)[1:]
        raise FigureFileError(message, line=error.line) from error


def _rows(reader):
    header = next((row for row in reader if any(cell.strip() for cell in row)), None)
    if header is None:
        raise FigureFileError("the file is empty.", line=1)
    header_line = reader.line_num
    rows_after_header = 0
    names = [cell.strip().upper() for cell in header]
    # The older layout's names are read wherever they are: NHS England's own code has made headers that mix
    # them (PRIMARY_LEVEL… with METRIC, METRIC_VALUE), so the layout is not decided by one column.
    layout = "older" if "MEASURE_ID" in names or "PRIMARY_LEVEL" in names else "today's"
    canonical = [OLDER_LAYOUT.get(name, name) for name in names]
    position = {}
    for index, name in enumerate(canonical):
        if name in position and name in COLUMNS:
            raise FigureFileError(f"the header has {names[index]} twice.", line=header_line, column=names[index])
        position.setdefault(name, index)
    missing = [name for name in COLUMNS if name not in position]
    if missing:
        shown = [
            next((old for old, new in OLDER_LAYOUT.items() if new == name), name) if layout == "older" else name
            for name in missing
        ]
        raise FigureFileError(
            "the header is not NHS England's restrictive interventions layout: it has no "
            + ", ".join(shown)
            + " column. The first line should be REPORTING_PERIOD_START,REPORTING_PERIOD_END,STATUS,BREAKDOWN,…",
            line=header_line,
            column=shown[0],
        )
    width = len(header)
    heading = {name: names[position[name]] for name in COLUMNS}  # the file's own column names, for messages
    i_start, i_end, i_status, i_breakdown, i_one, i_one_name, i_two, i_metric, i_value = (
        position[name] for name in COLUMNS
    )
    # What a few distinct cells mean, worked out once each; cleared if a file has many, to bound memory.
    periods = {}
    breakdowns = {}
    measures_seen = False  # whether any row so far gives one of METRICS
    other_measures = []  # the first few other measures, to say what the file is

    for row in reader:
        line = reader.line_num
        if len(row) != width or not row[i_start]:
            if not any(cell.strip() for cell in row):
                continue  # a blank line, or a spreadsheet's row of empty cells
            if len(row) < width:
                raise FigureFileError(
                    f"the line has {len(row)} columns where the header has {width}; it looks cut short.",
                    line=line,
                    column=names[len(row)],
                )
            if len(row) > width:
                raise FigureFileError(f"the line has {len(row)} columns where the header has {width}.", line=line)
        rows_after_header += 1

        # Another publication's measures come with other periods and breakdowns: skipped before those are read.
        metric = row[i_metric].strip().upper()
        if metric not in METRICS:
            if not measures_seen:
                if metric not in other_measures and len(other_measures) < 5:
                    other_measures.append(metric)
                if rows_after_header >= METRICS_WITHIN_ROWS:
                    raise _another_publication(heading["METRIC"], other_measures)
            yield Skipped(line, SKIPPED_METRIC)
            continue
        measures_seen = True

        cells = (row[i_start], row[i_end], row[i_status])
        period = periods.get(cells)
        if period is None:
            period = _period(*cells, line=line, heading=heading)
            if len(periods) > 100:
                periods.clear()
            periods[cells] = period
        start, end, status = period

        breakdown = breakdowns.get(row[i_breakdown], False)
        if breakdown is False:
            breakdown = BREAKDOWNS.get(" ".join(row[i_breakdown].lower().split()))
            if len(breakdowns) > 100:
                breakdowns.clear()
            breakdowns[row[i_breakdown]] = breakdown
        if breakdown is None:
            yield Skipped(line, SKIPPED_BREAKDOWN)
            continue
        level, typed = breakdown

        def fail(name, message, line=line):
            raise FigureFileError(message, line=line, column=heading[name])

        code = row[i_one].strip().upper()
        if level == Level.ENGLAND:
            code = ENGLAND_CODE
        elif not ODS_CODE.match(code) or code == "NONE":
            what = "a provider's ODS code" if level == Level.PROVIDER else "a region's code"
            fail("LEVEL_ONE", f"{row[i_one].strip()!r} is not {what}.")
        intervention_type = ""
        if typed:
            intervention_type = row[i_two].strip()
            if intervention_type.upper() == "UNKNOWN":
                # Real files give the uses whose type was not recorded as a type of their own (harrymd/MHSMS_analysis
                # reads them so): not a type the site shows, and never a reason to refuse the file.
                yield Skipped(line, SKIPPED_UNKNOWN_TYPE)
                continue
            if not TYPE_CODE.match(intervention_type):
                fail("LEVEL_TWO", f"{intervention_type!r} is not an intervention type code such as 01.")
            # A spreadsheet drops the leading zero: 1 is 01.
            intervention_type = intervention_type.zfill(2)

        raw_value = row[i_value].strip()
        value, suppressed = None, raw_value == "*"
        if not suppressed:
            if not NUMBER.match(raw_value):
                fail("METRIC_VALUE", f"{raw_value!r} is not a number or * (a suppressed figure).")
            value = Decimal(raw_value.replace(",", ""))
            if value.as_tuple().exponent < -3 or value >= Decimal("1e12"):
                fail("METRIC_VALUE", f"{raw_value!r} has more than 3 decimal places or is too large.")

        yield Row(
            line=line,
            start=start,
            end=end,
            status=status,
            level=level,
            code=code,
            name=row[i_one_name].strip(),
            intervention_type=intervention_type,
            metric=metric,
            value=value,
            suppressed=suppressed,
        )
    if not rows_after_header:
        raise FigureFileError(
            "the file has a header but no rows: it may not have downloaded fully.", line=header_line + 1
        )
    if not measures_seen:
        raise _another_publication(heading["METRIC"], other_measures)


def _another_publication(column, found):
    """The refusal of a file in the same layout from another MHSDS publication (the 4-week waits: MRS01…)."""
    shown = ", ".join(measure or "(blank)" for measure in found) + (", …" if len(found) >= 5 else "")
    return FigureFileError(
        f"This file has no restrictive intervention measures ({', '.join(Metric.values)}) in its {column} column: "
        f"it looks like another MHSDS publication (found measures {shown}). Download 'Restrictive "
        "Interventions' from NHS England's MHSDS monthly statistics."
    )


def _period(start_text, end_text, status_text, line, heading):
    """A row's (start, end, status), checked: the start is the first of a month and the end in that month."""

    def fail(name, message):
        raise FigureFileError(message, line=line, column=heading[name])

    start_text, end_text = start_text.strip(), end_text.strip()
    start = _date(start_text)
    if start is None:
        fail("REPORTING_PERIOD_START", f"{start_text!r} is not a date like 2025-03-01, 01/03/2025 or 01/03/25.")
    if start.day != 1:
        fail("REPORTING_PERIOD_START", f"{start_text!r} is not the first day of a month.")
    end = _date(end_text)
    if end is None:
        fail("REPORTING_PERIOD_END", f"{end_text!r} is not a date like 2025-03-31, 31/03/2025 or 31/03/25.")
    if (end.year, end.month) != (start.year, start.month):
        fail("REPORTING_PERIOD_END", f"{end_text!r} is not in the same month as the start.")
    status = STATUS_NAMES.get(" ".join(status_text.lower().split()))
    if status is None:
        fail("STATUS", f"{status_text.strip()!r} is not a status (Provisional, Performance, Adhoc or Final).")
    return start, end, status


def _date(text):
    # ISO as published; dd/mm/yyyy or dd/mm/yy once a spreadsheet has saved it again.
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    return None


@dataclass
class MonthState:
    month: Month | None  # as stored now (None: not stored yet)
    stored_before: str  # the status it had before this import, '' if none
    # Real figures always replace invented ones, and invented ones never replace real ones, whatever the status.
    stored_synthetic: bool = False
    publication: str = ""  # the status this file's kept rows for it have
    kept: int = 0  # rows kept from that publication so far


@dataclass
class FigureStore:
    """Writes a file's rows into the database in batches, resolving months by status and providers by code."""

    record: FigureImport
    months: dict = field(default_factory=dict)  # month start -> MonthState
    providers: dict = field(default_factory=dict)  # ODS code -> Provider (saved or not yet)
    regions: dict = field(default_factory=dict)  # region code -> name in the latest month
    new_providers: list = field(default_factory=list)
    added_codes: set = field(default_factory=set)
    renamed: set = field(default_factory=set)  # ODS codes of stored providers given a newer name
    changed: set = field(default_factory=set)  # ODS codes of stored providers to save at the end
    batch: dict = field(default_factory=dict)  # cell key -> (Figure, line)
    skipped: dict = field(default_factory=dict)
    rows_read: int = 0

    def load(self, rows):
        self.providers = {provider.ods_code: provider for provider in Provider.objects.all()}
        self.region_months = {}
        for row in rows:
            self.rows_read += 1
            if isinstance(row, Skipped):
                self._skip(row.reason)
                continue
            state = self._month_for(row)
            if state.publication != row.status:
                real_stored = state.stored_before and not state.stored_synthetic and not state.publication
                self._skip(SKIPPED_REAL if real_stored and self.record.is_synthetic else SKIPPED_STATUS)
                continue
            self._add(row, state)
            if len(self.batch) >= BATCH_SIZE:
                self._flush()
        self._flush()
        self._finish()

    def _skip(self, reason, count=1):
        self.skipped[reason] = self.skipped.get(reason, 0) + count

    def _month_for(self, row):
        """The month's state, deciding on first sight of each publication whether its rows are kept."""
        state = self.months.get(row.start)
        if state is None:
            stored = Month.objects.filter(start=row.start).first()
            state = MonthState(
                month=stored,
                stored_before=stored.status if stored else "",
                stored_synthetic=bool(stored and stored.is_synthetic),
            )
            self.months[row.start] = state
        if state.publication == row.status:
            return state
        current = state.publication or state.stored_before
        if current and not state.publication and state.stored_synthetic != self.record.is_synthetic:
            if self.record.is_synthetic:
                return state  # invented figures never replace real ones
        elif current and STATUS_RANK[row.status] < STATUS_RANK[current]:
            return state
        # The month's first rows, or a publication as final or more final than what is there: it replaces it.
        self._flush()
        if state.month is None:
            state.month = Month(start=row.start)
        else:
            Figure.objects.filter(month=state.month).delete()
        state.month.end = row.end
        state.month.status = row.status
        state.month.figure_import = self.record
        state.month.is_synthetic = self.record.is_synthetic
        state.month.save()
        if state.publication:
            self._skip(SKIPPED_STATUS, state.kept)  # the lower publication earlier in this file is replaced
        state.publication = row.status
        state.kept = 0
        return state

    def _add(self, row, state):
        provider = None
        if row.level == Level.PROVIDER:
            provider = self._provider(row)
        elif row.level == Level.REGION:
            if row.start >= self.region_months.get(row.code, datetime.date.min):
                self.regions[row.code] = row.name
                self.region_months[row.code] = row.start
        key = (row.start, row.level, row.code, row.metric, row.intervention_type)
        figure = Figure(
            month=state.month,
            level=row.level,
            code=row.code,
            provider=provider,
            metric=row.metric,
            intervention_type=row.intervention_type,
            value=row.value,
            suppressed=row.suppressed,
            is_synthetic=self.record.is_synthetic,
        )
        earlier = self.batch.get(key)
        if earlier is not None:
            self._repeated(figure, row.line, earlier[0], f"line {earlier[1]}")
            return
        self.batch[key] = (figure, row.line)
        state.kept += 1

    def _repeated(self, figure, line, earlier, where):
        """A cell given twice for the same publication: the same value is skipped, another is an error."""
        if (earlier.value, earlier.suppressed) != (figure.value, figure.suppressed):
            raise FigureFileError(
                f"this row gives {figure.metric} for {figure.code}"
                f"{' type ' + figure.intervention_type if figure.intervention_type else ''} in "
                f"{figure.month.start:%B %Y} again, with a different value from {where}.",
                line=line,
            )
        self._skip(SKIPPED_REPEAT)

    def _provider(self, row):
        provider = self.providers.get(row.code)
        if provider is None:
            provider = Provider(
                ods_code=row.code,
                name=row.name or row.code,
                name_month=row.start,
                is_synthetic=self.record.is_synthetic,
            )
            self.providers[row.code] = provider
            self.new_providers.append(provider)
            self.added_codes.add(row.code)
            return provider
        stored = row.code not in self.added_codes
        if row.start >= provider.name_month and row.name and row.name != provider.name:
            provider.name = row.name
            # A newer name than ODS had when last imported: shown until the next ODS import brings its own.
            provider.ods_name = ""
            if stored:
                self.renamed.add(provider.ods_code)
        if row.start > provider.name_month:
            provider.name_month = row.start
            if stored:
                self.changed.add(provider.ods_code)
        if provider.is_synthetic and not self.record.is_synthetic:
            provider.is_synthetic = False  # a real file has it: it is real
            if stored:
                self.changed.add(provider.ods_code)
        return provider

    def _flush(self):
        if not self.batch:
            return
        unsaved = [provider for provider in self.new_providers if provider.pk is None]
        if unsaved:
            Provider.objects.bulk_create(unsaved)
        figures = [figure for figure, _ in self.batch.values()]
        try:
            with transaction.atomic():
                Figure.objects.bulk_create(figures)
        except IntegrityError:
            # A cell this file gave earlier, in a batch already written: find which, one row at a time.
            self._flush_one_by_one()
        self.batch = {}

    def _flush_one_by_one(self):
        states = {state.month.pk: state for state in self.months.values() if state.month is not None}
        for figure, line in self.batch.values():
            earlier = Figure.objects.filter(
                month=figure.month,
                level=figure.level,
                code=figure.code,
                metric=figure.metric,
                intervention_type=figure.intervention_type,
            ).first()
            if earlier is None:
                figure.save()
                continue
            self._repeated(figure, line, earlier, "an earlier line")
            states[figure.month.pk].kept -= 1

    def _finish(self):
        changed = [self.providers[code] for code in sorted(self.renamed | self.changed)]
        if changed:
            Provider.objects.bulk_update(
                changed, ["name", "ods_name", "name_month", "is_synthetic"], batch_size=BATCH_SIZE
            )
        for code, name in self.regions.items():
            Region.objects.update_or_create(code=code, defaults={"name": name})
        record = self.record
        record.rows_read = self.rows_read
        record.rows_kept = sum(state.kept for state in self.months.values())
        record.rows_skipped = self.rows_read - record.rows_kept
        record.skipped_reasons = self.skipped
        for start, state in sorted(self.months.items()):
            label = f"{start:%Y-%m} {state.publication or state.stored_before}"
            if not state.publication:
                record.months_kept.append(label)
            elif state.stored_before:
                record.months_replaced.append(label)
            else:
                record.months_added.append(label)
        record.providers_added = sorted(self.added_codes)
        record.providers_renamed = sorted(self.renamed)
        record.finished_at = timezone.now()
        record.save()
