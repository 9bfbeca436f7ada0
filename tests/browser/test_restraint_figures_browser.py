"""The figures partial in Chromium: on a 320-pixel phone nothing scrolls sideways, and axe finds nothing serious."""

from pathlib import Path

import pytest
from django.template.loader import render_to_string

from campaigns.figures.display import figures_for
from campaigns.figures.models import Provider
from tests.figures.builders import ENGLAND, TRUST, load, months, row

pytestmark = pytest.mark.django_db

CSS = Path(__file__).resolve().parents[2] / "static" / "css"
STYLESHEETS = [CSS / "site.css", CSS / "restraint-in-your-area.css"]


def partial_page(new_page, width):
    rows = []
    for index, month in enumerate(months("2022-01", "2022-12")):
        rows.append(row("*" if month == "2022-03" else 30 + index, month=month))
        rows.append(row(20, month=month, org=ENGLAND))
    rows += [row(50, "MHS77", month="2022-12", kind="01"), row("*", "MHS77", month="2022-12", kind="04")]
    load(*rows)
    provider = Provider.objects.get(ods_code=TRUST[0])
    html = render_to_string(
        "figures/_figures.html", {"figures": figures_for(provider), "subject_name": provider.display_name}
    )
    page = new_page(viewport={"width": width, "height": 800})
    page.set_content(
        '<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>Figures</title></head><body><main class="page-width"><h1>Figures</h1>{html}</main></body></html>'
    )
    for stylesheet in STYLESHEETS:
        page.add_style_tag(path=str(stylesheet))
    return page


def test_the_figures_fit_a_320_pixel_phone(new_page):
    page = partial_page(new_page, 320)

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # One drawing of each chart shows (the phone's); the other is display: none.
    assert page.locator("svg.chart__svg:visible").count() == 2
    for svg in page.locator("svg.chart__svg:visible").all():
        box = svg.bounding_box()
        assert box["width"] <= 320 and box["height"] > 100
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320


def test_axe_finds_nothing_serious_in_the_figures(new_page, axe):
    page = partial_page(new_page, 1280)

    axe.assert_no_violations(page)
