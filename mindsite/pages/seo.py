"""What search engines and social media read: the sitemap, robots.txt, and each page's head tags.

- /sitemap.xml (wagtail.contrib.sitemaps): every published, public page of the requesting site,
  with the date it was last published. Routes of a page (a guide's whole-guide view) are not listed.
- /robots.txt: keeps crawlers out of the admin and names the sitemap's full address.
- In every page's <head> (templates/components/page_meta.html): a canonical link, a meta
  description that is never empty, Open Graph and Twitter card tags with a share image (a view's own
  `share_image` in the context, else the page's picture, else the site settings' share image, else
  static/images/share-default.png), and
  schema.org Article data on the page types that are articles (``open_graph_type = "article"``).
"""

import html
import json
import logging
from urllib.parse import urljoin

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page, Site

from mindsite.pages.models import MenuAndFooter

logger = logging.getLogger(__name__)

# How long browsers and a CDN may keep robots.txt and the sitemap. Short, so a page made private
# leaves the sitemap soon (the page itself is purged at once).
CACHE_SECONDS = 600

# Who publishes every page: the charity, named in the Article data.
PUBLISHER_NAME = "Mind"
PUBLISHER_URL = "https://www.mind.org.uk/"
# The description of a page that has none of its own (and of the site's own views).
DEFAULT_DESCRIPTION = (
    "Mind, the mental health charity, campaigns so that everyone with a mental health problem gets support and respect."
)
DESCRIPTION_MAX_CHARS = 300
# The size social media show a shared link's picture at.
SHARE_IMAGE_SPEC = "fill-1200x630"
# Every page shares a picture: this one (1200x630, campaigns/figures/share_images.make_default_card) when it
# has none of its own and the site settings name none.
DEFAULT_SHARE_IMAGE = "images/share-default.png"
DEFAULT_SHARE_IMAGE_ALT = "Mind: campaigning so that everyone with a mental health problem gets support and respect."
# Fits the Article publisher logo in the box search engines ask for.
LOGO_SPEC = "max-600x60"
LANGUAGE = "en-GB"
OPEN_GRAPH_LOCALE = "en_GB"

# Escapes that keep JSON inside <script> from closing it or starting markup (as Django's json_script).
JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@require_safe
@cache_control(public=True, max_age=CACHE_SECONDS)
def sitemap(request):
    """The requesting site's pages: Wagtail's sitemap, which lists published, public pages only."""
    return wagtail_sitemap(request)


@require_safe
@cache_control(public=True, max_age=CACHE_SECONDS)
def robots_txt(request):
    lines = [
        "User-agent: *",
        # Pages, styles, scripts and images stay open: search engines draw pages to judge them.
        "Disallow: /admin/",
        f"Sitemap: {site_root_url(request)}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def site_root_url(request):
    """The requesting site's address with no trailing slash, e.g. https://campaigns.mind.org.uk."""
    site = Site.find_for_request(request)
    if site is not None:
        return site.root_url
    return request.build_absolute_uri("/").rstrip("/")


def json_ld(data):
    """Data for a <script type="application/ld+json">: JSON in which no <, > or & is left to close the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_LD_ESCAPES)
    return mark_safe(text)  # noqa: S308 (every <, > and & is escaped above; JSON strings carry the rest)


def description_of(page):
    """The page's search description, else its summary, else its introduction; else the site's default."""
    for text in (
        getattr(page, "search_description", ""),
        getattr(page, "summary", ""),
        html.unescape(strip_tags(str(getattr(page, "introduction", "") or ""))),
    ):
        text = " ".join((text or "").split())
        if text:
            return Truncator(text).chars(DESCRIPTION_MAX_CHARS)
    return DEFAULT_DESCRIPTION


def own_image(page):
    """A page's own picture and what it shows: a story's photo, a guide's cover."""
    if getattr(page, "image_id", None):
        return page.image, getattr(page, "image_alt_text", "")
    if getattr(page, "cover_image_id", None):
        return page.cover_image, f"The cover of {page.title}"
    return None, ""


def load_chrome_images(chrome):
    """The site settings' share image and logo, loaded in one query: the head needs both."""
    wanted = {name: getattr(chrome, f"{name}_id") for name in ("share_image", "logo")}
    if not any(wanted.values()):
        return
    images = get_image_model().objects.in_bulk([image_id for image_id in wanted.values() if image_id])
    for name, image_id in wanted.items():
        # Setting the relation fills its cache: the header's own use of the logo costs nothing more.
        setattr(chrome, name, images.get(image_id))


def rendition_at(image, spec, root_url):
    """The image at this size and its absolute address, or None if its file is missing."""
    try:
        rendition = image.get_rendition(spec)
    except SourceImageIOError:
        logger.warning("Image %s has no file: left out of the share tags", image.pk)
        return None
    return rendition, urljoin(root_url + "/", rendition.url)


def default_share_image(root_url):
    """The site's own default share picture (a static file): every page shares a picture."""
    url = urljoin(root_url + "/", static(DEFAULT_SHARE_IMAGE))
    return {"url": url, "width": 1200, "height": 630, "alt": DEFAULT_SHARE_IMAGE_ALT}


def share_image(page, chrome, root_url):
    """The page's own image, else the settings' share image, at 1200x630, else the static default: a dict."""
    image, alt = own_image(page) if isinstance(page, Page) else (None, "")
    if image is None and chrome is not None and chrome.share_image:
        image, alt = chrome.share_image, chrome.share_image.default_alt_text
    if image is None:
        return default_share_image(root_url)
    found = rendition_at(image, SHARE_IMAGE_SPEC, root_url)
    if found is None:
        return default_share_image(root_url)
    rendition, url = found
    return {"url": url, "width": rendition.width, "height": rendition.height, "alt": alt or image.default_alt_text}


def article_data(page, request, *, url, description, image, guide, chrome, root_url, last_updated=None):
    """schema.org Article data for a guide part or a story.

    A part is modified when readers are told it was ("Last updated"), not at each publish of a typo fix."""
    publisher = {"@type": "Organization", "name": PUBLISHER_NAME, "url": PUBLISHER_URL}
    if chrome is not None and chrome.logo:
        found = rendition_at(chrome.logo, LOGO_SPEC, root_url)
        if found is not None:
            publisher["logo"] = {"@type": "ImageObject", "url": found[1]}
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": description,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": LANGUAGE,
        "author": {"@type": "Organization", "name": PUBLISHER_NAME, "url": PUBLISHER_URL},
        "publisher": publisher,
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    modified = last_updated or page.last_published_at
    if modified:
        data["dateModified"] = modified.isoformat()
    if image:
        data["image"] = image["url"]
    if isinstance(guide, Page) and guide.pk != page.pk:
        data["isPartOf"] = {"@type": "CreativeWork", "name": guide.title, "url": guide.get_full_url(request)}
    return data


def head_tags(context):
    """What templates/components/page_meta.html needs for the page being drawn."""
    request = context.get("request")
    page = context.get("page")
    root_url = site_root_url(request) if request is not None else ""
    chrome = MenuAndFooter.for_request(request) if request is not None else None
    is_page = isinstance(page, Page)
    if chrome is not None:
        load_chrome_images(chrome)
    site = Site.find_for_request(request) if request is not None else None
    description = description_of(page) if is_page else context.get("meta_description") or DEFAULT_DESCRIPTION
    # A view that serves more than the page (a route, a page of a list) says its own canonical address.
    url = context.get("canonical_url") or (page.get_full_url(request) if is_page else None)
    # A view that draws its own card (a provider's figures) passes it: {"url", "width", "height", "alt"}.
    image = context.get("share_image") or share_image(page, chrome, root_url)
    open_graph_type = getattr(page, "open_graph_type", "website") if is_page else "website"
    tags = {
        "description": description,
        "canonical_url": url,
        "title": (page.seo_title or page.title) if is_page else context.get("page_title", ""),
        "site_name": (site.site_name if site else "") or "Mind campaigns",
        "locale": OPEN_GRAPH_LOCALE,
        "open_graph_type": open_graph_type,
        "image": image,
        "article": None,
    }
    if is_page and open_graph_type == "article" and url:
        tags["article"] = json_ld(
            article_data(
                page,
                request,
                url=url,
                description=description,
                image=image,
                guide=context.get("guide"),
                chrome=chrome,
                root_url=root_url,
                last_updated=context.get("last_updated"),
            )
        )
    return tags
