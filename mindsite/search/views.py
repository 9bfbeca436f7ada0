"""/search/: the search box's results over guides, their parts and stories, and any other apps' groups.

Other apps (the restraint figures' providers) add a group of results above the pages through groups.py;
it shows on the first page of results.

Only published pages that anyone may read (mindsite.pages.view_restrictions), however the query is written.
Never stored in the page cache: it skips addresses with a query string, and this page says
Cache-Control: private, so neither it nor a CDN keeps a copy per query.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from wagtail.models import Page

from mindsite.pages.view_restrictions import public_pages
from mindsite.search import query as search_query
from mindsite.search.excerpts import best_passage
from mindsite.search.groups import groups_for

# The page types searched, by label (mindsite imports no content app), and what a result calls them.
SEARCHED_PAGE_TYPES = {
    "guides.GuidePage": "guide",
    "guides.GuideChapterPage": "part",
    "campaigns.StoryPage": "story",
}
GUIDE_PAGE_TYPE = "guides.GuidePage"
RESULTS_PER_PAGE = 10


@dataclass
class Result:
    page: Page  # the specific page
    kind: str  # "guide", "part" or "story"
    url: str  # to the section that matched, when the passage is under a heading
    passage: object
    guide: Page | None = None  # a part's guide


def _model(label):
    return apps.get_model(label)


def searched_pages():
    """Every page the search looks in: published, public, of the searched types."""
    return public_pages(Page.objects.type(*map(_model, SEARCHED_PAGE_TYPES)))


def _specific(pages):
    """The specific page for each base page, in the same order: one query per page type."""
    by_type = {}
    for page in pages:
        by_type.setdefault(page.content_type_id, []).append(page.pk)
    specific = {}
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        specific.update(model.objects.in_bulk(pks))
    return [specific[page.pk] for page in pages if page.pk in specific]


def _results(request, pages, words):
    pages = _specific(pages)
    kinds = {_model(label): kind for label, kind in SEARCHED_PAGE_TYPES.items()}
    parent_paths = {page.path[: -Page.steplen] for page in pages if kinds.get(type(page)) == "part"}
    # A part names its guide, while the guide is published.
    guides = {guide.path: guide for guide in Page.objects.live().filter(path__in=parent_paths)} if parent_paths else {}
    results = []
    for page in pages:
        passage = best_passage(page, words)
        url = page.get_url(request) or ""
        results.append(
            Result(
                page=page,
                kind=kinds.get(type(page), ""),
                url=f"{url}#{passage.anchor}" if passage.anchor else url,
                passage=passage,
                guide=guides.get(page.path[: -Page.steplen]),
            )
        )
    return results


def search(request):
    query = search_query.parse(request.GET.get("q", ""))
    context = {
        "query": query,
        "max_query_length": search_query.MAX_QUERY_LENGTH,
        "typed": bool(query.text),
        "searched": bool(query.words),
        "results": [],
        "results_page": None,
        "groups": [],
        "found_elsewhere": 0,
    }
    if query.words:
        found = searched_pages().search(" ".join(query.words), operator="and")
        results_page = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        context["results_page"] = results_page
        context["results"] = _results(request, list(results_page), query.words)
        # Every page of results counts the other groups' results too; the first page shows them.
        groups = groups_for(request, query)
        context["groups"] = groups if results_page.number == 1 else []
        context["found_elsewhere"] = sum(group.count for group in groups)
        context["total"] = results_page.paginator.count + context["found_elsewhere"]
    if not context["results"] and not context["found_elsewhere"]:
        # Somewhere to go next: the guides, to browse.
        context["guides"] = list(public_pages(_model(GUIDE_PAGE_TYPE).objects.all()).order_by("path"))
    response = TemplateResponse(request, "search/search.html", context)
    patch_cache_control(response, private=True, max_age=0)
    return response
