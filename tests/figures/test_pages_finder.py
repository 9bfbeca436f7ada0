"""Whatever a reader types into the provider finder, or puts in its address, it answers kindly: never an error,
in a fixed number of queries; and it finds what a reader means, whatever the case, spaces or accents."""

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from campaigns.figures.finder import MAX_QUERY_LENGTH, clean_query, find_providers, match_key
from tests.figures.pages_helpers import build_section

pytestmark = pytest.mark.django_db

# Routing (10), the chrome (4), the section (3): as tests/figures/test_pages_queries.py pins.
FINDER_QUERIES = 17

HOSTILE = [
    "x" * 10_000,
    "kelby " * 2_000,
    "kel\x00by",
    "\x00" * 500,
    "'; DROP TABLE restraint_figures_provider; --",
    "%",
    "_",
    "*",
    "\\",
    "🙂🙃 kelby 👍🏽",
    "\u202ekelby\u200b\ufeff",
    "ＫＥＬＢＹ",
    "ᚠᛇᚻ ᛒᛦᚦ",
    "<script>alert(1)</script>",
    "\r\n\t",
]


@pytest.fixture
def section(db):
    return build_section().section


@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("path", ["", "find/"])
def test_hostile_text_gets_an_answer_in_a_few_queries(client, section, q, path, django_assert_max_num_queries):
    client.get(section.url)  # warm the site's root paths, as a running server has
    with django_assert_max_num_queries(FINDER_QUERIES):
        response = client.get(section.url + path, {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    assert "\x00" not in html and "<script>alert" not in html
    field = BeautifulSoup(html, "html.parser").select_one("#provider-query")
    if field is not None:
        assert len(field["value"]) <= MAX_QUERY_LENGTH


@pytest.mark.parametrize(
    "raw",
    ["q=%ED%A0%80", "q=kel%ED%B0%80by", "q=%FF%FE%00%00", "q=%C0%80", "q=%00", "q=kelby&q=rx1", "q[]=kelby", "q="],
)
def test_broken_addresses_get_an_answer(client, section, raw):
    assert client.get(section.url + "?" + raw).status_code == 200
    assert client.get(section.url + "find/?" + raw).status_code == 200


def test_fullwidth_and_accented_letters_find_the_place(client, section):
    assert "Northshire Mental Health NHS Trust" in client.get(section.url, {"q": "ＫＥＬＢＹ"}).content.decode()


def test_an_empty_query_asks_for_something_to_find(client, section):
    html = client.get(section.url, {"q": " \x00 "}).content.decode()
    assert "Type a place, a provider" in html


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(exclude_categories=()), max_size=400))
@example(text="\ud800kelby")
@example(text="kelby\x00" * 50)
def test_any_text_in_the_address_gets_an_answer(client, section, text):
    for path in ("", "find/"):
        response = client.get(section.url + path + "?q=" + quote(text.encode("utf-8", "surrogatepass")))
        assert response.status_code == 200


@given(text=st.text(alphabet=st.characters(exclude_categories=())))
@example(text="\ud800\x00" * 200)
def test_any_text_cleans_to_something_fit_to_show(text):
    cleaned = clean_query(text)
    assert len(cleaned) <= MAX_QUERY_LENGTH
    assert "\x00" not in cleaned
    cleaned.encode("utf-8")  # no lone surrogates left
    assert match_key(cleaned) == match_key(match_key(cleaned))


def test_finding_reads_providers_in_three_queries_however_long_the_text(section, django_assert_num_queries):
    # Providers, their places and their open sites.
    with django_assert_num_queries(3):
        assert find_providers("kelby" * 1000) == []
    with django_assert_num_queries(0):
        assert find_providers("\x00 ") == []
