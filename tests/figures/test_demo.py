"""`make run`'s demo content includes the invented restraint figures, and their providers from ODS-shaped files."""

from io import StringIO

import pytest
from django.core.management import call_command

from campaigns.figures.finder import find_providers
from campaigns.figures.metrics import Status
from campaigns.figures.models import Figure, FigureImport, Month, Provider, ProviderKind, ProviderPlace, ProviderSite
from tests.figures.data_helpers import snapshot

pytestmark = pytest.mark.django_db


def load():
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def places():
    return sorted(ProviderPlace.objects.values_list("provider__ods_code", "name", "sort_order"))


def test_the_demo_figures_are_invented_and_say_so():
    output = load()

    assert "invented restraint figures imported from mhsds-restrictive-interventions-sample.csv" in output
    assert FigureImport.objects.count() == 2
    assert not FigureImport.objects.filter(is_synthetic=False).exists()
    assert Figure.objects.count() > 6000
    assert not Figure.objects.filter(is_synthetic=False).exists()
    assert not Provider.objects.filter(is_synthetic=False).exists()
    assert Provider.objects.count() == 11
    # Both layouts: twelve months, April and May 2024 from the older file's Final figures.
    assert Month.objects.count() == 12
    assert set(Month.objects.filter(status=Status.FINAL).values_list("start__month", flat=True)) == {4, 5}


def sites():
    return sorted(ProviderSite.objects.values_list("provider__ods_code", "code", "name", "town", "postcode"))


def test_the_invented_providers_come_from_ods_shaped_files_with_their_sites():
    output = load()

    assert "invented providers' NHS trusts imported from etr.csv (10 providers, 0 sites changed)" in output
    assert "invented providers' NHS trust sites imported from ets.csv (0 providers, 26 sites changed)" in output
    kinds = dict(Provider.objects.values_list("ods_code", "kind"))
    assert kinds.pop("Z9001") == ProviderKind.INDEPENDENT
    assert set(kinds.values()) == {ProviderKind.NHS_TRUST}
    greystone = Provider.objects.get(ods_code="Z0007")
    assert (greystone.display_name, greystone.town, greystone.postcode) == (
        "Greystone City Mental Health NHS Trust (Fictional)",
        "Greystone",
        "ZZ99 7AA",
    )
    assert [site.town for site in greystone.sites.all()] == ["Greystone"]
    assert [site.town for site in Provider.objects.get(ods_code="Z0008").sites.order_by("code")] == [
        "Halloway",
        "St Bride's",
        "Quenby",
    ]
    assert ProviderSite.objects.count() == 27
    assert not ProviderPlace.objects.exists()  # places are for editors; the towns come from the sites


def test_the_finder_knows_the_invented_providers_by_their_sites_towns():
    load()
    [match] = find_providers("st brides")
    assert match.provider.ods_code == "Z0008" and match.towns == ["St Bride's"]
    assert [match.provider.ods_code for match in find_providers("wychbury")] == ["Z9001"]


def test_loading_again_changes_nothing_and_keeps_an_editors_places():
    load()
    ProviderPlace.objects.create(provider=Provider.objects.get(ods_code="Z0001"), name="Upper Kelby", sort_order=9)
    before = (snapshot(), places(), sites(), list(Provider.objects.values_list("ods_code", "kind", "ods_name")))

    output = load()

    assert "nothing changed" in output
    assert (snapshot(), places(), sites(), list(Provider.objects.values_list("ods_code", "kind", "ods_name"))) == before
