"""'Restraint in your area': the finder, the A–Z list, England's page and a provider's page, as readers get them."""

import csv
import io
from html import unescape

import pytest
from django.core.management import call_command

from campaigns.figures import display
from campaigns.figures.models import Provider
from tests.figures.ods_helpers import import_ods, ods_row
from tests.figures.pages_helpers import INDEPENDENT, INVENTED, TRUST, build_section, import_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(db):
    return build_section()


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, f"GET {url} -> {response.status_code}"
    return response


def text(response):
    return unescape(response.content.decode())


def test_the_finder_is_a_plain_form_at_the_sections_address(client, section):
    html = text(get(client, section.section.url))
    assert '<form class="search-form provider-finder" role="search"' in html
    assert 'method="get"' in html and 'name="q"' in html
    assert "Every provider from A to Z" in html
    assert "js/provider-finder.js" in html


@pytest.mark.parametrize(
    "typed",
    ["Kelby-on-Sea", "kelby on sea", "  KELBYONSEA ", "northshire", "North Shire Mental", "rx1", "R X 1", "Kélby"],
)
def test_the_finder_finds_by_place_name_or_code_whatever_the_case_or_spaces(client, section, typed):
    html = text(get(client, section.section.url + "?q=" + typed))
    assert "Northshire Mental Health NHS Trust" in html
    assert f'href="{section.section.url}RX1/"' in html
    assert "1 provider found" in html


def test_a_place_finds_every_provider_that_serves_it_and_says_why(client, section):
    html = text(get(client, section.section.url + "?q=marrowfield"))
    assert "St Bride's Hospitals Limited" in html
    assert "Serves Marrowfield." in html
    assert "Independent provider, ODS code NQ7" in html
    assert "Northshire" not in html


def test_nothing_found_says_so_kindly_and_points_at_the_list(client, section):
    html = text(get(client, section.section.url + "?q=Atlantis"))
    assert "No providers found for ‘Atlantis’" in html
    assert "That is not your fault" in html
    assert f'href="{section.section.url}providers/"' in html


def test_the_results_alone_come_from_find_for_the_script(client, section):
    response = get(client, section.section.url + "find/?q=kelby")
    assert response["X-Robots-Tag"] == "noindex"
    html = text(response)
    assert 'id="provider-finder-status"' in html and 'role="status"' in html
    assert "Northshire Mental Health NHS Trust" in html
    assert "<html" not in html


def test_the_a_to_z_list_names_every_provider_by_letter(client, section):
    html = text(get(client, section.section.url + "providers/"))
    assert html.index("Northshire Mental Health NHS Trust") < html.index("St Bride's Hospitals Limited")
    assert 'id="providers-N"' in html and 'id="providers-S"' in html
    assert "The 2 mental health providers" in html
    assert 'aria-label="Breadcrumb"' in html and f'href="{section.section.url}"' in html


def test_a_providers_page_has_its_heading_and_every_part(client, section):
    html = text(get(client, section.section.url + "RX1/"))
    assert "<h1>Northshire Mental Health NHS Trust</h1>" in html
    assert "<dd>RX1</dd>" in html
    assert "NHS trust" in html
    assert "Northshire, Kelby-on-Sea" in html
    # The breadcrumbs lead back to the section.
    assert f'<li class="breadcrumbs__item"><a href="{section.section.url}">Restraint in your area</a></li>' in html
    assert f'<link rel="canonical" href="http://localhost{section.section.url}RX1/">' in html


def test_an_independent_providers_page_says_so(client, section):
    html = text(get(client, section.section.url + "NQ7/"))
    assert "Independent provider (not part of the NHS)" in html


def test_an_ods_code_in_any_case_leads_to_the_providers_page(client, section):
    response = get(client, section.section.url + "rx1/", status=301)
    assert response["Location"] == section.section.url + "RX1/"


@pytest.mark.parametrize("code", ["XX9", "RX1RX1RX1RX1RX1", "R%00X1", "%E2%80%8B", "R-X1"])
def test_an_unknown_provider_is_not_found(client, section, code):
    get(client, section.section.url + code + "/", status=404)


def test_an_unknown_csv_file_is_not_found(client, section):
    get(client, section.section.url + "RX1/no-such-file.csv", status=404)
    get(client, section.section.url + "england/no-such-file.csv", status=404)
    get(client, section.section.url + "XX9/people.csv", status=404)


def test_englands_page_shows_englands_figures(client, section):
    html = text(get(client, section.section.url + "england/"))
    assert "Restraint in mental health services in England" in html
    assert f'href="{section.section.url}"' in html


def test_every_address_the_section_serves_is_in_its_cached_paths(section, client, settings):
    settings.PAGE_CACHE_SECONDS = settings.CDN_CACHE_SECONDS = 300
    paths = section.section.specific.get_cached_paths()
    assert set(paths) == {"/", "/providers/", "/compare/", "/england/", "/RX1/", "/NQ7/"}
    # The CSV files are left out because nothing may keep them: they are sent private.
    for slug in display.csv_files(display.figures_for(None)):
        response = client.get(section.section.url + f"england/{slug}.csv")
        assert response.status_code == 200 and "private" in response["Cache-Control"]


def test_the_section_is_made_under_a_campaign_only(section):
    from campaigns.figures.pages import RestraintFiguresPage
    from campaigns.models import CampaignPage

    assert RestraintFiguresPage in CampaignPage.allowed_subpage_models()
    assert RestraintFiguresPage.allowed_parent_page_models() == [CampaignPage]


# --- the banner -------------------------------------------------------------------------------------------

BANNER = "These figures are made up."


def test_real_figures_carry_no_banner(client, section):
    for path in ["", "?q=kelby", "find/?q=kelby", "providers/", "england/", "RX1/"]:
        assert BANNER not in text(get(client, section.section.url + path)), path


def test_invented_providers_carry_the_banner_wherever_they_are_shown(client):
    site = build_section(orgs=(INVENTED,), is_synthetic=True)
    for path in ["", "?q=ashworth", "providers/", "Z0001/"]:
        assert BANNER in text(get(client, site.section.url + path)), path
    assert "(invented for the demonstration)" in text(get(client, site.section.url + "providers/"))


def test_invented_figures_for_a_real_provider_carry_the_banner_on_the_list(client):
    site = build_section(orgs=(TRUST,), is_synthetic=True)
    Provider.objects.update(is_synthetic=False)
    assert BANNER in text(get(client, site.section.url + "providers/"))


def test_the_banner_goes_when_a_real_import_replaces_every_invented_figure(client):
    site = build_section(orgs=(TRUST,), is_synthetic=True)
    assert BANNER in text(get(client, site.section.url + "RX1/"))
    # NHS England's own file for the same month (its breakdown by type is fuller): it replaces the invented one.
    import_file((TRUST,), months=1, types=2, name="real.csv")
    assert not Provider.objects.get(ods_code="RX1").is_synthetic
    for path in ["", "providers/", "RX1/"]:
        assert BANNER not in text(get(client, site.section.url + path)), path


@pytest.fixture
def real_figures():
    """figures_for() as the figures work delivers it; skipped while the contract's stub stands in."""
    if display.figures_for.__doc__ is None and display.Figures.__dataclass_fields__.keys() == {
        "provider",
        "latest_month",
        "is_synthetic",
    }:
        pytest.skip("campaigns/figures/display.py is still the contract's stub")


def test_englands_page_carries_the_banner_with_invented_figures(client, real_figures):
    site = build_section(orgs=(INVENTED,), is_synthetic=True)
    assert BANNER in text(get(client, site.section.url + "england/"))


# --- demo content -----------------------------------------------------------------------------------------


def test_the_section_is_in_the_menu_of_a_demo_site(client):
    call_command("load_demo_content", verbosity=0)
    html = text(get(client, "/campaigns/restraint-in-mental-health-services/restraint-in-your-area/?q=greystone"))
    assert BANNER in html
    assert ">Restraint in your area</a>" in html


def menu_titles():
    from wagtail.models import Site

    from mindsite.pages.models import MenuAndFooter

    chrome = MenuAndFooter.for_site(Site.objects.get(is_default_site=True))
    return chrome, [item.value["title"] for item in chrome.menu]


def test_a_demo_site_loaded_before_the_section_gets_it_and_its_menu_item():
    from io import StringIO

    from campaigns.figures.pages import RestraintFiguresPage

    call_command("load_demo_content", verbosity=0)
    # As the previous demo left a database: no section, and the menu without it.
    RestraintFiguresPage.objects.get().delete()
    chrome, titles = menu_titles()
    chrome.menu = [item for item in chrome.menu.raw_data if item["value"]["title"] != "Restraint in your area"]
    chrome.save()

    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert "1 page created" in out.getvalue() and "menu brought up to date" in out.getvalue()
    section = RestraintFiguresPage.objects.get()
    assert section.live and section.get_parent().slug == "restraint-in-mental-health-services"
    assert section.influencing_part.slug == "campaigning-for-change"
    assert menu_titles()[1] == titles
    assert titles.index("Restraint in your area") == titles.index("Influencing change") + 1

    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert out.getvalue().strip() == "Demo content already present: nothing changed"


def test_a_menu_an_editor_changed_is_left_alone():
    call_command("load_demo_content", verbosity=0)
    chrome, _ = menu_titles()
    chrome.menu = [
        item for item in chrome.menu.raw_data if item["value"]["title"] not in ("Restraint in your area", "Stories")
    ]
    chrome.save()
    before = menu_titles()[1]

    call_command("load_demo_content", verbosity=0)
    assert menu_titles()[1] == before


def test_the_sitemap_lists_the_list_englands_page_and_every_provider(client, section):
    xml = text(get(client, "/sitemap.xml"))
    for path in ["", "providers/", "england/", "RX1/", "NQ7/"]:
        assert f"<loc>http://localhost{section.section.url}{path}</loc>" in xml, path


def test_each_csv_file_is_a_utf8_download(client, real_figures, section):
    provider = Provider.objects.get(ods_code="RX1")
    for prefix, subject in (("RX1", provider), ("england", None)):
        files = display.csv_files(display.figures_for(subject))
        assert files, f"{prefix}: no CSV files"
        for slug, (_file_name, content) in files.items():
            response = get(client, f"{section.section.url}{prefix}/{slug}.csv")
            assert response["Content-Type"] == "text/csv; charset=utf-8"
            assert response["Content-Disposition"].startswith("attachment; filename=")
            # A byte-order mark first, so Excel reads it as UTF-8 ("–" and "Siân" intact).
            assert response.content.startswith(b"\xef\xbb\xbf")
            assert response.content.decode("utf-8-sig") == content


def test_a_csv_address_in_lower_case_leads_to_the_file(client, section):
    response = get(client, section.section.url + "rx1/latest.csv", status=301)
    assert response["Location"] == section.section.url + "RX1/latest.csv"


def test_an_invented_nhs_trust_is_called_an_nhs_trust_and_an_invented_hospital_independent(client):
    """The demo's providers all have Z codes; their ODS-shaped files say what each is, as real ones do."""
    site = build_section(
        orgs=(INVENTED, ("Z9001", "EXAMPLE INDEPENDENT HOSPITAL LIMITED (FICTIONAL)")), is_synthetic=True
    )
    trust = text(get(client, site.section.url + "Z0001/"))
    assert "NHS trust" in trust and "Independent provider" not in trust
    hospital = text(get(client, site.section.url + "Z9001/"))
    assert "Independent provider" in hospital
    # Invented, so no CQC page is claimed for either.
    assert "cqc.org.uk/provider/" not in trust + hospital


def test_the_bare_results_address_is_never_kept_so_it_never_loses_its_noindex(section, client, settings):
    settings.PAGE_CACHE_SECONDS = settings.CDN_CACHE_SECONDS = 300
    for _ in range(2):
        response = client.get(section.section.url + "find/")
        assert response["X-Robots-Tag"] == "noindex"
        assert "private" in response["Cache-Control"] and "X-Page-Cache" not in response


def test_a_provider_left_out_of_the_latest_publication_says_so_on_its_page(client, section):
    provider_url = f"{section.section.url}RX1/"
    assert "No figures in the latest publication" not in text(get(client, provider_url))

    # April's publication has St Bride's and England, and nothing for the trust.
    import_file([INDEPENDENT], last=(2025, 4), name="MHSDS Data_Rstr_Apr2025_Prf.csv")

    html = " ".join(text(get(client, provider_url)).split())
    assert (
        "<strong>No figures in the latest publication.</strong> NHS England's figures for April 2025 have none" in html
    )
    assert "March 2025: the latest figures" in html
    assert "No figures in the latest publication" not in text(get(client, f"{section.section.url}NQ7/"))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"], ids=repr)
def test_a_provider_name_a_spreadsheet_would_run_is_downloaded_as_text(client, section, start):
    Provider.objects.filter(ods_code="RX1").update(name=f"{start}HYPERLINK(1) Trust")
    provider = Provider.objects.get(ods_code="RX1")
    # The name is shown title-cased, which drops a leading tab or carriage return: nothing to guard then.
    shown = provider.display_name
    expected = f"'{shown}" if shown.startswith(("=", "+", "-", "@")) else shown
    for slug in display.csv_files(display.figures_for(provider)):
        response = get(client, f"{section.section.url}RX1/{slug}.csv")
        cells = [cell for line in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in line]
        named = [cell for cell in cells if shown in cell]
        assert named, slug
        assert all(cell.startswith(expected) for cell in named), named
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_a_real_provider_is_found_by_a_town_it_has_a_site_in(client, section):
    import_ods("ets.csv", ods_row("RX101", "DAWLISH HOSPITAL", "DAWLISH", "EX7 0NR", parent="RX1"))
    html = text(get(client, section.section.url + "?q=dawlish"))
    assert "1 provider found for ‘dawlish’" in html
    assert "Sites in Dawlish. NHS trust, ODS code RX1" in html


def test_a_closed_site_finds_nothing(client, section):
    import_ods("ets.csv", ods_row("RX101", "DAWLISH HOSPITAL", "DAWLISH", parent="RX1", closed="20240331"))
    assert "No providers found for ‘dawlish’" in text(get(client, section.section.url + "?q=dawlish"))


def test_a_providers_page_says_what_ods_says_and_nothing_when_ods_has_not_said(client, section):
    import_ods("etr.csv", ods_row("RX1", "NORTHSHIRE MENTAL HEALTH NHS TRUST", "NORTHTOWN", "NT1 1AA", "20010401"))
    trust = text(get(client, section.section.url + "RX1/"))
    assert '<p class="eyebrow">NHS trust</p>' in trust
    assert "<dt>Type</dt><dd>NHS trust</dd>" in trust
    assert "<dt>Headquarters</dt><dd>Northtown, NT1 1AA</dd>" in trust
    assert "<dt>Opened</dt><dd>1 April 2001</dd>" in trust

    import_file((("RX2", "ELSEWHERE MENTAL HEALTH NHS TRUST"),))  # in the figures, in no ODS file yet
    unknown = text(get(client, section.section.url + "RX2/"))
    assert '<p class="eyebrow">Mental health provider</p>' in unknown
    assert "<dt>Type</dt>" not in unknown
    assert "Independent provider" not in unknown and "is an independent provider" not in unknown
