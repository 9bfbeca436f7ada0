"""The search page: guides, parts and stories that anyone may read, each with the passage that matched."""

import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from tests.conftest import build_site
from tests.factories import GuideChapterPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

# The most queries a page of results may take: privacy, count, results, each page type, the guides, settings.
QUERY_BUDGET = 12
PRONE = "Face-down restraint, also called prone restraint, means holding a person on their front."


def part_body(*sections):
    """A body with a heading and a paragraph for each (heading, text) given."""
    blocks = [{"type": "paragraph", "value": "<p>An opening paragraph about care.</p>"}]
    for heading, text in sections:
        blocks += [
            {"type": "heading", "value": {"text": heading, "anchor": ""}},
            {"type": "paragraph", "value": f"<p>{text}</p>"},
        ]
    return blocks


@pytest.fixture
def site(db):
    site = build_site(parts=3, stories=2)
    site.prone_part = GuideChapterPageFactory(
        parent=site.guide,
        title="Kinds of restraint",
        body=part_body(
            ("Physical restraint", "Staff hold a person to stop them moving."),
            ("Face-down restraint", PRONE + " This is especially risky."),
        ),
    )
    return site


def search(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return response


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def results_of(response):
    """(title, href, context, passage html) of each result, in order."""
    soup = soup_of(response)
    return [
        (
            item.select_one(".search-result__title a").get_text(strip=True),
            item.select_one(".search-result__title a")["href"],
            item.select_one(".search-result__context").get_text(" ", strip=True),
            item.select_one(".search-result__passage").decode_contents()
            if item.select_one(".search-result__passage")
            else "",
        )
        for item in soup.select(".search-result")
    ]


def count_line(response):
    found = soup_of(response).select_one(".result-count")
    return found.get_text(" ", strip=True) if found else None


def test_prone_restraint_lands_on_the_section_that_says_it(client, site):
    response = search(client, "prone restraint")
    results = results_of(response)
    assert count_line(response) == "1 result for ‘prone restraint’"
    title, href, context, passage = results[0]
    assert title == "Kinds of restraint"
    assert href == site.prone_part.url + "#face-down-restraint"
    assert context == f"Part of the guide ‘{site.guide.title}’"
    assert "<mark>prone</mark> <mark>restraint</mark>" in passage
    assert passage.startswith("Face-down <mark>restraint</mark>, also called")


def test_the_fragment_is_an_id_on_the_part(client, site):
    _, href, _, _ = results_of(search(client, "prone"))[0]
    path, fragment = href.split("#")
    assert soup_of(client.get(path)).find(id=fragment).name == "h2"


def test_a_match_before_any_heading_links_to_the_part_itself(client, site):
    _, href, _, passage = results_of(search(client, "opening paragraph"))[0]
    assert href == site.prone_part.url
    assert "<mark>opening</mark> <mark>paragraph</mark>" in passage


def test_a_story_says_it_is_a_story_and_an_example_story_says_so_in_words(client, site):
    real = StoryPageFactory(parent=site.story_index, title="Ward rounds in Leeds", is_illustrative=False)
    example = StoryPageFactory(parent=site.story_index, title="Ward rounds in Bristol", is_illustrative=True)
    results = {title: context for title, _, context, _ in results_of(search(client, "ward rounds"))}
    assert results[real.title] == "A campaigner's story"
    assert results[example.title] == "Example story"
    soup = soup_of(search(client, "ward rounds"))
    assert soup.select_one(".search-result .example-label").get_text() == "Example story"


def test_a_guide_is_labelled_a_guide(client, site):
    site.guide.summary = "Everything about advocacy."
    site.guide.save_revision().publish()
    title, href, context, passage = results_of(search(client, "advocacy"))[0]
    assert (title, href, context) == (site.guide.title, site.guide.url, "Guide")
    assert passage == "Everything about <mark>advocacy</mark>."


def test_other_page_types_are_not_searched(client, site):
    # The campaign page's summary says "concerned"; only guides, parts and stories are searched.
    assert "concerned" in site.campaign.summary
    assert results_of(search(client, "concerned")) == []


def test_page_text_is_escaped_and_only_the_words_are_marked(client, site):
    GuideChapterPageFactory(
        parent=site.guide,
        title="Markup <b>in</b> a title",
        summary='Unsafe <script>alert("x")</script> & "quotes" about tribunals.',
        body=part_body(),
    )
    response = search(client, "tribunals")
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<b>in</b>" not in html
    title, _, _, passage = results_of(response)[0]
    assert title == "Markup <b>in</b> a title"
    assert "&lt;script&gt;" in passage
    assert "<mark>tribunals</mark>" in passage
    assert passage.count("<mark>") == 1


def test_the_query_is_shown_back_escaped(client, site):
    html = search(client, "<img src=x onerror=alert(1)> restraint").content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; restraint" in html


# --- privacy: published pages anyone may read, nothing else ----------------------------


@pytest.mark.parametrize("kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS])
def test_a_private_part_never_appears(client, site, kind):
    PageViewRestriction.objects.create(page=site.prone_part, restriction_type=kind, password="a-shared-password")
    assert results_of(search(client, "prone")) == []


def test_parts_under_a_private_guide_never_appear(client, site):
    PageViewRestriction.objects.create(page=site.guide, restriction_type=PageViewRestriction.LOGIN)
    assert results_of(search(client, "prone")) == []
    titles = {title for title, *_ in results_of(search(client, "restraint"))}
    assert titles == {story.title for story in site.stories}


def test_stories_under_a_private_story_list_never_appear(client, site):
    PageViewRestriction.objects.create(page=site.story_index, restriction_type=PageViewRestriction.LOGIN)
    titles = [title for title, *_ in results_of(search(client, "restraint figures"))]
    assert titles == []
    assert results_of(search(client, "prone"))  # the guide is still searched


def test_a_draft_never_appears(client, site):
    draft = GuideChapterPageFactory(parent=site.guide, title="Seclusion rooms", live=False, body=part_body())
    assert not draft.live
    assert results_of(search(client, "seclusion")) == []


def test_an_unpublished_page_disappears_and_a_new_publish_is_found_at_once(client, site):
    part = GuideChapterPageFactory(parent=site.guide, title="Advocates", body=part_body())
    assert [title for title, *_ in results_of(search(client, "advocates"))] == ["Advocates"]
    part.unpublish()
    assert results_of(search(client, "advocates")) == []
    part.title = "Independent advocates"
    part.save_revision().publish()
    assert [title for title, *_ in results_of(search(client, "independent advocates"))] == ["Independent advocates"]


def test_a_draft_change_to_a_live_page_is_not_searched_until_published(client, site):
    part = site.prone_part
    part.body = part_body(("Tribunals", "A draft sentence about tribunals."))
    part.save_revision()  # a draft: the live page still says what it said
    assert results_of(search(client, "tribunals")) == []
    assert results_of(search(client, "prone"))
    part.get_latest_revision().publish()
    assert [title for title, *_ in results_of(search(client, "tribunals"))] == [part.title]


# --- count, pages of results, and nothing found --------------------------------------


@pytest.fixture
def many(site):
    for n in range(23):
        GuideChapterPageFactory(parent=site.guide, title=f"Advocacy part {n}", body=part_body())
    return site


def test_results_come_ten_to_a_page_with_a_count(client, many):
    first = search(client, "advocacy")
    assert count_line(first) == "23 results for ‘advocacy’, page 1 of 3"
    assert len(results_of(first)) == 10
    third = search(client, "advocacy", page="3")
    assert count_line(third) == "23 results for ‘advocacy’, page 3 of 3"
    assert len(results_of(third)) == 3
    titles = {r[0] for p in (1, 2, 3) for r in results_of(search(client, "advocacy", page=str(p)))}
    assert len(titles) == 23
    nav = soup_of(first).select_one("nav.pagination")
    assert nav.select_one("a[rel=next]")["href"] == "?q=advocacy&page=2"
    assert soup_of(first).title.get_text().startswith("23 results for ‘advocacy’")


def test_a_bad_page_number_still_answers(client, many):
    for page in ("abc", "2.5", "", "\x00", "1" * 5000):
        assert count_line(search(client, "advocacy", page=page)).endswith("page 1 of 3"), page
    for page in ("0", "-1", "99999"):  # out of range: the last page
        assert count_line(search(client, "advocacy", page=page)).endswith("page 3 of 3"), page


def test_nothing_found_says_what_to_try_and_where_to_go(client, site):
    response = search(client, "restrant")
    assert count_line(response) == "0 results for ‘restrant’"
    soup = soup_of(response)
    help_text = soup.select_one(".search-help").get_text(" ", strip=True)
    assert "Check the spelling" in help_text
    assert [a["href"] for a in soup.select(".search-help a")] == [site.guide.url, "#help-now"]
    assert soup.find(id="help-now")  # the help box the link goes to


def test_the_empty_search_page_offers_the_form_and_the_guides(client, site):
    response = client.get("/search/")
    soup = soup_of(response)
    assert soup.select_one("main form[role=search] input[name=q]")["value"] == ""
    assert count_line(response) is None
    assert site.guide.url in [a["href"] for a in soup.select(".search-help a")]


def test_a_query_of_no_words_asks_for_a_word_at_the_field(client, site):
    soup = soup_of(search(client, "!!! ** 🙂"))
    error = soup.select_one("#search-query-error")
    assert "Type a word" in error.get_text()
    assert "search-query-error" in soup.select_one("#search-query")["aria-describedby"]
    assert soup.select_one("#search-query")["value"] == "!!! ** 🙂"
    assert soup.title.get_text().startswith("Error: Search")


def test_a_long_query_is_cut_and_the_page_says_so(client, site):
    response = search(client, "prone " + "x" * 300)
    soup = soup_of(response)
    assert len(soup.select_one("#search-query")["value"]) == 200
    assert "longer than 200 characters" in soup.select_one("#search-query-cut").get_text()
    assert soup.select_one("#search-query")["maxlength"] == "200"


# --- the header, caching, and what it costs ------------------------------------------


def test_every_page_has_a_search_form_in_its_header(client, site):
    for page in (site.home, site.campaign, site.guide, site.prone_part, site.stories[0]):
        form = soup_of(client.get(page.url)).select_one("header form[role=search]")
        assert form["method"] == "get" and form["action"] == "/search/", page
        field = form.select_one("input[name=q]")
        assert form.select_one(f"label[for={field['id']}]").get_text(strip=True)
        assert form.select_one("button[type=submit]").get_text(strip=True) == "Search"


def test_the_header_has_the_search_form_even_with_no_menu_links(client, db):
    site = build_site(menu_items=0)
    assert soup_of(client.get(site.home.url)).select_one("header form[role=search] input[name=q]")


def test_results_are_private_to_the_browser_and_not_indexed(client, site):
    response = search(client, "prone")
    assert "private" in response["Cache-Control"]
    assert soup_of(response).select_one("meta[name=robots]")["content"] == "noindex"


def test_the_page_cache_stores_no_search_page(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    try:
        for _ in range(2):
            assert "X-Page-Cache" not in search(client, "prone")
            assert "X-Page-Cache" not in client.get("/search/")
    finally:
        cache.clear()


def test_a_page_of_results_takes_the_same_few_queries_however_many_match(client, db, django_assert_max_num_queries):
    site = build_site(parts=2, stories=2)
    search(client, "restraint")  # warm per-process caches (content types, site root paths)
    with django_assert_max_num_queries(QUERY_BUDGET) as few_queries:
        few = search(client, "restraint")
    assert len(results_of(few)) == 5  # the guide, two parts and two stories
    for n in range(15):
        GuideChapterPageFactory(parent=site.guide, title=f"More {n}")
        StoryPageFactory(parent=site.story_index, title=f"Another story {n}")
    with django_assert_max_num_queries(QUERY_BUDGET) as full_queries:
        full = search(client, "restraint")
    assert len(results_of(full)) == 10
    # One query per page type among the results: never more for more results.
    assert len(full_queries) <= len(few_queries)


# --- the demo content and the index ------------------------------------------------


def test_the_demo_content_is_searchable_after_loading(client, db):
    from tests.conftest import ensure_wagtail_roots

    ensure_wagtail_roots()
    call_command("load_demo_content", stdout=StringIO())
    results = results_of(search(client, "prone restraint"))
    title, href, _, passage = results[0]
    assert title == "What restraint is"
    assert href.endswith("/what-restraint-is/#the-different-kinds-of-restrictive-intervention")
    assert re.search(r"also called <mark>prone</mark> <mark>restraint</mark>", passage)
