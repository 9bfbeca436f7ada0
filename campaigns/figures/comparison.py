"""Every provider's latest figures side by side, and one provider's place among those of its kind.

The figures are the ones a provider's own page shows (display.figures_for), read for every provider at once:
the rate is NHS England's published rate per 1,000 occupied bed days (MHS96), never worked out here; people
restrained (MHS76); prone restraint (MHS77, type 01); chemical restraint (MHS77, types 14 to 17, added up as
display.Sum does, hidden parts never added). Change over the year is the rate against the same month a year
before, when both are published numbers on the same side of the July 2022 recording change.

Each row also says whether editors found the provider's use of force policy published (its policy duty, duties.py):
`Row.policy` is "Published", "Not found" or "Not known", read from the provider's own fields (no query).

`comparison(...)` takes 3 queries however many providers there are: the newest month, the figures, the providers.
`place_among_providers(provider, figures)` takes 1 (its month is already known from the provider's figures).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from .display import CHEMICAL_TYPES, MISSING, PRONE, Sum, Value, add_months
from .metrics import METHODOLOGY_CHANGE, Level, Metric
from .records import NHS_KINDS, DutyStatus, Figure, Month, Provider, ProviderKind
from .wording import format_number, month_name

# ?sort= -> what a column is called in its header.
COLUMNS = {
    "name": "Provider",
    "rate": "Uses of restraint per 1,000 bed days",
    "people": "People restrained",
    "prone": "Prone (face-down) restraint",
    "chemical": "Chemical restraint",
    "change": "Change in the rate over the year",
}
DEFAULT_SORT = "rate"
# ?kind= -> the providers it keeps, and how a sentence names them.
KINDS = {
    "nhs": (NHS_KINDS, "NHS trust", "NHS trusts"),
    "independent": ({ProviderKind.INDEPENDENT}, "independent provider", "independent providers"),
}


@dataclass(frozen=True)
class Change:
    """The rate against the same month a year before: a number, or why there is none, in words."""

    number: Decimal | None = None
    earlier: Value = MISSING
    reason: str = ""

    @property
    def short(self):
        if self.number is None:
            return self.reason
        if self.number == 0:
            return f"no change (was {self.earlier.short})"
        direction = "up" if self.number > 0 else "down"
        return f"{direction} {format_number(abs(self.number))} (was {self.earlier.short})"


# The "Use of force policy" column (not sorted by: it is not a number): what editors found of the policy duty.
POLICY_WORDS = {DutyStatus.YES: "Published", DutyStatus.NO: "Not found"}
POLICY_NOT_KNOWN = "Not known"


@dataclass
class Row:
    provider: Provider
    rate: Value = MISSING
    people: Value = MISSING
    prone: Value = MISSING
    chemical: Sum = field(default_factory=lambda: Sum(()))
    change: Change = field(default_factory=Change)

    @property
    def policy(self):
        """'Published' (editors found it: `policy_url` links to it), 'Not found' (looked on `policy_checked`, not
        found) or 'Not known' (not checked yet)."""
        return POLICY_WORDS.get(self.provider.policy_status, POLICY_NOT_KNOWN)

    @property
    def policy_url(self):
        return self.provider.use_of_force_policy_url

    @property
    def policy_checked(self):
        return self.provider.policy_checked


def change_over_year(latest, earlier, month, year_before):
    if earlier.is_missing:
        return Change(earlier=earlier, reason=f"no data for {month_name(year_before)}")
    if latest.suppressed or earlier.suppressed:
        return Change(earlier=earlier, reason="not comparable: a rate is hidden [c]")
    if latest.is_missing:
        return Change(earlier=earlier, reason="no data")
    if year_before < METHODOLOGY_CHANGE <= month:
        return Change(earlier=earlier, reason="not comparable: recording changed in July 2022")
    return Change(number=latest.number - earlier.number, earlier=earlier)


def sort_key(row, column):
    """(group, number): numbers first, then hidden [c], then missing; the group is never reversed."""
    value = getattr(row, column)
    if isinstance(value, Change):
        return (0, value.number) if value.number is not None else (2, None)
    if isinstance(value, Sum):
        if value.known is not None:
            return (0, value.known)  # what is known; any hidden part is shown beside it ("25 + [c]")
        return (2, None) if value.is_missing else (1, None)
    if value.is_number:
        return (0, value.number)
    return (1, None) if value.suppressed else (2, None)


def sort_rows(rows, column, descending):
    rows = sorted(rows, key=lambda row: row.provider.display_name.lower())
    if column == "name":
        return list(reversed(rows)) if descending else rows
    numbered = [row for row in rows if sort_key(row, column)[0] == 0]
    numbered.sort(key=lambda row: sort_key(row, column)[1], reverse=descending)  # stable: ties stay A to Z
    rest = sorted((row for row in rows if sort_key(row, column)[0] > 0), key=lambda row: sort_key(row, column)[0])
    return numbered + rest


@dataclass
class Comparison:
    month: Month | None = None
    year_before: object = None
    rows: list = field(default_factory=list)  # every provider with figures in the month, A to Z
    is_synthetic: bool = False

    @property
    def regions(self):
        """The regions the month's providers are in, by name."""
        regions = {row.provider.region.code: row.provider.region for row in self.rows if row.provider.region}
        return sorted(regions.values(), key=lambda item: item.display_name)

    def shown(self, sort=DEFAULT_SORT, descending=True, region=None, kind=None):
        """The rows in `region` (a code) and of `kind` (a KINDS key), sorted by a COLUMNS key."""
        rows = self.rows
        if region:
            rows = [row for row in rows if row.provider.region and row.provider.region.code == region]
        if kind:
            rows = [row for row in rows if row.provider.kind in KINDS[kind][0]]
        return sort_rows(rows, sort, descending)


def latest_rows():
    """The newest month with provider figures, its month a year before, a Row for every provider with figures in
    it, and whether anything is invented: 3 queries."""
    month = Month.objects.filter(figures__level=Level.PROVIDER).order_by("-start").first()
    if month is None:
        return None, None, [], False
    year_before = add_months(month.start, -12)
    wanted = Q(metric__in=[Metric.PEOPLE, Metric.RATE_PER_1000_BED_DAYS], intervention_type="")
    wanted |= Q(metric=Metric.INTERVENTIONS, intervention_type__in=[PRONE, *CHEMICAL_TYPES])
    cells = {}
    synthetic = False
    rows = Figure.objects.filter(
        Q(month=month, level=Level.PROVIDER) & wanted
        | Q(
            month__start=year_before,
            level=Level.PROVIDER,
            metric=Metric.RATE_PER_1000_BED_DAYS,
            intervention_type="",
        )
    ).values_list("month_id", "provider_id", "metric", "intervention_type", "value", "suppressed", "is_synthetic")
    for month_id, provider_id, metric, kind, value, suppressed, is_synthetic in rows:
        when = "now" if month_id == month.pk else "before"
        cells[(provider_id, when, metric, kind)] = Value(number=value, suppressed=suppressed)
        synthetic = synthetic or (is_synthetic and when == "now")
    ids = {provider_id for (provider_id, when, _, _) in cells if when == "now"}
    providers = Provider.objects.filter(pk__in=ids).select_related("region")
    out = []
    for provider in providers:

        def cell(metric, kind="", when="now", pk=provider.pk):
            return cells.get((pk, when, metric, kind), MISSING)

        rate = cell(Metric.RATE_PER_1000_BED_DAYS)
        earlier = cell(Metric.RATE_PER_1000_BED_DAYS, when="before")
        out.append(
            Row(
                provider=provider,
                rate=rate,
                people=cell(Metric.PEOPLE),
                prone=cell(Metric.INTERVENTIONS, PRONE),
                chemical=Sum(tuple((code, "", cell(Metric.INTERVENTIONS, code)) for code in CHEMICAL_TYPES)),
                change=change_over_year(rate, earlier, month.start, year_before),
            )
        )
    return month, year_before, out, synthetic or any(row.provider.is_synthetic for row in out)


def comparison():
    """Every provider with figures in the newest month (3 queries); Comparison.shown() filters and sorts them."""
    month, year_before, rows, synthetic = latest_rows()
    return Comparison(month=month, year_before=year_before, rows=rows, is_synthetic=synthetic)


def kind_of(provider):
    """The KINDS key a provider falls under, or None when no ODS file has said what it is."""
    return next((key for key, (kinds, _, _) in KINDS.items() if provider.kind in kinds), None)


def ordinal(number):
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


@dataclass
class Place:
    sentence: str
    kind: str  # the KINDS key, for the link to the table filtered to them
    many: str  # "NHS trusts"


def place_among_providers(provider, figures):
    """Where the provider's rate falls among providers of its kind in its latest month, in one sentence (no query:
    figures_for read every provider's latest rate).

    None when it has no figures or no known kind. Hidden ([c]) and missing rates take no place."""
    key = kind_of(provider)
    month = figures.latest_month
    if key is None or month is None:
        return None
    kinds, one, many = KINDS[key]
    numbers = {
        provider_id: value for provider_id, kind, value in figures.latest_rates if kind in kinds and value is not None
    }
    when = month_name(month.start)
    own = numbers.get(provider.pk)
    count = len(numbers)
    if own is None:
        return Place(
            f"Its rate for {when} was hidden or not reported, so it has no place among the {count} "
            f"{many if count != 1 else one} with a rate for that month.",
            key,
            many,
        )
    if count == 1:
        return Place(f"It was the only {one} with a rate for {when}.", key, many)
    higher = sum(1 for value in numbers.values() if value > own)
    tied = sum(1 for value in numbers.values() if value == own) > 1
    joint = "joint " if tied else ""
    if higher == 0:
        where = f"the {joint}highest"
    elif all(value >= own for value in numbers.values()):
        where = f"the {joint}lowest"
    else:
        where = f"the {joint}{ordinal(higher + 1)} highest"
    return Place(f"Its rate was {where} of {count} {many} with a rate for {when}.", key, many)
