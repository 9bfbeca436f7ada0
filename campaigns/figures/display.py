"""A provider's (or England's) figures, ready to show: the latest month, a year's trend, the breakdown by type.

CONTRACT (the provider page, the England page and the CSV downloads rely on it):
- `figures_for(provider=None)` -> Figures; provider None means England. A fixed number of queries
  (at most 2) however many months and types are stored, for a provider fetched with_successions() (as its
  page fetches it) that is in no merger. A provider in a merger (it took others in, or became part of
  another) costs one more (mergers.succession_for), as does one fetched without with_successions().
- After a merger, a successor's figures take in its predecessors' months (mergers.py): each month shows
  the figures published under one code (its own, else the most recently merged predecessor's), never a sum;
  `Figures.merger_notes` says in plain sentences which months were published under which name and code,
  each trend point's `published_under` names it, and the CSV files gain a "published under" column.
  `Figures.succession` says where an old code went (its page says so and keeps its own history).
- `Figures.is_synthetic`: True when anything it shows is invented (the page then carries the banner).
- `Figures.latest_month`: the newest Month with any figure for this subject, or None (nothing imported).
- `csv_files(figures)` -> {slug: (file_name, text)}: each chart's and table's data as CSV (its notes first,
  then the table: csv_text). The page serves each at `<provider address>/<slug>.csv`. Slugs: "latest",
  "trend", "breakdown" (none when `latest_month` is None).
- Template `figures/_figures.html`, given `figures` (and `subject_name`), renders every figure,
  chart, table and caveat; the page wraps it. It links each CSV as `<slug>.csv`, relative to the page's
  address (which ends with "/").

Every value is a Value: a number, suppressed ("[c]": 1 to 4, hidden to protect privacy) or missing
(no row in the file: none recorded, or not submitted: "no data reported"). Neither is ever shown as 0.
England's figures beside a provider's, in a month whose file has none for England at all, are said to be
missing from the file (England always has restraint to report): never "no data reported", never 0.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Exists, OuterRef, Q

from mindsite.ops.spreadsheets import guard_formula

from .mergers import Organisation, succession_for
from .metrics import ENGLAND_CODE, INTERVENTION_TYPES, METHODOLOGY_CHANGE, Level, Metric, intervention_type_name
from .records import Figure, Month
from .wording import format_number, month_name

TREND_MONTHS = 12
# NHS England's Mental Health Services Data Set moved to version 5 from this month: figures either side
# of it were recorded differently.
PRONE = "01"
CHEMICAL_TYPES = ["14", "15", "16", "17"]
SUPPRESSED_KEY = "1–4, hidden to protect privacy"
NO_DATA = "no data reported"
NOT_IN_FILE = "not in NHS England's file for this month"


def add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Value:
    """One published cell: a number, suppressed ([c]) or missing (no data reported)."""

    number: Decimal | None = None
    suppressed: bool = False
    # England's, in a month whose file left England out: missing from the file, not "none recorded".
    not_in_file: bool = False

    @property
    def is_number(self):
        return self.number is not None

    @property
    def is_missing(self):
        return self.number is None and not self.suppressed

    @property
    def short(self):
        """For tables and charts: '565', '[c]' or 'no data reported'."""
        if self.suppressed:
            return "[c]"
        if self.not_in_file:
            return "not in the file"
        if self.number is None:
            return NO_DATA
        return format_number(self.number)

    @property
    def count_words(self):
        """A count rounded to the nearest 5, in words."""
        if self.suppressed:
            return f"[c] ({SUPPRESSED_KEY})"
        if self.not_in_file:
            return NOT_IN_FILE
        if self.number is None:
            return NO_DATA
        return f"about {format_number(self.number)} (rounded to the nearest 5)"

    @property
    def rate_words(self):
        if self.suppressed:
            return "[c] (hidden to protect privacy: the numbers behind it are small)"
        if self.not_in_file:
            return NOT_IN_FILE
        if self.number is None:
            return NO_DATA
        return f"about {format_number(self.number)}"


MISSING = Value()
NOT_IN_FILE_VALUE = Value(not_in_file=True)


@dataclass(frozen=True)
class Sum:
    """Several published counts added up (chemical restraint is four types). A suppressed part is 1 to 4,
    never 0, so it is never added: the words give the known part and how many parts are hidden."""

    parts: tuple  # ((type code, name, Value), ...)

    @property
    def known(self):
        numbers = [value.number for _, _, value in self.parts if value.is_number]
        return sum(numbers, Decimal(0)) if numbers else None

    @property
    def suppressed_count(self):
        return sum(1 for _, _, value in self.parts if value.suppressed)

    @property
    def is_missing(self):
        return all(value.is_missing for _, _, value in self.parts)

    @property
    def not_in_file(self):
        return all(value.not_in_file for _, _, value in self.parts)

    @property
    def short(self):
        hidden = self.suppressed_count
        if self.not_in_file:
            return "not in the file"
        if self.is_missing:
            return NO_DATA
        if self.known is None:
            return "[c]"
        return f"{format_number(self.known)} + [c]" if hidden else format_number(self.known)

    @property
    def count_words(self):
        hidden = self.suppressed_count
        if self.not_in_file:
            return NOT_IN_FILE
        if self.is_missing:
            return NO_DATA
        kinds = f"{hidden} kind{'s' if hidden != 1 else ''}"
        if self.known is None:
            return f"[c] for {kinds} ({SUPPRESSED_KEY}, for each)"
        words = f"about {format_number(self.known)} (adding up the kinds reported, each rounded to the nearest 5)"
        if hidden:
            words += f", plus [c] for {kinds} ({SUPPRESSED_KEY}, for each)"
        return words


@dataclass
class Headline:
    """One of the latest month's figures, the subject's and England's."""

    slug: str
    label: str
    value: object
    england: object = None
    kind: str = "count"  # or "rate"

    @property
    def words(self):
        return self.value.rate_words if self.kind == "rate" else self.value.count_words

    @property
    def england_words(self):
        if self.england is None:
            return ""
        return self.england.rate_words if self.kind == "rate" else self.england.count_words


@dataclass
class TrendPoint:
    month: datetime.date
    value: Value
    england: Value | None
    month_stored: bool = True
    # After a merger: the organisation (name and code) the month's figure was published under, and any other
    # of the provider's codes that published the same month, with its figure (noted, never added in).
    published_under: object = None
    others: list = field(default_factory=list)

    @property
    def note(self):
        """Why a value is not a number, and any figure under another code, in words, for the table and the CSV."""
        notes = []
        if not self.month_stored:
            return "no figures for this month on this site"
        for organisation, value in self.others:
            notes.append(
                f"also published under {organisation.label}: {value.short} (not added in: each is rounded or hidden)"
            )
        for who, value in [("", self.value), ("England: ", self.england)]:
            if value is None:
                continue
            if value.suppressed:
                notes.append(f"{who}[c] hidden to protect privacy")
            elif value.not_in_file:
                notes.append(f"{who}{NOT_IN_FILE}")
            elif value.is_missing:
                notes.append(f"{who}{NO_DATA}")
        return "; ".join(notes)


@dataclass
class TypeRow:
    code: str
    name: str
    value: Value
    england: Value | None


@dataclass
class Figures:
    provider: object = None
    latest_month: object = None
    is_synthetic: bool = False
    headlines: list = field(default_factory=list)
    trend: list = field(default_factory=list)
    breakdown: list = field(default_factory=list)
    # Months stored after latest_month in which this subject has no figures: the latest publication left it out.
    later_months: list = field(default_factory=list)
    # Mergers (mergers.Succession, None for England): where the provider went, or whose figures it takes in.
    succession: object = None
    # For a provider that took others in: the plain sentences saying which months were published under which
    # name and code, and the organisation the latest month's figures were published under.
    merger_notes: list = field(default_factory=list)
    latest_published_under: object = None
    # For a provider: (provider id, kind, rate) of every provider with a rate in the latest month (hidden: None).
    latest_rates: list = field(default_factory=list)

    @property
    def latest_publication(self):
        """The newest month stored, when this subject has no figures in it (else None)."""
        return self.later_months[-1] if self.later_months else None

    @property
    def is_england(self):
        return self.provider is None

    @property
    def status_label(self):
        """The latest month's status as NHS England names it: Provisional, Performance, Adhoc or Final."""
        return self.latest_month.get_status_display() if self.latest_month else ""

    @property
    def file_prefix(self):
        return "england" if self.provider is None else self.provider.ods_code

    @property
    def headline(self):
        return {headline.slug: headline for headline in self.headlines}

    @property
    def rate_headline(self):
        return self.headline.get("rate")

    @property
    def trend_crosses_methodology_change(self):
        return bool(self.trend) and self.trend[0].month < METHODOLOGY_CHANGE <= self.trend[-1].month

    @property
    def trend_start(self):
        return self.trend[0].month if self.trend else None

    @cached_property
    def trend_chart(self):
        from .charts import trend_chart

        return trend_chart(self)

    @cached_property
    def breakdown_chart(self):
        from .charts import breakdown_chart

        return breakdown_chart(self)

    @property
    def breakdown_by_size(self):
        """The breakdown in the bar chart's order: most used first, then [c], then no data reported."""
        from .charts import by_size

        return by_size(self.breakdown)

    @cached_property
    def downloads(self):
        """{slug: file name} for the partial's links."""
        return {slug: name for slug, (name, _) in csv_files(self).items()}

    @property
    def later_months_words(self):
        names = [month_name(month.start) for month in self.later_months]
        if len(names) > 2:
            return f"{names[0]} to {names[-1]}"
        return " and ".join(names)


def _subject_q(provider, codes=None):
    if provider is None:
        return Q(level=Level.ENGLAND, code=ENGLAND_CODE)
    return Q(level=Level.PROVIDER, code__in=codes or [provider.ods_code])


def figures_for(provider=None):
    """The subject's figures and England's beside them (and for a provider, every provider's latest rate):
    2 queries (1 when nothing is stored), and one more
    for a provider in a merger (succession_for) or one not fetched with_successions()."""
    succession = None
    if provider is None:
        codes = [ENGLAND_CODE]
        own_level = Level.ENGLAND
    else:
        succession = succession_for(provider)
        codes = succession.codes
        own_level = Level.PROVIDER
    subject = _subject_q(provider, codes)
    # 1. Every month stored (one row a month: a few dozen over years), each marked by which of the subject's
    # codes (its own, and its predecessors' after a merger) has any figure in it. The newest so marked is the
    # latest month; the trend runs back from it.
    stored = list(
        Month.objects.annotate(
            **{
                f"has_{index}": Exists(Figure.objects.filter(level=own_level, code=code, month=OuterRef("pk")))
                for index, code in enumerate(codes)
            }
        ).order_by("start")
    )
    for month in stored:
        # The codes with figures this month; the one shown is the provider's own, else the first predecessor.
        month.published = [code for index, code in enumerate(codes) if getattr(month, f"has_{index}")]
        month.has_subject = bool(month.published)
        month.shown_code = month.published[0] if month.published else codes[0]
    latest = next((month for month in reversed(stored) if month.has_subject), None)
    if latest is None:
        return Figures(provider=provider, succession=succession)
    window_start = add_months(latest.start, 1 - TREND_MONTHS)
    # The months stored from the trend's start on: which have figures at all, and which are newer.
    months = [month for month in stored if month.start >= window_start]
    # 2. The figures shown: the rate for every month of the trend, everything else for the latest month; for a
    # provider, every provider's rate in the latest month too (its place among providers of its kind).
    wanted = subject if provider is None else subject | _subject_q(None)
    shown = wanted & (
        Q(month=latest, metric__in=[Metric.PEOPLE, Metric.INTERVENTIONS, Metric.RATE_PER_1000_BED_DAYS])
        | Q(
            month__start__gte=window_start,
            month__start__lte=latest.start,
            metric=Metric.RATE_PER_1000_BED_DAYS,
            intervention_type="",
        )
    )
    every_rate = Q(month=latest, level=Level.PROVIDER, metric=Metric.RATE_PER_1000_BED_DAYS, intervention_type="")
    fields = ["month_id", "level", "code", "metric", "intervention_type", "value", "suppressed", "is_synthetic"]
    if provider is None:
        rows = Figure.objects.filter(shown).values_list(*fields)
    else:
        rows = Figure.objects.filter(shown | every_rate).values_list(*fields, "provider_id", "provider__kind")

    cells = {}
    is_synthetic = False
    latest_rates = []
    for month_id, level, code, metric, kind, value, suppressed, synthetic, *whose in rows:
        is_rate = metric == Metric.RATE_PER_1000_BED_DAYS and not kind
        if whose and level == Level.PROVIDER and month_id == latest.pk and is_rate:
            latest_rates.append((*whose, value))
        if level == Level.PROVIDER and code not in codes:
            continue  # another provider's rate, read for the place alone
        who = code if level == own_level else "england"
        cells[(who, month_id, metric, kind)] = Value(number=value, suppressed=suppressed)
        is_synthetic = is_synthetic or synthetic

    def cell(who, month_id, metric, kind=""):
        return cells.get((who, month_id, metric, kind), MISSING)

    # The months whose file has anything for England (of what was fetched: every cell of the latest month,
    # the rate for the others, which England always has when its figures are in the file).
    england_months = {
        month_id for (who, month_id, _, _) in cells if who == (ENGLAND_CODE if provider is None else "england")
    }

    def england(month_id, metric, kind=""):
        if provider is None:
            return None
        if month_id not in england_months:
            return NOT_IN_FILE_VALUE
        return cell("england", month_id, metric, kind)

    figures = Figures(provider=provider, latest_month=latest, is_synthetic=is_synthetic, succession=succession)
    figures.latest_rates = latest_rates
    figures.later_months = [month for month in months if month.start > latest.start]
    if succession is not None and succession.predecessors:
        figures.merger_notes = merger_notes(provider, succession, stored)
        figures.latest_published_under = _organisation(provider, succession, latest.shown_code)

    now = latest.pk
    latest_code = latest.shown_code
    chemical = Sum(
        tuple(
            (code, intervention_type_name(code), cell(latest_code, now, Metric.INTERVENTIONS, code))
            for code in CHEMICAL_TYPES
        )
    )
    england_chemical = (
        None
        if provider is None
        else Sum(
            tuple(
                (code, intervention_type_name(code), england(now, Metric.INTERVENTIONS, code))
                for code in CHEMICAL_TYPES
            )
        )
    )
    figures.headlines = [
        Headline(
            "people",
            "People restrained",
            cell(latest_code, now, Metric.PEOPLE),
            england(now, Metric.PEOPLE),
        ),
        Headline(
            "interventions",
            "Uses of restraint (restrictive interventions)",
            cell(latest_code, now, Metric.INTERVENTIONS),
            england(now, Metric.INTERVENTIONS),
        ),
        Headline(
            "prone",
            "Prone (face-down) restraint",
            cell(latest_code, now, Metric.INTERVENTIONS, PRONE),
            england(now, Metric.INTERVENTIONS, PRONE),
        ),
        Headline("chemical", "Chemical restraint (medicine to sedate)", chemical, england_chemical),
        Headline(
            "rate",
            "Uses of restraint for every 1,000 nights spent on the wards",
            cell(latest_code, now, Metric.RATE_PER_1000_BED_DAYS),
            england(now, Metric.RATE_PER_1000_BED_DAYS),
            kind="rate",
        ),
    ]

    by_start = {month.start: month for month in months}
    for offset in range(TREND_MONTHS):
        start = add_months(window_start, offset)
        month = by_start.get(start)
        if month is None:
            figures.trend.append(TrendPoint(start, MISSING, None if provider is None else MISSING, False))
            continue
        value = cell(month.shown_code, month.pk, Metric.RATE_PER_1000_BED_DAYS)
        if provider is None and month.pk not in england_months:
            value = NOT_IN_FILE_VALUE  # England's own page: a month whose file left England out
        point = TrendPoint(start, value, england(month.pk, Metric.RATE_PER_1000_BED_DAYS))
        if figures.merger_notes:
            # Which name and code the month was published under; any other code's figure is noted, never added.
            if month.published:
                point.published_under = _organisation(provider, succession, month.shown_code)
            point.others = [
                (_organisation(provider, succession, code), cell(code, month.pk, Metric.RATE_PER_1000_BED_DAYS))
                for code in month.published[1:]
            ]
        figures.trend.append(point)

    codes = list(INTERVENTION_TYPES)
    stored = {
        kind
        for (who, month_id, metric, kind) in cells
        if who == latest_code and month_id == now and metric == Metric.INTERVENTIONS
    }
    codes += sorted(code for code in stored if code and code not in INTERVENTION_TYPES)
    figures.breakdown = [
        TypeRow(
            code,
            intervention_type_name(code),
            cell(latest_code, now, Metric.INTERVENTIONS, code),
            england(now, Metric.INTERVENTIONS, code),
        )
        for code in codes
    ]
    return figures


def _organisation(provider, succession, code):
    if code == provider.ods_code:
        return Organisation(provider.ods_code, provider.display_name, True)
    return succession.organisation(code)


def _month_range(starts, last_stored):
    """'April 2023 to December 2024', 'March 2025', or 'from January 2025' when it runs to the latest month."""
    first, last = starts[0], starts[-1]
    if last == last_stored and first != last:
        return f"from {month_name(first)}"
    if first == last:
        return f"for {month_name(first)}"
    return f"for {month_name(first)} to {month_name(last)}"


def merger_notes(provider, succession, stored):
    """Plain sentences: who became part of whom and when, and which months were published under which code."""
    notes = []
    for predecessor in succession.predecessors:
        successor = _organisation(provider, succession, predecessor.successor_code)
        when = f" on {predecessor.succeeded_on:%-d %B %Y}" if predecessor.succeeded_on else ""
        notes.append(f"{predecessor.label} became part of {successor.label}{when}.")
    last_stored = next((month.start for month in reversed(stored) if month.has_subject), None)
    ranges = []
    for code in succession.codes:
        starts = [month.start for month in stored if code in month.published]
        if starts:
            ranges.append((starts[0], _month_range(starts, last_stored), _organisation(provider, succession, code)))
    ranges.sort(key=lambda item: item[0])
    if ranges:
        parts = [f"{words} under {organisation.label}" for _, words, organisation in ranges]
        sentence = "Figures " + parts[0].replace(" under ", " were published under ", 1)
        notes.append("; ".join([sentence, *parts[1:]]) + ".")
    shared = [month.start for month in stored if len(month.published) > 1]
    if shared:
        months = month_name(shared[0]) if len(shared) == 1 else f"{month_name(shared[0])} to {month_name(shared[-1])}"
        notes.append(
            f"In {months}, more than one of these codes published figures. This page shows "
            f"{provider.display_name}'s where it has them (else the most recently merged organisation's), and notes "
            "the other beside it. They are not added together: each figure is rounded to the nearest 5 or hidden, "
            "so a sum would not be a published figure."
        )
    return notes


# CSV -----------------------------------------------------------------------------------------------------
# Each file opens with its notes, one a row, then an empty row, then the table: a header row and one row per
# figure. Number columns hold only numbers (or nothing); beside each, a marker column says why one is empty.

INVENTED_NOTE = "INVENTED for the demonstration: these are not NHS England's figures."
SOURCE_NOTE = "Source: NHS England, Mental Health Services Data Set (MHSDS), restrictive interventions."
MARKER_NOTES = [
    "Counts are rounded to the nearest 5, as NHS England publishes them.",
    "Each number column has a marker column beside it, saying why a number is empty:",
    "[c] = hidden to protect privacy (1 to 4 for a count; the numbers behind a rate are small). Never 0.",
    f"{NO_DATA} = the file has no figure for it (none recorded, or not submitted). Never 0.",
    "not in the file = NHS England's file for that month has no figures for England at all.",
    "plus [c] = chemical restraint adds up the kinds reported; one or more kinds were [c] and are not added in.",
]
NOT_IN_FILE_MARKER = "not in the file"
NOT_LOADED_MARKER = "month not on this site"


def number_cell(value):
    """A number column's cell: the number as published (no thousands separator), or empty."""
    if value is None:
        return ""
    number = value.known if isinstance(value, Sum) else value.number
    return "" if number is None else format_number(number, separator="")


def marker_cell(value):
    """The marker column beside a number: '[c]', 'no data reported', 'not in the file', 'plus [c]' or empty."""
    if value is None:
        return ""
    if value.not_in_file:
        return NOT_IN_FILE_MARKER
    if isinstance(value, Sum):
        if value.is_missing:
            return NO_DATA
        if value.known is None:
            return "[c]"
        return "plus [c]" if value.suppressed_count else ""
    if value.suppressed:
        return "[c]"
    return NO_DATA if value.is_missing else ""


def csv_text(notes, header, rows):
    """The CSV text: the notes (one a row), an empty row, the header and the rows. Cells a spreadsheet would run
    as a formula are guarded. The byte-order mark is added when it is sent (csv_response)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for note in notes:
        writer.writerow([guard_formula(note)])
    writer.writerow([])
    for row in [header, *rows]:
        writer.writerow([guard_formula(str(cell)) for cell in row])
    return out.getvalue()


def csv_table(text):
    """The header and rows of a CSV file made here (its notes and the empty row skipped), as lists of strings."""
    lines = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    return lines[lines.index([]) + 1 :]


def csv_notes(title, invented, extra=()):
    """The notes a file opens with: what it is, invented or not, the source and what the markers mean."""
    return [title, *([INVENTED_NOTE] if invented else []), SOURCE_NOTE, *extra, *MARKER_NOTES]


def _subject_label(figures):
    if figures.provider is None:
        return "England"
    return f"{figures.provider.display_name} ({figures.provider.ods_code})"


def csv_files(figures):
    """{slug: (file name, CSV text)} for the latest month, the trend and the breakdown by type."""
    if figures.latest_month is None:
        return {}
    # Invented figures say so in each file's name as well as in its notes.
    prefix = figures.file_prefix + ("-invented" if figures.is_synthetic else "")
    subject = _subject_label(figures)
    column = "England" if figures.is_england else figures.provider.ods_code
    latest = f"{figures.latest_month.start:%Y-%m}"
    status = figures.status_label
    with_england = not figures.is_england
    # After a merger, each row says which name and code its figures were published under.
    merged = bool(figures.merger_notes)
    latest_under = [figures.latest_published_under.label] if merged else []
    under_header = ["published under"] if merged else []
    values_header = [column, f"{column} marker", *(["England", "England marker"] if with_england else [])]
    extra = [*figures.merger_notes]
    if with_england:
        extra.append(f"{subject}: its figures are in the columns {column} and {column} marker; England's beside them.")

    def values(value, england):
        cells = [number_cell(value), marker_cell(value)]
        return cells + ([number_cell(england), marker_cell(england)] if with_england else [])

    title = f"{subject}: restraint figures for {month_name(figures.latest_month.start)} ({status})"
    header = ["month", *under_header, "status", "measure", *values_header]
    rows = [[latest, *latest_under, status, h.label, *values(h.value, h.england)] for h in figures.headlines]
    notes = csv_notes(title, figures.is_synthetic, extra)
    files = {"latest": (f"{prefix}-restraint-latest-month.csv", csv_text(notes, header, rows))}

    title = f"{subject}: restrictive interventions per 1,000 occupied bed days, month by month"
    header = ["month", *under_header, *values_header, "note"]
    rows = []
    for point in figures.trend:
        under = [point.published_under.label if point.published_under else ""] if merged else []
        if point.month_stored:
            cells = values(point.value, point.england)
        else:
            cells = ["", NOT_LOADED_MARKER] * (2 if with_england else 1)
        notes_of_point = [
            f"also published under {organisation.label}: {value.short} (not added in: each is rounded or hidden)"
            for organisation, value in point.others
        ]
        if point.month == METHODOLOGY_CHANGE and figures.trend_crosses_methodology_change:
            notes_of_point.append("recording changed this month (MHSDS version 5)")
        rows.append([f"{point.month:%Y-%m}", *under, *cells, "; ".join(notes_of_point)])
    notes = csv_notes(
        title,
        figures.is_synthetic,
        [*extra, f"{NOT_LOADED_MARKER} = no figures for that month were loaded on this site."],
    )
    files["trend"] = (f"{prefix}-restraint-rate-trend.csv", csv_text(notes, header, rows))

    title = f"{subject}: restrictive interventions by type, {month_name(figures.latest_month.start)} ({status})"
    header = ["month", *under_header, "type code", "type", *values_header]
    rows = [[latest, *latest_under, row.code, row.name, *values(row.value, row.england)] for row in figures.breakdown]
    notes = csv_notes(title, figures.is_synthetic, extra)
    files["breakdown"] = (f"{prefix}-restraint-by-type.csv", csv_text(notes, header, rows))
    return files
