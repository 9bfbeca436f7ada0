"""The sentence at the top of a provider's page, and the figures boxes' counts, with [c] and gaps said honestly."""

import html
from decimal import Decimal

import pytest
from django.template import Context, Template

from campaigns.figures.display import MISSING, NOT_IN_FILE_VALUE, Sum, Value, figures_for
from campaigns.figures.models import Provider
from campaigns.figures.templatetags.figure_words import brief
from tests.figures.builders import ENGLAND, TRUST, load, row

pytestmark = pytest.mark.django_db


def summary(*rows):
    load(*rows)
    provider = Provider.objects.get(ods_code=TRUST[0])
    template = Template("{% load figure_words %}{% figures_summary figures name %}")
    return html.unescape(template.render(Context({"figures": figures_for(provider), "name": provider.display_name})))


def test_the_latest_figures_beside_englands_in_one_sentence():
    assert summary(row(190, "MHS76"), row("33.2"), row("20.1", org=ENGLAND)) == (
        "In March 2025, about 190 people were restrained at Northshire Mental Health NHS Trust: "
        "about 33.2 uses of restraint for every 1,000 nights on its wards, against about 20.1 across England."
    )


def test_hidden_and_missing_figures_are_said_never_shown_as_0():
    sentence = summary(row("*", "MHS76"), row("*"), row(20, org=ENGLAND))
    assert (
        "between 1 and 4 people were restrained at Northshire Mental Health NHS Trust (the exact number is hidden"
        in (sentence)
    )
    assert "are hidden to protect privacy ([c]), against about 20 across England." in sentence
    assert " 0 " not in sentence


def test_no_people_figure_and_no_englands_figure():
    sentence = summary(row(33))
    assert "NHS England's figures have no count of people restrained at Northshire Mental Health NHS Trust" in sentence
    assert "about 33 uses of restraint" in sentence
    assert sentence.endswith("England's figure is not in NHS England's file for this month.")


def test_a_name_is_escaped():
    load(row(30, org=("RX5", "<SCRIPT>ALERT(1)</SCRIPT> NHS TRUST")))
    provider = Provider.objects.get(ods_code="RX5")
    rendered = Template("{% load figure_words %}{% figures_summary figures name %}").render(
        Context({"figures": figures_for(provider), "name": provider.display_name})
    )
    assert "<script" not in rendered.lower() and "&lt;Script&gt;" in rendered


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (Value(number=Decimal(190)), "about 190"),
        (Value(suppressed=True), "[c] (1–4, hidden to protect privacy)"),
        (MISSING, "no data reported"),
        (NOT_IN_FILE_VALUE, "not in NHS England's file for this month"),
        (
            Sum((("14", "a", Value(number=Decimal(25))), ("16", "b", Value(suppressed=True)))),
            "about 25, plus [c] for 1 kind (1–4, hidden to protect privacy, for each)",
        ),
        (
            Sum((("14", "a", Value(suppressed=True)), ("16", "b", Value(suppressed=True)))),
            "[c] for 2 kinds (1–4, hidden to protect privacy, for each)",
        ),
    ],
)
def test_the_boxes_counts_leave_the_rounding_to_their_key(value, words):
    assert brief(value) == words
