"""Two of the admin's addresses made stricter than Wagtail and wagtail-2fa leave them.

- Signing out is a POST. Wagtail's sign-out answers a GET with 405 but still deletes the session
  cookie as it does so, so a link or an image anywhere would sign an editor out. Here a GET is
  refused before Wagtail's view runs, and changes nothing.
- Someone signed in with their password but not yet through the second factor reaches only what
  enrolment needs. wagtail-2fa lets a person with no authenticator app yet open the device list
  (to set theirs up), but any user's list, so a superuser part-way through signing in could
  read a colleague's devices. Here, before the second factor, only one's own list opens; anyone
  else's sends them to set up their own app, as every other admin page does.

Both keep the URL names wagtail-2fa's middleware checks, and are included before the admin's own
addresses (mindsite/accounts/urls.py).
"""

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.account import LogoutView

from mindsite.accounts.second_factor import DeviceListView

# As Wagtail serves its own sign-out (admin access, never cached), for a POST only.
sign_out = never_cache(require_admin_access(require_POST(LogoutView.as_view())))


class OwnDevicesUntilVerifiedView(DeviceListView):
    def dispatch(self, request, *args, **kwargs):
        if int(kwargs["user_id"]) != request.user.pk and not request.user.is_verified():
            return redirect_to_login(request.get_full_path(), login_url=reverse("wagtail_2fa_device_new"))
        return super().dispatch(request, *args, **kwargs)
