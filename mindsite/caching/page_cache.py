"""The full-page cache and the CDN: anonymous readers get stored HTML; a change purges the pages that showed it.

Entries live in the default cache (CACHE_URL: Redis when there is more than one process), keyed
by the page's full URL: its site's root URL and its path (and `?page=N` for a paged list), so two
Wagtail sites on one database never share an entry. A page's entry is purged when a page it shows
changes:
- the page itself, at each of its paths (get_cached_paths, so a guide's /print/ and /pdf/, a story
  list's pages, a routable page's sub-pages);
- its parent, which lists it (a guide lists its parts, the story list its stories);
- for a guide part, its sibling parts, whose contents list and previous/next name it;
- its descendants, whose breadcrumbs show its title;
- every page that refers to it, from Wagtail's reference index (story teasers, featured
  stories, the home page's campaign, a story's guide).
An image or a document edited purges the pages that refer to it, and the pages that show those.
Changing the menu and footer, moving, renaming or deleting a page, or a site, purges everything,
by moving every entry to a new generation.

The CDN (wagtail.contrib.frontend_cache, settings.WAGTAILFRONTENDCACHE) is purged by the same
calls, from the same list of URLs (cached_urls), once the change is committed; the page cache is
purged at once and again at the commit, so a reader between the two never keeps the old page.

The middleware sits early in MIDDLEWARE, right after SecurityMiddleware (and WhiteNoise), before
the security-header, session, CSRF, authentication and two-factor middleware: a hit needs none of
them. An entry is the whole response as it left those middleware, its headers included
(Content-Security-Policy, Permissions-Policy, X-Frame-Options, Cache-Control), so a hit carries
exactly the headers a fresh render did; SecurityMiddleware, outside it, adds its own to both.

A hit is one round trip to the cache: the generation, the purge count and the entry in one
get_many. A render that began before a purge is never kept: after storing, the generation and the
purge count are read again, and if either moved the entry is dropped and the response goes out
private, so the CDN does not keep it either.
"""

import re
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache
from wagtail.models import Page, ReferenceIndex, Site

GENERATION_KEY = "pagecache:generation"
PURGES_KEY = "pagecache:purges"
ENTRY_PREFIX = "pagecache:entry:"
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/")
# The only query string a shared page may have: a paged list's page (?page=2). The page's view
# says when it is one (share_query), so ?page=99 of a short list is not kept.
PAGED_QUERY = re.compile(r"page=[1-9][0-9]{0,5}")

# Response headers never kept with an entry: a hit says it is one, and the server adds its own date.
UNSTORED_HEADERS = {"x-page-cache", "date"}

# (host, port) -> (the site's root URL or None, the generation it was looked up in). A site
# changed purges everything, so a new generation means a host is looked up again.
_site_of_host = {}
_MAX_HOSTS = 100


def _fresh_counter():
    # Random, so a counter lost from the cache (an eviction, a restart) never comes back to a value
    # an old entry holds.
    return secrets.randbelow(2**62) + 1


def generation():
    """A token that changes on every purge_everything."""
    return cache.get_or_set(GENERATION_KEY, _fresh_counter, timeout=None)


def _bump(key):
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _fresh_counter(), timeout=None)


def _entry_key(url):
    return ENTRY_PREFIX + url


def cached_urls(pages):
    """Every URL at which these pages are served and may be kept: the page cache's keys and the CDN's purges.

    A page under more than one site's root (a site whose home is a campaign, inside the main
    site) has an address on each, and each is listed."""
    roots = Site.get_site_root_paths()
    urls = []
    for page in pages:
        url_path = page.url_path
        for root in roots:
            if not url_path.startswith(root.root_path):
                continue
            # The site's paths end in a slash (WAGTAIL_APPEND_SLASH, on by default).
            base = root.root_url + url_path[len(root.root_path) - 1 :]
            urls.extend(base + cached_path.lstrip("/") for cached_path in page.specific_deferred.get_cached_paths())
    return list(dict.fromkeys(urls))


def share_query(request, query):
    """A page's view says this query string shows a page of its own that may be shared (a paged list's ?page=2).

    The page must list the same address in get_cached_paths, so it is purged with the page."""
    request.page_cache_shared_query = query


def _after_commit(purge_keys, urls_for_cdn):
    """Purge the page cache again, and the CDN, once the change is committed and readers can see it."""
    in_transaction = transaction.get_connection().in_atomic_block

    def committed():
        if in_transaction:
            purge_keys()
        if get_backends():
            purge_urls_from_cache(urls_for_cdn())

    transaction.on_commit(committed, robust=True)


def purge_everything():
    _bump(GENERATION_KEY)
    _bump(PURGES_KEY)

    def purge_keys():
        _bump(GENERATION_KEY)
        _bump(PURGES_KEY)

    _after_commit(purge_keys, lambda: cached_urls(Page.objects.live().specific().iterator()))


def purge_old_addresses(pages, url_path_before=None, url_path_after=None):
    """A page and its descendants are leaving addresses (deleted, moved or renamed): once committed, purge
    those addresses from the CDN, which the purge of every live page's addresses does not name.

    Called before a delete with the pages as they are; after a move or a new slug with the url_path the
    tree had before and has now, so each page's old address is its new one with the old prefix."""
    if not get_backends():
        return
    old = []
    for page in pages:
        if url_path_before is not None and page.url_path.startswith(url_path_after):
            page.url_path = url_path_before + page.url_path[len(url_path_after) :]
        old.append(page)
    urls = cached_urls(old)
    if urls:
        transaction.on_commit(lambda: purge_urls_from_cache(urls), robust=True)


def _referring_page_ids(obj):
    """The pages that refer to an object, or None when something else (a setting, a snippet) does."""
    # The reference index files every page under the base Page type.
    page_type_id = ContentType.objects.get_for_model(Page).pk
    referring = list(ReferenceIndex.get_references_to(obj).values_list("base_content_type", "object_id"))
    if any(content_type_id != page_type_id for content_type_id, _ in referring):
        return None
    return {int(object_id) for _, object_id in referring}


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


def _purge_pages(pages):
    """Purge each page and every page that shows it; everything if a setting refers to one."""
    shown = {}
    for page in pages:
        referring = _referring_page_ids(page)
        if referring is None:
            purge_everything()
            return
        shown.update((other.pk, other) for other in pages_showing(page, referring))
    if not shown:
        return
    shown = list(shown.values())
    urls = cached_urls(shown)

    def purge_keys():
        _bump(PURGES_KEY)
        cache.delete_many([_entry_key(url) for url in urls])

    purge_keys()
    _after_commit(purge_keys, lambda: urls)


def purge_page(page):
    """Purge the page and every page that shows it; everything if a setting refers to it."""
    _purge_pages([page])


def purge_pages_using(obj):
    """An image or a document changed: purge the pages that refer to it, and those that show them."""
    referring = _referring_page_ids(obj)
    if referring is None:
        purge_everything()
        return
    _purge_pages(Page.objects.filter(pk__in=referring))


def forget_hosts():
    """Forget which site answers each host, as a newly started process has never known."""
    _site_of_host.clear()


def _site_root_url(request, current_generation):
    """The root URL of the site serving this request, looked up once a generation per host."""
    host = (request.get_host().lower(), request.get_port())
    known = _site_of_host.get(host)
    if known is not None and known[1] == current_generation:
        return known[0]
    site = Site.find_for_request(request)
    root_url = site.root_url if site is not None else None
    if len(_site_of_host) >= _MAX_HOSTS:
        _site_of_host.clear()
    _site_of_host[host] = (root_url, current_generation)
    return root_url


class PageCacheMiddleware:
    """Answer anonymous GETs of public pages from the cache, store what can be shared, and tell the CDN."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        page_seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        cdn_seconds = getattr(settings, "CDN_CACHE_SECONDS", 0)
        if not (page_seconds or cdn_seconds):
            return self.get_response(request)
        if not self._can_share(request):
            response = self.get_response(request)
            self._keep_private(request, response)
            return response

        query = request.META.get("QUERY_STRING", "")
        host = (request.get_host().lower(), request.get_port())
        known_root_url, known_generation = _site_of_host.get(host, (None, None))
        key = _entry_key(known_root_url + request.path + (f"?{query}" if query else "")) if known_root_url else None
        values = cache.get_many([GENERATION_KEY, PURGES_KEY, *([key] if key else [])])
        current = (values.get(GENERATION_KEY), values.get(PURGES_KEY))
        if current[0] is None:
            current = (generation(), current[1])
        if known_generation != current[0]:
            root_url = _site_root_url(request, current[0])
            if root_url is None:
                # No Wagtail site answers this host: nothing here is one of the site's pages.
                response = self.get_response(request)
                self._keep_private(request, response)
                return response
            new_key = _entry_key(root_url + request.path + (f"?{query}" if query else ""))
            if new_key != key:
                # This process has not served this host since the last purge of everything: a
                # second round trip, once a generation.
                values.pop(key, None)
                key = new_key
                stored = cache.get(key)
                if stored is not None:
                    values[key] = stored
        stored = values.get(key)
        if page_seconds and stored is not None and stored[0] == current[0]:
            _entry_generation, content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if not self._can_store(request, response):
            self._keep_private(request, response)
            return response
        self._share(response)
        if page_seconds:
            headers = {name: value for name, value in response.items() if name.lower() not in UNSTORED_HEADERS}
            cache.set(key, (current[0], response.content, headers), timeout=page_seconds)
            response["X-Page-Cache"] = "miss"
        after = cache.get_many([GENERATION_KEY, PURGES_KEY])
        if (after.get(GENERATION_KEY), after.get(PURGES_KEY)) != current:
            # Something was purged while this page was drawn: it may show what was there before.
            if page_seconds:
                cache.delete(key)
                response["X-Page-Cache"] = "miss, not kept"
            del response["Cache-Control"]
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _share(response):
        cdn_seconds = getattr(settings, "CDN_CACHE_SECONDS", 0)
        if cdn_seconds:
            patch_cache_control(
                response,
                public=True,
                max_age=getattr(settings, "BROWSER_CACHE_SECONDS", 60),
                s_maxage=cdn_seconds,
                stale_while_revalidate=getattr(settings, "CDN_STALE_SECONDS", 60),
            )

    @staticmethod
    def _keep_private(request, response):
        # A response with no word of its own is not for a shared cache: some CDNs keep a page
        # that says nothing (CloudFront for a day by default).
        if "Cache-Control" not in response and not request.path.startswith(SKIPPED_PREFIXES):
            patch_cache_control(response, private=True)

    @staticmethod
    def _can_share(request):
        # A session cookie means an editor or a campaigner mid-order: they see their own page.
        query = request.META.get("QUERY_STRING", "")
        return (
            request.method == "GET"
            and (not query or PAGED_QUERY.fullmatch(query) is not None)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(SKIPPED_PREFIXES)
        )

    @staticmethod
    def _can_store(request, response):
        query = request.META.get("QUERY_STRING", "")
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
            and (not query or getattr(request, "page_cache_shared_query", None) == query)
        )
