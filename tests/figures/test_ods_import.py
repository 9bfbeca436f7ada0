"""`manage.py import_ods_providers`: who a provider is, from NHS England's ODS downloads as published."""

import datetime

import pytest
from django.core.management import CommandError

from campaigns.figures.importer import import_figures
from campaigns.figures.models import Provider, ProviderKind, ProviderSite, Region, title_case
from campaigns.figures.ods import OdsFileError
from tests.figures.ods_helpers import (
    DEVON,
    NORTH_LONDON,
    command,
    import_ods,
    known,
    ods_bytes,
    ods_row,
    succ_row,
    zipped,
)
from tests.figures.pages_helpers import figures_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def providers(db):
    return known(
        ("RWV", "DEVON PARTNERSHIP NHS TRUST"),
        ("G6V2S", "NORTH LONDON NHS FOUNDATION TRUST"),
        ("TAF", "CAMDEN AND ISLINGTON NHS FOUNDATION TRUST"),
        ("NQ7", "ST. ANDREW'S HEALTHCARE"),
    )


def stored():
    providers = Provider.objects.order_by("ods_code").values_list(
        "ods_code", "kind", "ods_name", "address", "town", "postcode", "opened", "closed", "successor_code"
    )
    sites = ProviderSite.objects.order_by("code").values_list(
        "code", "provider__ods_code", "name", "town", "postcode", "opened", "closed"
    )
    return list(providers), list(sites)


@pytest.mark.parametrize(
    "published, readable",
    [
        ("DEVON PARTNERSHIP NHS TRUST", "Devon Partnership NHS Trust"),
        ("NORTH LONDON NHS FOUNDATION TRUST", "North London NHS Foundation Trust"),
        ("CAMDEN AND ISLINGTON NHS FOUNDATION TRUST", "Camden and Islington NHS Foundation Trust"),
        (
            "BARNET, ENFIELD AND HARINGEY MENTAL HEALTH NHS TRUST",
            "Barnet, Enfield and Haringey Mental Health NHS Trust",
        ),
        ("TEES, ESK AND WEAR VALLEYS NHS FOUNDATION TRUST", "Tees, Esk and Wear Valleys NHS Foundation Trust"),
        ("ST. ANDREW'S HEALTHCARE", "St. Andrew's Healthcare"),
        ("THE PRIORY HOSPITAL OF THE UK LLP", "The Priory Hospital of the UK LLP"),
        ("2GETHER NHS FOUNDATION TRUST", "2gether NHS Foundation Trust"),
        ("ELYSIUM HEALTHCARE (NO.2) LIMITED", "Elysium Healthcare (No.2) Limited"),
        (
            "SOUTH WEST YORKSHIRE PARTNERSHIP NHS FOUNDATION TRUST",
            "South West Yorkshire Partnership NHS Foundation Trust",
        ),
        # Towns and addresses in ODS's real files (tests/figures/test_real_excerpts.py).
        ("STOKE-ON-TRENT", "Stoke-on-Trent"),
        ("NEWCASTLE-UNDER-LYME", "Newcastle-under-Lyme"),
        ("WESTON-SUPER-MARE", "Weston-super-Mare"),
        ("ST. LEONARDS-ON-SEA", "St. Leonards-on-Sea"),
        ("KINGSTON UPON THAMES", "Kingston upon Thames"),
        ("THE RESOURCE, TRUST HQ", "The Resource, Trust HQ"),
        ("ROYAL DEVON UNIVERSITY NHS FT", "Royal Devon University NHS FT"),
        ("4-6 NUFFIELD ROAD", "4-6 Nuffield Road"),
    ],
)
def test_published_names_read_in_readable_case(published, readable):
    assert title_case(published) == readable


def test_the_command_takes_etr_as_published_zipped_and_in_windows_1252(tmp_path, providers):
    # A curly apostrophe is byte 0x92 in Windows-1252: the file is not UTF-8.
    quirky = ods_row("TAF", "CAMDEN AND ISLINGTON NHS FOUNDATION TRUST", "LONDON", "NW1 0PE", "20020401", "20241031")
    path = tmp_path / "etr.zip"
    path.write_bytes(
        zipped(
            "etr.csv",
            ods_bytes(DEVON, NORTH_LONDON, quirky, ods_row("RXX", "OTHER’S NHS TRUST")).decode().encode("cp1252"),
        )
    )

    output = command(path)

    assert "etr.zip: NHS trusts (etr), 4 rows read, 3 for providers the site has figures for, 1 others" in output
    assert "Read etr.csv as Windows-1252." in output
    assert "Providers updated: G6V2S, RWV, TAF." in output
    devon = Provider.objects.get(ods_code="RWV")
    assert devon.kind == ProviderKind.NHS_TRUST and devon.is_nhs_trust
    assert devon.display_name == "Devon Partnership NHS Trust"
    assert (devon.town, devon.postcode, devon.opened, devon.closed) == (
        "Exeter",
        "EX2 5AF",
        datetime.date(2001, 4, 1),
        None,
    )
    assert devon.address == "Wonford House Hospital, Dryden Road, Exeter"
    north_london = Provider.objects.get(ods_code="G6V2S")
    assert north_london.is_nhs_trust and north_london.opened == datetime.date(2024, 11, 1)
    assert north_london.town == "London"
    assert Provider.objects.get(ods_code="TAF").closed == datetime.date(2024, 10, 31)
    # ODS lists organisations the figures never name: the site does not add them.
    assert not Provider.objects.filter(ods_code="RXX").exists()


def test_what_a_provider_is_comes_from_the_file_never_from_its_code(providers):
    # G6V2S and TAF are NHS trusts whatever their first letter; an R code in ephp is independent.
    known(("RZZ", "AN INDEPENDENT HOSPITAL LIMITED"))
    import_ods("etr.csv", NORTH_LONDON, ods_row("TAF", "CAMDEN AND ISLINGTON NHS FOUNDATION TRUST"))
    import_ods("ephp.csv", ods_row("RZZ", "AN INDEPENDENT HOSPITAL LIMITED"), ods_row("NQ7", "ST. ANDREW'S HEALTHCARE"))

    kinds = dict(Provider.objects.values_list("ods_code", "kind"))
    assert kinds == {
        "G6V2S": ProviderKind.NHS_TRUST,
        "TAF": ProviderKind.NHS_TRUST,
        "RZZ": ProviderKind.INDEPENDENT,
        "NQ7": ProviderKind.INDEPENDENT,
        "RWV": "",  # no ODS file has it yet: nothing is said about it
    }
    devon = Provider.objects.get(ods_code="RWV")
    assert not devon.is_nhs_trust and not devon.is_independent
    assert Provider.objects.get(ods_code="RZZ").is_independent


def test_a_provider_without_a_region_gets_the_region_of_its_national_grouping(providers):
    # The figures files name the regions (Y56 London, Y58 South West); ODS's column 3 is the same code.
    london = Region.objects.create(code="Y56", name="LONDON COMMISSIONING REGION")
    south_west = Region.objects.create(code="Y58", name="SOUTH WEST COMMISSIONING REGION")
    Provider.objects.filter(ods_code="TAF").update(region=south_west)  # an editor's choice
    import_ods(
        "etr.csv",
        DEVON,
        NORTH_LONDON,
        ods_row("TAF", "CAMDEN AND ISLINGTON NHS FOUNDATION TRUST"),  # Y56 in ODS
    )
    import_ods("ephp.csv", ods_row("NQ7", "ST. ANDREW'S HEALTHCARE").replace('"Y56"', '"Y60"', 1))

    regions = dict(Provider.objects.values_list("ods_code", "region__code"))
    assert regions == {
        "RWV": "Y58",
        "G6V2S": "Y56",
        "TAF": "Y58",  # kept: ODS fills only an empty region
        "NQ7": None,  # Y60: no figures file has named that region here
    }
    assert london.pk == Provider.objects.get(ods_code="G6V2S").region_id


def test_care_trusts_come_from_ect(providers):
    known(("TAJ", "BLACK COUNTRY HEALTHCARE NHS FOUNDATION TRUST"))
    import_ods("ect.csv", ods_row("TAJ", "BLACK COUNTRY HEALTHCARE NHS FOUNDATION TRUST"))
    taj = Provider.objects.get(ods_code="TAJ")
    assert taj.kind == ProviderKind.CARE_TRUST and taj.is_nhs_trust


def test_sites_attach_to_their_provider_by_the_parent_code_and_update_in_place(tmp_path, providers):
    path = tmp_path / "ets.csv"
    path.write_bytes(
        ods_bytes(
            ods_row("RWV01", "WONFORD HOUSE HOSPITAL", "EXETER", "EX2 5AF", parent="RWV"),
            ods_row("RWV02", "LANGDON HOSPITAL", "DAWLISH", "EX7 0NR", parent="RWV"),
            ods_row("RA901", "SOMEONE ELSE'S SITE", "TORQUAY", parent="RA9"),
        )
    )
    output = command(path)
    assert "Sites added: 2; updated: 0." in output
    assert [(site.code, site.display_name, site.town) for site in Provider.objects.get(ods_code="RWV").sites.all()] == [
        ("RWV02", "Langdon Hospital", "Dawlish"),
        ("RWV01", "Wonford House Hospital", "Exeter"),
    ]

    # Next month's file: a site closed, one moved to another trust after a merger.
    path.write_bytes(
        ods_bytes(
            ods_row("RWV01", "WONFORD HOUSE HOSPITAL", "EXETER", "EX2 5AF", parent="RWV", closed="20250331"),
            ods_row("RWV02", "LANGDON HOSPITAL", "DAWLISH", "EX7 0NR", parent="G6V2S"),
        )
    )
    output = command(path)
    assert "Sites added: 0; updated: 2." in output
    assert ProviderSite.objects.count() == 2
    assert ProviderSite.objects.get(code="RWV01").closed == datetime.date(2025, 3, 31)
    assert ProviderSite.objects.get(code="RWV02").provider.ods_code == "G6V2S"


def test_successions_are_stored_the_latest_for_each_organisation(tmp_path, providers):
    path = tmp_path / "succ.csv"
    path.write_bytes(
        ods_bytes(
            succ_row("TAF", "TAFXX", "20200401"),
            succ_row("TAF", "G6V2S", "20241101"),
            succ_row("RA1", "RA2", "20200401"),
        )
    )
    output = command(path)
    assert "successor organisations (succ), 3 rows read, 2 for providers" in output
    camden = Provider.objects.get(ods_code="TAF")
    assert (camden.successor_code, camden.succeeded_on) == ("G6V2S", datetime.date(2024, 11, 1))


def test_the_same_files_twice_change_nothing(tmp_path, providers):
    files = {
        "etr.csv": ods_bytes(DEVON, NORTH_LONDON),
        "ets.csv": ods_bytes(ods_row("RWV01", "WONFORD HOUSE HOSPITAL", "EXETER", parent="RWV")),
        "succ.csv": ods_bytes(succ_row("TAF", "G6V2S", "20241101")),
    }
    paths = []
    for name, data in files.items():
        paths.append(tmp_path / name)
        paths[-1].write_bytes(data)
    command(*reversed(paths))  # given in any order: organisations, then sites, then successions
    before = stored()

    output = command(*paths)

    assert stored() == before
    assert "Providers updated: none." in output
    assert "Sites added: 0; updated: 0." in output
    assert "Already up to date: 2." in output


def test_a_new_name_is_taken_in_place(providers):
    import_ods("etr.csv", DEVON)
    import_ods("etr.csv", DEVON.replace("DEVON PARTNERSHIP NHS TRUST", "DEVON PARTNERSHIP NHS FOUNDATION TRUST"))
    devon = Provider.objects.get(ods_code="RWV")
    assert devon.display_name == "Devon Partnership NHS Foundation Trust"
    assert Provider.objects.filter(ods_code="RWV").count() == 1


@pytest.mark.parametrize(
    "name, lines, message",
    [
        (
            "etr.csv",
            ["REPORTING_PERIOD_START,REPORTING_PERIOD_END,STATUS,BREAKDOWN,LEVEL_ONE,METRIC,METRIC_VALUE"],
            "etr.csv: Line 1: the line has 7 columns; an ODS etr file (NHS trusts) has 27 columns. Is this the "
            "right file?",
        ),
        (
            "etr.csv",
            ['"Organisation Code","Name"' + ',""' * 25],
            "etr.csv: Line 1, column 1 (organisation code): 'Organisation Code' is not an ODS code (3 to 10 capital "
            "letters and digits). The first line looks like a header: ODS files have none.",
        ),
        (
            "etr.csv",
            [DEVON, DEVON.replace('"20010401"', '"01/04/2001"')],
            "etr.csv: Line 2, column 11 (open date): '01/04/2001' is not a date as ODS writes them (YYYYMMDD",
        ),
        (
            "succ.csv",
            [DEVON],
            "succ.csv: Line 1: the line has 27 columns; an ODS succ file (successor organisations) has 4 or 5 columns",
        ),
        (
            "ets.csv",
            [ods_row("RWV01", "A SITE", parent="RWV"), '"RWV02","A SITE"'],
            "ets.csv: Line 2: the line has 2 columns",
        ),
    ],
)
def test_a_file_that_is_not_an_ods_file_of_its_kind_is_refused_and_changes_nothing(
    tmp_path, providers, name, lines, message
):
    path = tmp_path / name
    path.write_bytes(ods_bytes(*lines))
    before = stored()

    with pytest.raises(CommandError) as error:
        command(path)

    assert str(error.value).startswith(message), str(error.value)
    assert str(error.value).endswith("Nothing was imported from it.")
    assert stored() == before  # the good first line was not kept either


def test_a_zip_says_which_csv_was_at_fault(tmp_path, providers):
    path = tmp_path / "etr.zip"
    path.write_bytes(zipped("etr.csv", ods_bytes(DEVON, '"RWV","SHORT"')))
    with pytest.raises(CommandError, match=r"^etr.zip: In etr.csv, line 2: the line has 2 columns"):
        command(path)


def test_a_file_whose_name_does_not_say_its_kind_needs_kind(tmp_path, providers):
    path = tmp_path / "download.csv"
    path.write_bytes(ods_bytes(DEVON))
    with pytest.raises(CommandError, match=r"download.csv: the name does not say which ODS file it is .* --kind"):
        command(path)
    assert Provider.objects.get(ods_code="RWV").kind == ""

    command(path, "--kind", "etr")
    assert Provider.objects.get(ods_code="RWV").kind == ProviderKind.NHS_TRUST


def test_a_renamed_zip_is_known_by_the_csv_inside(tmp_path, providers):
    path = tmp_path / "download (1).zip"
    path.write_bytes(zipped("ephp.csv", ods_bytes(ods_row("NQ7", "ST. ANDREW'S HEALTHCARE", "NORTHAMPTON"))))
    assert "independent sector healthcare providers (ephp)" in command(path)
    assert Provider.objects.get(ods_code="NQ7").is_independent


def test_an_ods_file_error_names_line_and_column(providers):
    with pytest.raises(OdsFileError) as error:
        import_ods("etr.csv", DEVON, DEVON.replace('"RWV"', '"rwv!"'))
    assert (error.value.line, error.value.column) == (2, 1)


def test_a_newer_name_in_the_figures_is_shown_until_ods_brings_its_own(providers):
    import_ods("etr.csv", DEVON)
    assert Provider.objects.get(ods_code="RWV").display_name == "Devon Partnership NHS Trust"
    renamed = (("RWV", "DEVON AND TORBAY MENTAL HEALTH NHS TRUST"),)
    import_figures(figures_file(renamed, last=(2025, 4)), "april.csv")
    assert Provider.objects.get(ods_code="RWV").display_name == "Devon and Torbay Mental Health NHS Trust"

    import_ods("etr.csv", DEVON.replace("DEVON PARTNERSHIP", "DEVON AND TORBAY PARTNERSHIP"))
    assert Provider.objects.get(ods_code="RWV").display_name == "Devon and Torbay Partnership NHS Trust"
