"""'Restraint in your area': the finder, the A–Z list of providers, England's page and each provider's page.

One Wagtail page serves them all from NHS England's figures as imported (no page per provider: the
providers come and go with the files). Its addresses, below the page's own:
  ./                 the finder (?q= finds by name, place, town, postcode or ODS code, with JavaScript off)
  find/?q=           the finder's results alone, for the as-you-type script
  providers/         every provider, A to Z;  providers/latest.csv  every provider's latest figures
  compare/           every provider's latest figures side by side (?sort=, ?order=, ?region=, ?kind=)
  england/           England's figures;  england/<slug>.csv  their CSV files
  <ODS code>/        a provider's page;  <ODS code>/<slug>.csv  its CSV files
  <ODS code>/share.png  its share card (share_images.py), the page's og:image
  <ODS code>/letter/ 'Write a letter' (letters.py): GET pre-fills it, POST downloads what was typed
A file's address (CSV, PNG) has no closing slash: mindsite/urls.py hands such addresses to Wagtail, whose own
pattern takes only slashed ones, and the route sees the file's name as the last part of the path.
"""

import codecs
import re
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from mindsite.caching import page_cache
from mindsite.pages.models import HomePage
from mindsite.pages.models.base import BasePage
from mindsite.pages.rich_text import prefetch_page_links

from . import comparison
from .display import csv_files, figures_for
from .downloads import ALL_PROVIDERS_SLUG, all_providers_csv
from .finder import (
    MAX_QUERY_LENGTH,
    OGL_URL,
    clean_query,
    find,
    finder_examples,
    match_key,
    providers_with_places,
    shows_invented,
)
from .letters import letter_response
from .mergers import with_successions
from .records import FigureImport, Provider
from .share_images import HEIGHT, WIDTH, card_alt, card_key, card_lines, provider_card
from .what_you_can_do import provider_extras

# An ODS code as it may appear in an address: letters and digits (looked up whatever their case).
ODS_CODE = re.compile(r"[A-Za-z0-9]{1,12}")
CSV_SLUG = re.compile(r"[a-z0-9-]{1,80}")
# What a download's file name may hold in its header: anything else becomes a hyphen.
SAFE_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]")


class RestraintFiguresPage(RoutablePageMixin, BasePage):
    """The campaign's 'Restraint in your area' section: NHS England's figures, provider by provider."""

    template = "figures/restraint_figures_page.html"

    intro = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="A sentence or two above the finder: what the figures are and what a reader can do with them.",
    )
    influencing_part = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "The part of 'Influencing change in your area' that each provider's 'What you can do' links to, "
            "for example 'Campaigning for change'."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        PageChooserPanel("influencing_part", page_type="guides.GuideChapterPage"),
    ]

    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "restraint in your area"

    # --- what the page serves, for the page cache and the CDN ---------------------------------------

    def other_pages_showing_this(self):
        """The page cache's question: the home page's finder box points here, under the campaign it features."""
        return HomePage.featuring_a_campaign_above(self)

    def get_cached_paths(self):
        """Every address the page cache and a CDN may keep: the finder, the list, England's page and each
        provider's (one query). The CSV downloads are sent private, so nothing keeps them to purge."""
        codes = Provider.objects.order_by("ods_code").values_list("ods_code", flat=True)
        return ["/", "/providers/", "/compare/", "/england/", *(f"/{code}/" for code in codes)]

    def get_sitemap_urls(self, request=None):
        """The section, and the list, England's page and each provider's: search engines find them all."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        base = urls[0]["location"]
        codes = Provider.objects.order_by("ods_code").values_list("ods_code", flat=True)
        paths = ["providers/", "compare/", "england/", *(f"{c}/" for c in codes)]
        return urls + [{"location": f"{base}{path}"} for path in paths]

    # --- the finder -----------------------------------------------------------------------------------

    def finder_context(self, request):
        typed = "q" in request.GET
        raw = request.GET.get("q", "")
        query = clean_query(raw)
        found = find(query)
        return {
            "typed": typed,
            "query": query,
            "found": found,
            "matches": found.matches,
            # Longer text is cut to what the field takes, and the reader told.
            "cut_short": len(" ".join(raw.split())) > MAX_QUERY_LENGTH,
            # Typed, but nothing in it to look for: emoji, symbols.
            "nothing_to_find": bool(query) and not match_key(query),
            "ogl_url": OGL_URL,
            "max_query_length": MAX_QUERY_LENGTH,
            "invented": shows_invented(),
        }

    @path("", name="finder")
    def finder(self, request):
        prefetch_page_links(self.intro)
        context = self.finder_context(request)
        # The hint's examples: a town and a code that find something in the figures loaded.
        context["examples"] = finder_examples(context["found"].providers)
        return self.render(request, context_overrides=context)

    @path("find/", name="find")
    def find(self, request):
        """The finder's results alone: the script asks for them as a reader types."""
        context = {"page": self, "self": self, **self.finder_context(request)}
        response = TemplateResponse(request, "figures/_finder_results.html", context)
        response["X-Robots-Tag"] = "noindex"
        # Never kept by the page cache or a CDN: a stored copy would come back without its noindex.
        patch_cache_control(response, private=True)
        return response

    # --- every provider ------------------------------------------------------------------------------

    @path("providers/", name="providers")
    def providers(self, request):
        providers = providers_with_places()
        groups = {}
        for provider in providers:
            first = provider.display_name[:1].upper()
            groups.setdefault(first if first.isalpha() else "#", []).append(provider)
        return self.subpage_response(
            request,
            "figures/providers.html",
            "providers",
            {"providers": providers, "groups": sorted(groups.items()), "invented": shows_invented()},
        )

    @path("providers/<str:slug>.csv/", name="providers_csv")
    def providers_csv(self, request, slug):
        """Every provider's latest figures, one row each (before the provider's routes: 'providers' is no code)."""
        if slug != ALL_PROVIDERS_SLUG:
            raise Http404("No such file.")
        return download(*all_providers_csv())

    # --- every provider side by side ------------------------------------------------------------------

    @path("compare/", name="compare")
    def compare(self, request):
        """Every provider's latest figures in one table, sorted and filtered by links and a form (no script)."""
        sort = request.GET.get("sort", "")
        if sort not in comparison.COLUMNS:
            sort = comparison.DEFAULT_SORT
        order = request.GET.get("order", "")
        if order not in ("asc", "desc"):
            order = "asc" if sort == "name" else "desc"
        table = comparison.comparison()
        messages = []
        region = request.GET.get("region", "")
        if region and region not in {item.code for item in table.regions}:
            messages.append("We have no providers in that region, so every region is shown.")
            region = ""
        kind = request.GET.get("kind", "")
        if kind and kind not in comparison.KINDS:
            messages.append("That is not a kind of provider we know, so every kind is shown.")
            kind = ""
        filters = {key: value for key, value in [("region", region), ("kind", kind)] if value}
        if sort == "name":
            sorted_words = "A to Z" if order == "asc" else "Z to A"
        else:
            sorted_words = "lowest first" if order == "asc" else "highest first"
        headers = []
        for column, label in comparison.COLUMNS.items():
            sorted_here = column == sort
            first = "asc" if column == "name" else "desc"
            next_order = ("desc" if order == "asc" else "asc") if sorted_here else first
            if column == "name":
                next_words = "A to Z" if next_order == "asc" else "Z to A"
            else:
                next_words = "lowest first" if next_order == "asc" else "highest first"
            headers.append(
                {
                    "column": column,
                    "label": label,
                    "href": "?" + urlencode({"sort": column, "order": next_order, **filters}),
                    "aria_sort": ("ascending" if order == "asc" else "descending") if sorted_here else "",
                    "next_words": next_words,
                }
            )
        return self.subpage_response(
            request,
            "figures/compare.html",
            "compare",
            {
                "table": table,
                "rows": table.shown(sort, order == "desc", region or None, kind or None),
                "headers": headers,
                "sorted_by": f"{comparison.COLUMNS[sort].lower()}, {sorted_words}",
                "sort": sort,
                "order": order,
                "region": region,
                "kind": kind,
                "kinds": [(key, many[:1].upper() + many[1:]) for key, (_, _, many) in comparison.KINDS.items()],
                "messages_for_reader": messages,
                "filtered": bool(filters),
                "invented": table.is_synthetic,
            },
        )

    # --- England -----------------------------------------------------------------------------------------

    @path("england/", name="england")
    def england(self, request):
        figures = figures_for(None)
        return self.subpage_response(
            request,
            "figures/england.html",
            "england",
            {"figures": figures, "subject_name": "England", "invented": figures.is_synthetic},
        )

    @path("england/<str:slug>.csv/", name="england_csv")
    def england_csv(self, request, slug):
        return csv_response(figures_for(None), slug)

    # --- a provider ----------------------------------------------------------------------------------

    @path("<str:ods_code>/", name="provider")
    def provider(self, request, ods_code):
        provider = provider_for(ods_code)
        if provider.ods_code != ods_code:
            url = self.get_url(request) + self.reverse_subpage("provider", args=[provider.ods_code])
            return HttpResponsePermanentRedirect(url)
        figures = figures_for(provider)
        return self.subpage_response(
            request,
            "figures/provider.html",
            "provider",
            {
                "provider": provider,
                "figures": figures,
                "subject_name": provider.display_name,
                "extras": provider_extras(provider),
                "invented": provider.is_synthetic or figures.is_synthetic,
                "share_image": self.share_image_tags(request, provider, figures),
            },
            args=[provider.ods_code],
        )

    @path("<str:ods_code>/letter/", name="letter")
    def letter(self, request, ods_code):
        """'Write a letter' (letters.py): GET shows it pre-filled; POST downloads or redraws what was typed."""
        provider = provider_for(ods_code)
        if provider.ods_code != ods_code:
            url = self.get_url(request) + self.reverse_subpage("letter", args=[provider.ods_code])
            return HttpResponsePermanentRedirect(url)
        return letter_response(self, request, provider)

    @path("<str:ods_code>/<str:slug>.csv/", name="provider_csv")
    def provider_csv(self, request, ods_code, slug):
        provider = provider_for(ods_code)
        if provider.ods_code != ods_code:
            return HttpResponsePermanentRedirect(f"{self.get_url(request)}{provider.ods_code}/{slug}.csv")
        return csv_response(figures_for(provider), slug)

    # --- a provider's share card (share_images.py) -------------------------------------------------------

    def share_image_tags(self, request, provider, figures):
        """The provider page's og:image: its card's full address, size and alt text (no query: the page has
        the figures already)."""
        lines = card_lines(provider, figures, invented=provider.is_synthetic or figures.is_synthetic)
        url = self.get_full_url(request) + self.reverse_subpage("provider_share_image", args=[provider.ods_code])
        return {"url": url.rstrip("/"), "width": WIDTH, "height": HEIGHT, "alt": card_alt(lines)}

    @path("<str:ods_code>/share.png/", name="provider_share_image")
    def provider_share_image(self, request, ods_code):
        """The card: drawn once per provider per import, then from the cache; its ETag changes with an import."""
        provider = provider_for(ods_code)
        if provider.ods_code != ods_code:
            return HttpResponsePermanentRedirect(f"{self.get_url(request)}{provider.ods_code}/share.png")
        latest = FigureImport.objects.order_by("-pk").values_list("pk", "started_at").first()
        import_key, imported_at = latest or (0, None)
        etag = f'"{card_key(provider, import_key)}"'
        response = get_conditional_response(request, etag=etag)
        if response is None:

            def lines_for():
                figures = figures_for(provider)
                return card_lines(provider, figures, invented=provider.is_synthetic or figures.is_synthetic)

            response = HttpResponse(provider_card(provider, import_key, lines_for), content_type="image/png")
        response["ETag"] = etag
        if imported_at:
            response["Last-Modified"] = http_date(imported_at.timestamp())
        # As the site's pages: a minute in a browser, then asked again (a 304 while the ETag holds).
        patch_cache_control(response, public=True, max_age=getattr(settings, "BROWSER_CACHE_SECONDS", 60))
        # Made to be shown on other sites (the site's own same-origin policy would keep it from their pages).
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
        return response

    def subpage_response(self, request, template, route, context, args=()):
        # A route's own canonical address, so search engines and share cards name it, not the finder.
        canonical_url = self.get_full_url(request) + self.reverse_subpage(route, args=args)
        return TemplateResponse(
            request, template, {"page": self, "self": self, "canonical_url": canonical_url, **context}
        )


def purge_figure_pages():
    """After an import: every live section, at every address it serves, leaves the page cache."""
    for page in RestraintFiguresPage.objects.live():
        page_cache.purge_page(page)


def provider_for(ods_code):
    """The provider with this ODS code, whatever its case; 404 for anything else."""
    if not ODS_CODE.fullmatch(ods_code):
        raise Http404("No provider has that code.")
    # Its commentary comes in the same query (provider_extras reads it from there), and whether others became
    # part of it (so a provider in no merger costs no query for its successions).
    provider = with_successions(Provider.objects.select_related("commentary")).filter(ods_code__iexact=ods_code).first()
    if provider is None:
        raise Http404("No provider has that code.")
    return provider


def csv_response(figures, slug):
    """One of the figures' CSV files, as a download; 404 for a name it does not have."""
    files = csv_files(figures) if CSV_SLUG.fullmatch(slug) else {}
    if slug not in files:
        raise Http404("No such file.")
    return download(*files[slug])


def download(file_name, text):
    """A CSV file as a download, in UTF-8 with a byte-order mark: without one, Excel reads it as Windows-1252
    and garbles "–" and "Siân"."""
    response = HttpResponse(codecs.BOM_UTF8 + text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{SAFE_FILE_NAME.sub("-", file_name)}"'
    return response
