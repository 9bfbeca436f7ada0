"""The importers on excerpts of real published files, byte for byte (tests/figures/real_excerpts/SOURCES.md).

The ONS Postcode Lookup renamed its columns in 2025 (pcd7, pcd8, usrtypind, east1m, north1m); rows before
that quote every text cell and pad northings to 7 digits. Northern Ireland's postcodes are on the Irish Grid
and are not stored; terminated postcodes are not stored (and are removed if they were).
"""

import io
from pathlib import Path

import pytest

from campaigns.figures.models import PostcodeLocation, PostcodeSource
from campaigns.figures.postcode_locations import import_postcode_locations

pytestmark = pytest.mark.django_db

EXCERPTS = Path(__file__).parent / "real_excerpts"


def import_excerpt(name):
    data = (EXCERPTS / name).read_bytes()
    return import_postcode_locations(io.BytesIO(data), name)


def stored():
    return {row.postcode: (row.eastings, row.northings) for row in PostcodeLocation.objects.all()}


def test_the_excerpts_are_as_copied():
    # The 2021 rows quote every text cell and pad northings; the 2025 quoted rows do not pad; LF line endings.
    old = (EXCERPTS / "nspl_2021.csv").read_bytes()
    assert old.startswith(b"pcd,pcd2,pcds,dointr,doterm,usertype,oseast1m,osnrth1m,")
    assert b'"CA8 7JG","CA8  7JG","CA8 7JG","200006","","0","366033","0564878"' in old
    assert b"\r" not in old
    new = (EXCERPTS / "nspl_2025_quoted.csv").read_bytes()
    assert new.startswith(b"pcd7,pcd8,pcds,dointr,doterm,usrtypind,east1m,north1m,")


@pytest.mark.parametrize("name", ["nspl_2021.csv", "nspl_2025_quoted.csv"])
def test_both_layouts_of_the_postcode_lookup_are_read(name):
    report = import_excerpt(name)
    assert (report.files, report.stored, report.terminated, report.unreadable) == (1, 3, 0, 0)
    assert report.sources == {PostcodeSource.ONSPD}
    locations = stored()
    assert locations["CA8 7JG"] == (366033, 564878)  # "0564878" read as 564878
    assert locations["BR8 7QP"] == (549571, 169349)
    assert set(locations) == {"CA8 7JG", "BR8 7QP", "BR8 7QW"}


def test_terminated_and_northern_irish_postcodes_in_the_2025_layout(db):
    report = import_excerpt("nspl_2025.csv")
    # Live in Great Britain: BB18 6JR, B79 0PJ, BR1 1AA, BA1 0AA. Terminated (doterm set): 9, BT ones too.
    # BT1 1AA is live but on the Irish Grid: no location stored.
    assert (report.stored, report.terminated, report.without_location, report.unreadable) == (4, 9, 1, 0)
    assert stored() == {
        "BB18 6JR": (392053, 447413),
        "B79 0PJ": (429742, 308990),
        "BR1 1AA": (540291, 168873),
        "BA1 0AA": (375350, 164482),
    }


def test_a_postcode_terminated_in_a_later_release_is_removed(db):
    PostcodeLocation.objects.create(
        postcode="AB1 0AA", eastings=385386, northings=801193, source=PostcodeSource.ONSPD, year=1995
    )
    import_excerpt("nspl_2025.csv")
    assert not PostcodeLocation.objects.filter(postcode="AB1 0AA").exists()
