"""Routing a request to its page in two queries, however deep the page is.

Wagtail's Page.route walks down the tree one level at a time, with two queries per level (the
child by its slug, then its specific page): ten for a guide part. Every page's url_path is its
ancestors' slugs joined, so one query fetches every page the URL's leading components can name,
and a second fetches the page found as its own type. The walk keeps Wagtail's rules: a routable
page's own routes (a guide's print/ and pdf/) come before its children, pages on the way need not
be live, and the page reached must be. The pages on the way are kept on the page (ancestors_on_route),
so its parent, breadcrumbs and view restrictions need no query of their own.

Kept, where the rest of the second cache layer went, because Wagtail's Page.route costs a guide
part 9 queries to our 2 (20 queries a part in all, over the budget of 12 that tests/pages/test_query_budget.py
pins); bench/RESULTS.md has what it buys in requests/s.
"""

from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

MAX_DEPTH = 32


def _routes_itself(page, components):
    """Whether a live routable page answers these components with one of its own routes."""
    cls = page.specific_class
    if cls is None or not issubclass(cls, RoutablePageMixin) or not page.live:
        return False
    try:
        cls.get_resolver().resolve("/" + "/".join(components) + "/")
    except (Resolver404, Http404):
        return False
    return True


def route_down(start, request, path_components):
    """Route from `start` (a specific page) to the page these components name, as Page.route does."""
    # No page is more than MAX_DEPTH levels below the site's root: a longer address asks for no more
    # prefixes (each is the whole path so far, so a long address would make a query of megabytes).
    depth = min(len(path_components), MAX_DEPTH)
    prefixes = [start.url_path + "/".join(path_components[: n + 1]) + "/" for n in range(depth)]
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=prefixes, path__startswith=start.path, depth__gt=start.depth)
    }
    chain = [start]
    consumed = 0
    for prefix in prefixes:
        page = found.get(prefix)
        if page is None or page.depth != chain[-1].depth + 1:
            break
        if _routes_itself(chain[-1], path_components[consumed:]):
            break
        chain.append(page)
        consumed += 1
    if consumed == 0:
        raise Http404
    reached = chain[-1].specific
    reached.ancestors_on_route = chain[:-1]
    return reached.route(request, path_components[consumed:])
