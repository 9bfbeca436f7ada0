"""Rendered parts of a page kept in the Django cache, so a page not in the page cache renders fast.

- A page's body (its template's content block) is kept per page, published revision and path:
  a publish gives the page a new live revision and so a new key. The page cache's purges reach it
  too: purge_page sends pages_purged with every page that shows the change (siblings, the parent,
  pages teasing or linking to it), and their bodies are deleted here; purge_everything (the menu,
  a privacy change, a move) starts a new generation, which is in every key.
- The header (per page, for the menu's "current page"), the crisis box and the footer are kept per
  site, per version of the menu-and-footer settings and per generation.

Only for what the page cache may share (an anonymous GET, no query string, no session cookie) and
never for a preview: a signed-in editor's or a preview's render neither reads nor fills them.
FRAGMENT_CACHE_SECONDS (default an hour) bounds how long an entry lives; 0 turns them off.
"""

import hashlib
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page, Site

from mindsite import page_cache


def _shareable(request):
    if request is None or not getattr(settings, "FRAGMENT_CACHE_SECONDS", 0):
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return page_cache.PageCacheMiddleware._can_share(request)


def _marker_key(page_id):
    return f"fragment:bodymarker:{page_id}"


def _body_key(generation, page_id, revision_id, marker, path):
    digest = hashlib.sha256(path.encode()).hexdigest()[:32]
    return f"fragment:body:{generation}:{page_id}:{revision_id}:{marker}:{digest}"


def body_key(context):
    """The key for this page's body, or None when it must be rendered afresh."""
    request, page = context.get("request"), context.get("page")
    if not isinstance(page, Page) or not page.live or page.live_revision_id is None or not _shareable(request):
        return None
    # The page's marker changes at each purge of it, so a render that began before a purge is stored
    # where no later request looks.
    marker = cache.get(_marker_key(page.pk), 0)
    # The full path: a paged list's ?page=2 is a page of its own (the only query string shared).
    return _body_key(page_cache.generation(), page.pk, page.live_revision_id, marker, request.get_full_path())


def stored_body(request, page):
    """This page's stored body for this request, or None: looked up once, before the page's context is
    worked out, so a page whose body is stored can skip what only its body shows."""
    found = getattr(request, "_stored_body", None)
    if found is not None and found[0] is page:
        return found[2]
    key = body_key({"request": request, "page": page})
    html = cache.get(key) if key is not None else None
    request._stored_body = (page, key, html)
    return html


def body_lookup(context):
    """(key, stored body or None) for the page being rendered. The key stored_body worked out before the
    page's context is used again, never a new one: a purge in between must not make the template store a
    body rendered from a context that skipped what only the body shows, nor under a key read afresh."""
    request, page = context.get("request"), context.get("page")
    found = getattr(request, "_stored_body", None)
    if found is not None and found[0] is page:
        return found[1], found[2]
    key = body_key(context)
    return key, (cache.get(key) if key is not None else None)


def settings_version(chrome):
    """A token that changes whenever the menu-and-footer settings are saved with a different value."""
    values = [field.value_to_string(chrome) for field in chrome._meta.concrete_fields]
    return hashlib.sha256(repr(values).encode()).hexdigest()[:16]


def chrome_key(context, part):
    """The key for a part of the menu and footer ("header", "help_now", "footer"), or None."""
    from mindsite.models import SiteChrome

    request = context.get("request")
    if not _shareable(request):
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    chrome = SiteChrome.for_request(request)
    page = context.get("page")
    # The header marks the menu link to the page being read as the current one.
    page_id = page.pk if part == "header" and isinstance(page, Page) else 0
    return f"fragment:{part}:{page_cache.generation()}:{site.pk}:{settings_version(chrome)}:{page_id}"


def _path_and_query(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def forget_bodies(sender, pages, **kwargs):
    """pages_purged: delete the cached bodies of the pages purged, at each of their paths, and move
    each page to a new marker, so a body rendered from what was there before is never read."""
    if not pages:
        return
    generation = page_cache.generation()
    markers = cache.get_many([_marker_key(page.pk) for page in pages])
    keys = [
        _body_key(generation, page.pk, page.live_revision_id, markers.get(_marker_key(page.pk), 0), path)
        for page in pages
        if page.live_revision_id is not None
        for path in {_path_and_query(url) for url in page_cache.cached_urls([page])}
    ]
    cache.set_many({_marker_key(page.pk): uuid.uuid4().hex for page in pages}, timeout=None)
    if keys:
        cache.delete_many(keys)
