"""A guide's published parts as a PDF/UA-1 document, made with WeasyPrint from the whole-guide view's markup.

WeasyPrint needs Pango and HarfBuzz from the operating system (see the README). It is imported here
only, when a PDF is built: without those libraries the site runs as before and no PDF is made.
"""

import importlib
import logging
import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger("guides.pdf")

PDF_VARIANT = "pdf/ua-1"
STYLESHEET = "css/pdf.css"


class PdfSupportMissing(Exception):
    """WeasyPrint or the system libraries it needs (Pango, HarfBuzz) are not installed."""


def load_weasyprint():
    """The weasyprint module, or PdfSupportMissing saying why not."""
    try:
        return importlib.import_module("weasyprint")
    except (ImportError, OSError) as missing:
        # OSError: the package is there but Pango or HarfBuzz is not.
        raise PdfSupportMissing(f"{type(missing).__name__}: {missing}") from missing


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


def css_string(text):
    """Text as a CSS string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ")
    return f'"{escaped}"'


def with_full_link_addresses(html, root_url):
    """Links within the site written in full, so they work (and print) outside it."""
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.find_all("a", href=True):
        if link["href"].startswith("/") and not link["href"].startswith("//"):
            link["href"] = root_url + link["href"]
    return str(soup)


def render_guide_html(guide, parts, sections):
    site = guide.get_site()
    site_name = (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME
    html = render_to_string(
        "guides/guide_pdf.html",
        {
            "guide": guide,
            "page": guide,
            "parts": parts,
            "sections": sections,
            "site_name": site_name,
            "guide_url": guide.full_url,
            "built_on": timezone.localdate(),
        },
    )
    return with_full_link_addresses(html, site.root_url), site, site_name


def render_guide_pdf(guide):
    """The guide's published, public parts as a PDF: its bytes and number of pages."""
    weasyprint = load_weasyprint()
    parts, sections = guide.whole_guide_sections()
    html, site, site_name = render_guide_html(guide, parts, sections)
    footer = weasyprint.CSS(
        string=f"@page {{ @bottom-left {{ content: {css_string(f'{site_name}: {guide.full_url}')}; }} }}"
    )
    with open(finders.find(STYLESHEET), encoding="utf-8") as stylesheet:
        styles = weasyprint.CSS(string=stylesheet.read())
    document = weasyprint.HTML(
        string=html, base_url=site.root_url + "/", url_fetcher=site_files_fetcher(weasyprint, site.root_url)
    ).render(stylesheets=[styles, footer], pdf_variant=PDF_VARIANT)
    data = document.write_pdf(pdf_variant=PDF_VARIANT)
    return RenderedPdf(data=data, pages=len(document.pages))


def site_files_fetcher(weasyprint, root_url):
    """A WeasyPrint URL fetcher for the site's own images and static files, read from storage: no network."""

    class SiteFilesFetcher(weasyprint.urls.URLFetcher):
        def fetch(self, url, headers=None):
            name = stored_name(url, root_url)
            if name is not None:
                return weasyprint.urls.URLFetcherResponse(url, body=default_storage.open(name, "rb"))
            static = static_path(url, root_url)
            if static is not None:
                return weasyprint.urls.URLFetcherResponse(url, body=open(static, "rb"))  # noqa: SIM115 (WeasyPrint closes it)
            raise ValueError(f"Not one of the site's files: {url[:200]}")

    return SiteFilesFetcher(timeout=5, allowed_protocols=("http", "https"), allow_redirects=False)


def _relative_name(url, base):
    if not url.startswith(base):
        return None
    name = posixpath.normpath(unquote(urlsplit(url[len(base) :]).path))
    if name.startswith(("..", "/")) or "\x00" in name:
        return None
    return name


def stored_name(url, root_url):
    """The media storage name an image URL points at (on this site, or in the bucket), or None."""
    media_base = default_storage.url("")
    if media_base.startswith("/"):
        media_base = root_url + media_base
    return _relative_name(url, media_base)


def static_path(url, root_url):
    name = _relative_name(url, root_url + settings.STATIC_URL)
    return finders.find(name) if name else None
