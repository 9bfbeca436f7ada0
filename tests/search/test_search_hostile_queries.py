"""Whatever is typed or put in the address, the search page answers: no error, a bounded query."""

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from mindsite.search.query import MAX_QUERY_LENGTH, MAX_WORDS, parse
from tests.factories import GuideChapterPageFactory

pytestmark = pytest.mark.django_db

# Privacy, count, results, page types, guides, settings: never more, whatever the query.
QUERY_BUDGET = 12

HOSTILE = [
    "x" * 10_000,
    "restraint " * 1_000,
    "prone\x00restraint",
    "\x00" * 500,
    '"prone restraint"',
    "'; DROP TABLE wagtailcore_page; --",
    '"unclosed',
    "prone AND restraint OR NOT seclusion",
    "NEAR(prone restraint, 2)",
    '- " * : & | ! ( ) < > ^ ~ + { } [ ] \\ / @ # $ % =',
    "prone:* & !restraint | (seclusion <-> tribunal)",
    "title:prone body:restraint",
    "*",
    "restraint*",
    ")(",
    "🙂🙃 restraint 👍🏽",
    "\u202eprone\u200b restraint\ufeff",
    "ＲＥＳＴＲＡＩＮＴ",
    "_ __ ___",
    "a " * 300,
    "ᚠᛇᚻ ᛒᛦᚦ",
    "<script>alert(1)</script>",
]


@pytest.fixture
def part(site):
    return GuideChapterPageFactory(parent=site.guide, title="Prone restraint and the law")


def get(client, raw_query_string):
    response = client.get("/search/?" + raw_query_string)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_query_gets_an_answer_in_a_few_queries(client, part, q, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    field = BeautifulSoup(response.content.decode(), "html.parser").select_one("#search-query")
    assert len(field["value"]) <= MAX_QUERY_LENGTH
    assert "\x00" not in field["value"]


@pytest.mark.parametrize(
    "raw",
    [
        "q=%ED%A0%80",  # a lone high surrogate, as CESU-8
        "q=prone%ED%B0%80restraint",  # a lone low surrogate between words
        "q=%FF%FE%00%00",  # not UTF-8 at all
        "q=%C0%80",  # an overlong NUL
        "q=%00",
        "q=prone&q=restraint",  # the field twice
        "q[]=prone",
        "q=%25%25%25",
        "page=2",  # no query
    ],
)
def test_broken_addresses_get_an_answer(client, part, raw):
    get(client, raw)


def test_words_split_by_a_lone_surrogate_are_still_found(client, part):
    response = get(client, "q=prone%ED%A0%80restraint")
    assert part.title in response.content.decode()


def test_operators_are_words_not_operators(client, part):
    # As operators, "-" and "!" would leave the part out, and OR would let it in.
    for q in ("-restraint prone", "!restraint prone", '"prone" "restraint"'):
        assert part.title in get(client, "q=" + quote(q)).content.decode(), q
    assert part.title not in get(client, "q=" + quote("prone OR seclusion")).content.decode()


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(exclude_categories=()), max_size=300))
@example(text="\ud800prone")
@example(text="prone\x00")
@example(text='" OR 1=1 --')
def test_any_text_in_the_address_gets_an_answer(client, part, text):
    get(client, "q=" + quote(text.encode("utf-8", "surrogatepass")))


@given(text=st.text(alphabet=st.characters(exclude_categories=())))
@example(text="\ud800\x00" * 200)
def test_any_text_parses_to_a_bounded_query_of_words(text):
    query = parse(text)
    assert len(query.text) <= MAX_QUERY_LENGTH
    assert len(query.words) <= MAX_WORDS
    assert "\x00" not in query.text
    query.text.encode("utf-8")  # no lone surrogates left
    for word in query.words:
        assert word and word.isalnum(), word
