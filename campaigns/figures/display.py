"""A provider's (or England's) figures, ready to show: the latest month, a year's trend, the breakdown by type.

CONTRACT (the provider page, the England page and the CSV downloads rely on it):
- `figures_for(provider=None)` -> Figures; provider None means England. A fixed number of queries
  (at most 2) however many months and types are stored.
- `Figures.is_synthetic`: True when anything it shows is invented (the page then carries the banner).
- `Figures.latest_month`: the newest Month with any figure for this subject, or None (nothing imported).
- `csv_files(figures)` -> {slug: (file_name, text)}: each chart's and table's data as CSV. The page
  serves each at `<provider address>/<slug>.csv`. Slugs: "latest", "trend", "breakdown" (none when
  `latest_month` is None).
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
    def csv(self):
        """For CSV: the number, '[c]', or empty (the note column says 'no data reported')."""
        if self.suppressed:
            return "[c]"
        if self.number is None:
            return ""
        return format_number(self.number, separator="")

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
    def csv(self):
        if self.is_missing:
            return ""
        return self.short.replace(",", "")

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

    @property
    def note(self):
        """Why a value is not a number, in words, for the table and the CSV."""
        notes = []
        if not self.month_stored:
            return "no figures for this month on this site"
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


def _subject_q(provider):
    if provider is None:
        return Q(level=Level.ENGLAND, code=ENGLAND_CODE)
    return Q(level=Level.PROVIDER, code=provider.ods_code)


def figures_for(provider=None):
    """The subject's figures and England's beside them: 2 queries (1 when nothing is stored)."""
    subject = _subject_q(provider)
    # 1. Every month stored (one row a month: a few dozen over years), each marked by whether the
    # subject has any figure in it. The newest so marked is the latest month; the trend runs back from it.
    stored = list(
        Month.objects.annotate(has_subject=Exists(Figure.objects.filter(subject, month=OuterRef("pk")))).order_by(
            "start"
        )
    )
    latest = next((month for month in reversed(stored) if month.has_subject), None)
    if latest is None:
        return Figures(provider=provider)
    window_start = add_months(latest.start, 1 - TREND_MONTHS)
    # The months stored from the trend's start on: which have figures at all, and which are newer.
    months = [month for month in stored if month.start >= window_start]
    # 2. The figures shown: the rate for every month of the trend, everything else for the latest month.
    wanted = subject if provider is None else subject | _subject_q(None)
    rows = Figure.objects.filter(
        wanted,
        Q(month=latest, metric__in=[Metric.PEOPLE, Metric.INTERVENTIONS, Metric.RATE_PER_1000_BED_DAYS])
        | Q(
            month__start__gte=window_start,
            month__start__lte=latest.start,
            metric=Metric.RATE_PER_1000_BED_DAYS,
            intervention_type="",
        ),
    ).values_list("month_id", "level", "metric", "intervention_type", "value", "suppressed", "is_synthetic")

    own_level = Level.ENGLAND if provider is None else Level.PROVIDER
    cells = {}
    is_synthetic = False
    for month_id, level, metric, kind, value, suppressed, synthetic in rows:
        who = "subject" if level == own_level else "england"
        cells[(who, month_id, metric, kind)] = Value(number=value, suppressed=suppressed)
        is_synthetic = is_synthetic or synthetic

    def cell(who, month_id, metric, kind=""):
        return cells.get((who, month_id, metric, kind), MISSING)

    # The months whose file has anything for England (of what was fetched: every cell of the latest month,
    # the rate for the others, which England always has when its figures are in the file).
    england_months = {
        month_id for (who, month_id, _, _) in cells if who == ("subject" if provider is None else "england")
    }

    def england(month_id, metric, kind=""):
        if provider is None:
            return None
        if month_id not in england_months:
            return NOT_IN_FILE_VALUE
        return cell("england", month_id, metric, kind)

    figures = Figures(provider=provider, latest_month=latest, is_synthetic=is_synthetic)
    figures.later_months = [month for month in months if month.start > latest.start]

    now = latest.pk
    chemical = Sum(
        tuple(
            (code, intervention_type_name(code), cell("subject", now, Metric.INTERVENTIONS, code))
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
            cell("subject", now, Metric.PEOPLE),
            england(now, Metric.PEOPLE),
        ),
        Headline(
            "interventions",
            "Uses of restraint (restrictive interventions)",
            cell("subject", now, Metric.INTERVENTIONS),
            england(now, Metric.INTERVENTIONS),
        ),
        Headline(
            "prone",
            "Prone (face-down) restraint",
            cell("subject", now, Metric.INTERVENTIONS, PRONE),
            england(now, Metric.INTERVENTIONS, PRONE),
        ),
        Headline("chemical", "Chemical restraint (medicine to sedate)", chemical, england_chemical),
        Headline(
            "rate",
            "Uses of restraint for every 1,000 nights spent on the wards",
            cell("subject", now, Metric.RATE_PER_1000_BED_DAYS),
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
        value = cell("subject", month.pk, Metric.RATE_PER_1000_BED_DAYS)
        if provider is None and month.pk not in england_months:
            value = NOT_IN_FILE_VALUE  # England's own page: a month whose file left England out
        figures.trend.append(TrendPoint(start, value, england(month.pk, Metric.RATE_PER_1000_BED_DAYS)))

    codes = list(INTERVENTION_TYPES)
    stored = {kind for (_, month_id, metric, kind) in cells if month_id == now and metric == Metric.INTERVENTIONS}
    codes += sorted(code for code in stored if code and code not in INTERVENTION_TYPES)
    figures.breakdown = [
        TypeRow(
            code,
            intervention_type_name(code),
            cell("subject", now, Metric.INTERVENTIONS, code),
            england(now, Metric.INTERVENTIONS, code),
        )
        for code in codes
    ]
    return figures


# CSV -----------------------------------------------------------------------------------------------------

INVENTED_NOTE = "INVENTED for the demonstration: not NHS England's figures"


def _csv(header, rows, invented=False):
    """The CSV text; when the figures are invented, every row's note (the last column) says so."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([guard_formula(str(cell)) for cell in header])
    for row in rows:
        if invented:
            row = [*row[:-1], "; ".join(filter(None, [INVENTED_NOTE, row[-1]]))]
        writer.writerow([guard_formula(str(cell)) for cell in row])
    return out.getvalue()


def _subject_label(figures):
    if figures.provider is None:
        return "England"
    return f"{figures.provider.display_name} ({figures.provider.ods_code})"


def _note(*values):
    notes = []
    for who, value in values:
        if value is None:
            continue
        if value.not_in_file:
            notes.append(f"{who}{NOT_IN_FILE}")
        elif isinstance(value, Sum):
            if value.is_missing:
                notes.append(f"{who}{NO_DATA}")
            elif value.suppressed_count:
                notes.append(f"{who}[c] parts hidden to protect privacy (1–4 each), not added")
        elif value.suppressed:
            notes.append(f"{who}[c] hidden to protect privacy (1–4 for a count)")
        elif value.is_missing:
            notes.append(f"{who}{NO_DATA}")
    return "; ".join(notes)


def csv_files(figures):
    """{slug: (file name, CSV text)} for the latest month, the trend and the breakdown by type."""
    if figures.latest_month is None:
        return {}
    # Invented figures say so in each file's name as well as in its notes.
    prefix = figures.file_prefix + ("-invented" if figures.is_synthetic else "")
    subject = _subject_label(figures)
    latest = f"{figures.latest_month.start:%Y-%m}"
    status = figures.status_label
    with_england = not figures.is_england
    subject_who = "" if figures.is_england else "Provider: "

    header = ["month", "status", "measure", subject]
    if with_england:
        header.append("England")
    header.append("note")
    rows = []
    for headline in figures.headlines:
        row = [latest, status, headline.label, headline.value.csv]
        if with_england:
            row.append(headline.england.csv)
        row.append(_note((subject_who, headline.value), ("England: ", headline.england)))
        rows.append(row)
    files = {"latest": (f"{prefix}-restraint-latest-month.csv", _csv(header, rows, figures.is_synthetic))}

    header = ["month", f"{subject}: restrictive interventions per 1,000 occupied bed days"]
    if with_england:
        header.append("England: restrictive interventions per 1,000 occupied bed days")
    header.append("note")
    rows = []
    for point in figures.trend:
        row = [f"{point.month:%Y-%m}", point.value.csv]
        if with_england:
            row.append(point.england.csv)
        note = point.note
        if point.month == METHODOLOGY_CHANGE and figures.trend_crosses_methodology_change:
            note = "; ".join(filter(None, [note, "recording changed this month (MHSDS version 5)"]))
        row.append(note)
        rows.append(row)
    files["trend"] = (f"{prefix}-restraint-rate-trend.csv", _csv(header, rows, figures.is_synthetic))

    header = ["month", "type code", "type", f"{subject}: restrictive interventions"]
    if with_england:
        header.append("England: restrictive interventions")
    header.append("note")
    rows = []
    for type_row in figures.breakdown:
        row = [latest, type_row.code, type_row.name, type_row.value.csv]
        if with_england:
            row.append(type_row.england.csv)
        row.append(_note((subject_who, type_row.value), ("England: ", type_row.england)))
        rows.append(row)
    files["breakdown"] = (f"{prefix}-restraint-by-type.csv", _csv(header, rows, figures.is_synthetic))
    return files
