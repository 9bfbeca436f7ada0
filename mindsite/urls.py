import re

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from mindsite import seo
from mindsite.admin_access import urls as admin_access_urls
from mindsite.media import serve_media
from mindsite.search.views import search

urlpatterns = [
    # Before the admin's own: a few of wagtail-2fa's addresses answered by this site's views.
    path("", include(admin_access_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("campaigns.orders.urls")),
    path("feedback/", include("mindsite.page_feedback.urls")),
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("search/", search, name="search"),
]

if settings.BENCH_VIEWS:
    # Only for `make bench` (BENCH_VIEWS=true): the baseline the pages are measured against.
    from mindsite.bench_views import minimal

    urlpatterns.append(path("bench/minimal/", minimal, name="bench_minimal"))

if not settings.MEDIA_IN_OBJECT_STORAGE:
    # On one machine the web process serves uploaded images, in development and production alike.
    media_prefix = re.escape(settings.MEDIA_URL.strip("/"))
    urlpatterns.append(re_path(rf"^{media_prefix}/(?P<path>.+)$", serve_media, name="media"))

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "mindsite.errors.server_error"
