from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from mindsite.admin_access.second_factor import SecondFactorView

urlpatterns = [
    # Before the admin's own URLs: this answers wagtail-2fa's code-entry address with a form that
    # works with current django-otp (mindsite/admin_access/second_factor.py says why).
    path("admin/2fa/auth", SecondFactorView.as_view(), name="wagtail_2fa_auth"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("campaigns.orders.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
