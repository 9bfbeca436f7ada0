"""Rich-text links to pages, looked up once per page view rather than once per paragraph.

Wagtail expands the page links of each rich-text value with a query of its own, so a guide
part with ten linking paragraphs took ten. A page's get_context calls prefetch_page_links
with its rich text; one query fetches every linked page into a store that lives for the
request (mindsite.pages.request_store), and the page link handler reads from it. Pages chosen in link
blocks (related links, the menu and footer) are fetched in the same query and read by LinkBlock.
"""

import re

from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from mindsite.pages.request_store import RequestStore

_ANCHOR = re.compile(r"<a\b[^>]*>")
_PAGE_ID = re.compile(r'\bid="(\d+)"')
_store = RequestStore("prefetched_link_pages")


def _strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings_in(item)


def _link_block_page_ids(value):
    """The pages chosen in link blocks (mindsite.pages.blocks.LinkBlock: title, page, url) in raw stream data."""
    if isinstance(value, dict):
        if {"title", "page", "url"} <= value.keys() and isinstance(value["page"], int | str) and value["page"]:
            yield str(value["page"])
        for item in value.values():
            yield from _link_block_page_ids(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _link_block_page_ids(item)


def page_link_ids(*values):
    """The ids of pages linked from rich text, or chosen in link blocks, in these stream values, raw data or strings."""
    ids = set()
    for value in values:
        raw = list(value.raw_data) if hasattr(value, "raw_data") else value
        ids.update(_link_block_page_ids(raw))
        for text in _strings_in(raw):
            for anchor in _ANCHOR.findall(text):
                if 'linktype="page"' in anchor and (found := _PAGE_ID.search(anchor)):
                    ids.add(found.group(1))
    return ids


def prefetch_page_links(*values):
    """Fetch, in one query, every page the rich text in these values links to."""
    store = _store.get()
    if store is None:
        return
    missing = page_link_ids(*values) - store.keys()
    if missing:
        store.update((str(page.pk), page) for page in Page.objects.filter(pk__in=missing))


def prefetched_pages(ids):
    """The pages with these ids (strings) that prefetch_page_links fetched this request, or None if any is missing."""
    store = _store.get()
    if store is None or not all(page_id in store for page_id in ids):
        return None
    return {page_id: store[page_id] for page_id in ids}


class PrefetchedPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        store = _store.get() or {}
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        if all(page_id in store for page_id in ids):
            return [store[page_id] for page_id in ids]
        return super().get_many(attrs_list)
