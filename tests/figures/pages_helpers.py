"""A site with the 'Restraint in your area' section and a few providers' figures, for the section's tests."""

import calendar
import io

from campaigns.figures.importer import import_figures
from campaigns.figures.models import Provider, ProviderPlace
from campaigns.figures.pages import RestraintFiguresPage
from tests.conftest import build_site
from tests.figures.data_helpers import HEADER
from tests.figures.ods_helpers import import_ods, ods_row

TRUST = ("RX1", "NORTHSHIRE MENTAL HEALTH NHS TRUST")
INDEPENDENT = ("NQ7", "ST BRIDE'S HOSPITALS LIMITED")
INVENTED = ("Z0001", "ASHWORTH VALE MENTAL HEALTH NHS FOUNDATION TRUST (FICTIONAL)")
PLACES = {"RX1": ["Northshire", "Kelby-on-Sea"], "NQ7": ["Marrowfield"], "Z0001": ["Ashworth", "Kelby"]}
# The ODS file each helper provider is in, which says what it is (its code never does).
ODS_FILES = {"RX1": "etr.csv", "Z0001": "etr.csv", "NQ7": "ephp.csv", "Z9001": "ephp.csv"}
METRICS = ["MHS76", "MHS77", "MHS96", "MHS97", "MHS136", "MHS137"]
TYPES = ["01", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17"]


def month_starts(count, last=(2025, 3)):
    year, month = last
    starts = []
    for _ in range(count):
        starts.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(starts))


def figures_file(orgs, months=1, types=1, last=(2025, 3)):
    """A file in today's layout: England and each provider, every metric, `types` intervention types."""
    rows = []
    for year, month in month_starts(months, last):
        end = calendar.monthrange(year, month)[1]
        period = f"{year}-{month:02d}-01,{year}-{month:02d}-{end},Performance"
        for breakdown, code, name in [("England", "England", "England")] + [("Provider", *org) for org in orgs]:
            for number, metric in enumerate(METRICS):
                value = "*" if number == 4 and code == "RX1" else str(40 + 5 * number)
                rows.append(f"{period},{breakdown},{code},{name},NONE,NONE{',NONE' * 8},{metric},{value}")
            for kind in TYPES[:types]:
                rows.append(
                    f"{period},{breakdown}; Restrictive Intervention Type,{code},{name},{kind},Type {kind}"
                    f"{',NONE' * 8},MHS77,25"
                )
    return io.BytesIO(("\n".join([HEADER, *rows]) + "\n").encode())


def import_file(orgs, months=1, types=1, is_synthetic=False, name="figures.csv", last=(2025, 3)):
    record = import_figures(figures_file(orgs, months, types, last), name, is_synthetic=is_synthetic)
    for file_name in sorted(set(ODS_FILES.values())):
        rows = [ods_row(code, name) for code, name in orgs if ODS_FILES.get(code) == file_name]
        if rows:
            import_ods(file_name, *rows)
    for provider in Provider.objects.filter(ods_code__in=PLACES, places__isnull=True):
        ProviderPlace.objects.bulk_create(
            ProviderPlace(provider=provider, name=place, sort_order=order)
            for order, place in enumerate(PLACES[provider.ods_code])
        )
    return record


def add_section(campaign, title="Restraint in your area", slug="restraint-in-your-area"):
    section = RestraintFiguresPage(title=title, slug=slug, intro="<p>Find your provider's figures.</p>")
    campaign.add_child(instance=section)
    section.save_revision().publish()
    return section


def build_section(months=1, types=1, orgs=(TRUST, INDEPENDENT), is_synthetic=False):
    site = build_site()
    site.section = add_section(site.campaign)
    if orgs:
        import_file(orgs, months, types, is_synthetic=is_synthetic)
    return site
