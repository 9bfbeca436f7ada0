"""Sign-in lockout (django-axes): what a locked-out person sees.

Which address a sign-in comes from is mindsite/accounts/client_address.py's (settings: AXES_CLIENT_IP_CALLABLE).
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of signing in while the account or the address is locked."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = render(request, "accounts/locked_out.html", {"minutes": seconds // 60}, status=429)
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response
