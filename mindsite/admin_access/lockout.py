"""Sign-in lockout (django-axes): which address a sign-in comes from, and what a locked-out person sees."""

import ipaddress

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


def client_ip(request):
    """The client's address, looking past TRUSTED_PROXY_COUNT proxies' entries in X-Forwarded-For.

    Entries further left were written by the client and are never trusted.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        # Not an address (a proxy passing on junk): count the connection's own address instead.
        return request.META.get("REMOTE_ADDR") or None


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of signing in while the account or the address is locked."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = render(request, "mindsite/admin/locked_out.html", {"minutes": seconds // 60}, status=429)
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response
