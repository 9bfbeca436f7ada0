"""Private pages (a password, a sign-in or a group restriction) never show in public places.

A page is private when it or a page above it has a view restriction. Lists of pages go through
public_pages; a single page that a field or block points at (a featured story, a teaser, a menu
link) is checked with is_public. Both read the restricted paths once per request, however many
lists and links a page has (Wagtail's .public() reads them again for each list).
"""

import functools
import operator

from django.db.models import Q
from wagtail.models import PageViewRestriction

from mindsite.pages.request_store import RequestStore

_store = RequestStore("page_privacy")


def restricted_paths():
    """The tree paths of every page with a view restriction: one query per request."""
    store = _store.get()
    if store is None:
        return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    if "paths" not in store:
        store["paths"] = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    return store["paths"]


def public_pages(pages):
    """The published pages of a queryset that anyone may read."""
    paths = restricted_paths()
    pages = pages.live()
    if not paths:
        return pages
    return pages.exclude(functools.reduce(operator.or_, (Q(path__startswith=path) for path in paths)))


def is_public(page):
    """True for a published page that anyone may read; False for a draft, a private page or None."""
    if page is None or not page.live:
        return False
    # A restriction covers its page and every page below it, whose paths start with its path.
    return not page.path.startswith(restricted_paths())
