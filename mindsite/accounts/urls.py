"""Addresses of wagtail-2fa's that this site answers itself, included before the admin's own.

So are the admin's sign-out and wagtail-2fa's device list, made stricter
(mindsite/accounts/admin_access.py). Each keeps wagtail-2fa's (or Wagtail's) URL name, which
its middleware uses to let someone part-way through signing in reach it, and Wagtail's
admin-access check, as wagtail-2fa's own routes have.
"""

from django.urls import path
from wagtail.admin.auth import require_admin_access

from mindsite.accounts.admin_access import OwnDevicesUntilVerifiedView, sign_out
from mindsite.accounts.second_factor import (
    DeviceCreateView,
    DeviceQRCodeView,
    DeviceUpdateView,
    RemoveDeviceView,
    SecondFactorView,
)

urlpatterns = [
    path("admin/logout/", sign_out, name="wagtailadmin_logout"),
    path(
        "admin/2fa/devices/<int:user_id>",
        require_admin_access(OwnDevicesUntilVerifiedView.as_view()),
        name="wagtail_2fa_device_list",
    ),
    path("admin/2fa/auth", require_admin_access(SecondFactorView.as_view()), name="wagtail_2fa_auth"),
    # The other device pages, for this site's own device models (mindsite/accounts/models.py).
    path("admin/2fa/devices/new", require_admin_access(DeviceCreateView.as_view()), name="wagtail_2fa_device_new"),
    path(
        "admin/2fa/devices/<int:pk>/update",
        require_admin_access(DeviceUpdateView.as_view()),
        name="wagtail_2fa_device_update",
    ),
    path(
        "admin/2fa/devices/<int:pk>/remove",
        require_admin_access(RemoveDeviceView.as_view()),
        name="wagtail_2fa_device_remove",
    ),
    path(
        "admin/2fa/devices/qr-code", require_admin_access(DeviceQRCodeView.as_view()), name="wagtail_2fa_device_qrcode"
    ),
]
