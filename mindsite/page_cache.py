"""The full-page cache: anonymous readers get stored HTML; a change purges the pages that showed it.

Entries live in the default cache (CACHE_URL: Redis when there is more than one process), keyed
by path. A page's entry is purged when a page it shows changes:
- the page itself, at each of its paths (get_cached_paths, so a guide's /print/ too);
- its parent, which lists it (a guide lists its parts, the story list its stories);
- for a guide part, its sibling parts, whose contents list and previous/next name it;
- its descendants, whose breadcrumbs show its title;
- every page that refers to it, from Wagtail's reference index (story teasers, featured
  stories, the home page's campaign, a story's guide).
Changing the menu and footer, moving, renaming or deleting a page purges everything, by moving
every key to a new generation.
"""

import django.dispatch
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import HttpResponse
from wagtail.models import Page, ReferenceIndex

GENERATION_KEY = "pagecache:generation"
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/")

pages_purged = django.dispatch.Signal()  # sent by purge_page with pages=[the pages purged]


def _generation():
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def generation():
    return _generation()  # a token that changes on every purge_everything


def _key(path, generation):
    return f"pagecache:{generation}:{path}"


def purge_everything():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def paths_of(page):
    """Every path a page is served at, from its site's root."""
    parts = page.get_url_parts()
    if parts is None:
        return []
    base = parts[2].rstrip("/")
    return [base + cached_path for cached_path in page.specific_deferred.get_cached_paths()]


def pages_showing(page, referring_page_ids):
    """The pages whose HTML shows something of this page: itself and the pages named above."""
    showing = {page.pk: page}
    parent = page.get_parent()
    if parent is not None:
        showing[parent.pk] = parent
    # A page type whose neighbours show it (a guide part's siblings) says so itself.
    other_pages = getattr(page.specific_deferred, "other_pages_showing_this", None)
    if other_pages is not None:
        showing.update((other.pk, other) for other in other_pages())
    showing.update((descendant.pk, descendant) for descendant in page.get_descendants())
    showing.update((referrer.pk, referrer) for referrer in Page.objects.filter(pk__in=referring_page_ids))
    return list(showing.values())


def purge_page(page):
    """Purge the page and every page that shows it; everything if a setting refers to it."""
    # The reference index files every page under the base Page type.
    page_type_id = ContentType.objects.get_for_model(Page).pk
    referring = list(ReferenceIndex.get_references_to(page).values_list("base_content_type", "object_id"))
    if any(content_type_id != page_type_id for content_type_id, _ in referring):
        purge_everything()
        return
    page_ids = {int(object_id) for _, object_id in referring}
    generation = _generation()
    shown = pages_showing(page, page_ids)
    cache.delete_many([_key(path, generation) for page_shown in shown for path in paths_of(page_shown)])
    pages_purged.send(sender=None, pages=shown)


class PageCacheMiddleware:
    """Answer anonymous GETs of public pages from the cache, and store what can be shared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not self._can_share(request):
            return self.get_response(request)
        key = _key(request.path, _generation())
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._can_store(response):
            cache.set(key, (response.content, response["Content-Type"]), timeout=seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _can_share(request):
        # A session cookie means an editor or a campaigner mid-order: they see their own page.
        return (
            request.method == "GET"
            and not request.GET
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(SKIPPED_PREFIXES)
        )

    @staticmethod
    def _can_store(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        )
