"""Every provider's latest figures in one CSV file: one row per provider, for a spreadsheet.

Each provider's row holds the figures of the newest month it has any in (its own code's: a merger's
predecessors have rows of their own). Four queries however many providers and months are stored.
"""

from django.db.models import Max

from .display import CHEMICAL_TYPES, MISSING, PRONE, Sum, Value, csv_notes, csv_text, marker_cell, number_cell
from .metrics import Level, Metric, intervention_type_name
from .records import Figure, Month, Provider

ALL_PROVIDERS_SLUG = "latest"
MEASURES = [
    # (column, metric, intervention type or the chemical types)
    ("people restrained", Metric.PEOPLE, ""),
    ("uses of restraint", Metric.INTERVENTIONS, ""),
    ("prone restraint", Metric.INTERVENTIONS, PRONE),
    ("chemical restraint", Metric.INTERVENTIONS, CHEMICAL_TYPES),
    ("uses of restraint per 1,000 occupied bed days", Metric.RATE_PER_1000_BED_DAYS, ""),
]
HEADER = [
    "ODS code",
    "name",
    "kind",
    "region",
    "month",
    "status",
    *(cell for column, _, _ in MEASURES for cell in (column, f"{column} marker")),
]


def all_providers_csv():
    """(file name, CSV text) of every provider's latest figures, A to Z by name: four queries."""
    providers = sorted(Provider.objects.select_related("region"), key=lambda provider: provider.display_name.casefold())
    latest = dict(
        Figure.objects.filter(level=Level.PROVIDER)
        .order_by()
        .values("code")
        .annotate(latest=Max("month__start"))
        .values_list("code", "latest")
    )
    months = {month.start: month for month in Month.objects.filter(start__in=set(latest.values()))}
    rows = Figure.objects.filter(
        level=Level.PROVIDER,
        metric__in=[metric for _, metric, _ in MEASURES],
        month__start__in=set(latest.values()),
    ).values_list("code", "month__start", "metric", "intervention_type", "value", "suppressed", "is_synthetic")
    cells = {}
    invented = any(provider.is_synthetic for provider in providers)
    for code, start, metric, kind, value, suppressed, synthetic in rows:
        if latest.get(code) == start:
            cells[(code, metric, kind)] = Value(number=value, suppressed=suppressed)
            invented = invented or synthetic

    table = []
    for provider in providers:
        start = latest.get(provider.ods_code)
        month = months.get(start)
        row = [
            provider.ods_code,
            provider.display_name,
            provider.get_kind_display() if provider.kind else "",
            provider.region.display_name if provider.region else "",
            f"{start:%Y-%m}" if start else "",
            month.get_status_display() if month else "",
        ]
        for _, metric, kind in MEASURES:
            if isinstance(kind, list):
                value = Sum(
                    tuple(
                        (code, intervention_type_name(code), cells.get((provider.ods_code, metric, code), MISSING))
                        for code in kind
                    )
                )
            else:
                value = cells.get((provider.ods_code, metric, kind), MISSING)
            row += [number_cell(value), marker_cell(value)]
        table.append(row)

    notes = csv_notes(
        "Every provider's latest restraint figures: one row per provider, from the newest month it has figures in",
        invented,
        [
            "month = the month of the provider's figures: most providers' latest is the newest month published; "
            "an older one means later files have none for it (a closed or merged provider, or none submitted).",
            "kind = from NHS England's Organisation Data Service: empty when no ODS file has the provider yet.",
            "England's figures are in the England page's downloads; they are not a row here, so the columns add up "
            "to the providers' total.",
        ],
    )
    name = "all-providers" + ("-invented" if invented else "") + "-restraint-latest.csv"
    return name, csv_text(notes, HEADER, table)
