import re

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from mindsite.accounts import urls as accounts_urls
from mindsite.ops import guarded_reports
from mindsite.ops.media import serve_media
from mindsite.pages import seo
from mindsite.search.views import search

urlpatterns = [
    # Before the admin's own: a few of wagtail-2fa's addresses answered by this site's views.
    path("", include(accounts_urls)),
    # Before the admin's own too: Wagtail's reports and redirects list, their downloads guarded.
    path("", include(guarded_reports)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("campaigns.orders.urls")),
    path("", include("campaigns.story_submissions.urls")),
    path("feedback/", include("mindsite.feedback.urls")),
    path("alerts/", include("campaigns.alerts.urls")),
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("search/", search, name="search"),
]

if settings.BENCH_VIEWS:
    # Only for `make bench` (BENCH_VIEWS=true): the baseline the pages are measured against.
    from mindsite.ops.bench_views import minimal

    urlpatterns.append(path("bench/minimal/", minimal, name="bench_minimal"))

if not settings.MEDIA_IN_OBJECT_STORAGE:
    # On one machine the web process serves uploaded images, in development and production alike.
    media_prefix = re.escape(settings.MEDIA_URL.strip("/"))
    urlpatterns.append(re_path(rf"^{media_prefix}/(?P<path>.+)$", serve_media, name="media"))


def serve_page_file(request, path):
    """A file a page serves at one of its routes: a provider's figures as CSV (…/RX1/trend.csv), its share card
    (…/RX1/share.png).

    Wagtail's own pattern takes only paths ending in a slash; the page's route sees the file's name
    as the last part of the path, as it would a slashed one."""
    return wagtail_views.serve(request, path + "/")


# CSVs by any name, PNGs only as share.png: any other .png address (/media/... with media in object storage)
# must not reach Wagtail as a page's file.
urlpatterns += [
    re_path(r"^((?:[\w\-]+/)+(?:[\w\-]+\.csv|share\.png))$", serve_page_file, name="page_file"),
    path("", include(wagtail_urls)),
]

handler400 = "mindsite.pages.errors.bad_request"
handler500 = "mindsite.pages.errors.server_error"
