"""Rich-text links to pages, looked up once per page view rather than once per paragraph.

Wagtail expands the page links of each rich-text value with a query of its own, so a guide
part with ten linking paragraphs took ten. A page's get_context calls prefetch_page_links
with its rich text; one query fetches every linked page into a store that lives for the
request (mindsite.request_store), and the page link handler reads from it.
"""

import re

from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from mindsite.request_store import RequestStore

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


def page_link_ids(*values):
    """The ids of pages linked from rich text in these stream values, raw data or strings."""
    ids = set()
    for value in values:
        raw = list(value.raw_data) if hasattr(value, "raw_data") else value
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


class PrefetchedPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        store = _store.get() or {}
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        if all(page_id in store for page_id in ids):
            return [store[page_id] for page_id in ids]
        return super().get_many(attrs_list)
