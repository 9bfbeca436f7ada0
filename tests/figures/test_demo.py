"""`make run`'s demo content includes the invented restraint figures, their providers and places, loaded once."""

from io import StringIO

import pytest
from django.core.management import call_command

from campaigns.figures.metrics import Status
from campaigns.figures.models import Figure, FigureImport, Month, Provider, ProviderPlace
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


def test_each_invented_provider_has_its_invented_places():
    load()

    greystone = Provider.objects.get(ods_code="Z0007")
    assert [place.name for place in greystone.places.all()] == ["Greystone"]
    assert [place.name for place in Provider.objects.get(ods_code="Z0008").places.all()] == [
        "Halloway",
        "St Bride's",
        "Quenby",
    ]
    assert ProviderPlace.objects.count() == 27


def test_loading_again_changes_nothing_and_keeps_an_editors_places():
    load()
    ProviderPlace.objects.filter(provider__ods_code="Z0007").delete()
    ProviderPlace.objects.create(provider=Provider.objects.get(ods_code="Z0001"), name="Upper Kelby", sort_order=9)
    before = (snapshot(), places())

    output = load()

    assert "nothing changed" in output
    assert (snapshot(), places()) == before
