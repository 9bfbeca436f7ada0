"""The demo content that `make run` loads, as plain data.

Each page is a dict: ``type`` ("app_label.ModelName"), ``title``, ``slug``, ``fields``
(the model's own fields) and ``children``. A page is known by its ``key`` (its slug
unless given), which other pages use to point at it:

- ``PageRef("key")`` in a field or a block value stands for that page;
- ``<a linktype="page" id="@key">`` in rich text links to it.

Stream values are Wagtail's raw JSON form (``{"type": ..., "value": ...}``); the
helpers below build them so the content reads like the page it makes.
"""

import datetime
from typing import NamedTuple

# The log action that marks a revision as the demo loader's own (registered in wagtail_hooks).
DEMO_CONTENT_ACTION = "mindsite.demo"

# When the demo's words were last changed and checked against /work/shared/CONTENT.md's facts
# (commits 8665a7e and dc0e634). The loader gives each page it makes this as its first publish, so
# a guide's "Last updated" is when its text dates from, never the day the demo was loaded. A page
# whose words change later says so with its own "text_date" (a date) beside "fields".
TEXT_DATE = datetime.date(2026, 11, 26)


class PageRef(NamedTuple):
    """Another demo page, by its key; the loader swaps in the page once it exists."""

    key: str


def heading(text, anchor=""):
    return {"type": "heading", "value": {"text": text, "anchor": anchor}}


def _html(paragraphs):
    # Bare strings become paragraphs; strings that already start with a tag (lists) are kept as they are.
    return "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paragraphs)


def text(*paragraphs):
    return {"type": "paragraph", "value": _html(paragraphs)}


def key_point(*paragraphs, title="Key point"):
    return {"type": "key_point", "value": {"title": title, "text": _html(paragraphs)}}


def quote(words, attribution=""):
    return {"type": "quote", "value": {"quote": words, "attribution": attribution}}


def story_teaser(story_key, text=""):
    return {"type": "story_teaser", "value": {"story": PageRef(story_key), "text": text}}


def link(title, url="", page=None):
    """A link to a page on this site (``page`` is its key) or to an address (``url``), never both."""
    return {"title": title, "page": PageRef(page) if page else None, "url": url}


def related_links(*links, heading="Related links"):
    return {"type": "related_links", "value": {"heading": heading, "links": list(links)}}


def action(title, text, url="", page=None):
    """A campaign's "What you can do" card: a link to a page (its key) or an address, and a sentence."""
    return {"type": "action", "value": {**link(title, url, page), "text": text}}
