"""The client's address: one answer for the admin's sign-in lockout and the hourly limits on orders and feedback.

Without BEHIND_PROXY it is the connection's own address (REMOTE_ADDR), and X-Forwarded-For,
which anyone can send, is never read. With BEHIND_PROXY, the proxies in front of the site each
append to X-Forwarded-For the address the request came to them from, so the right-most
BEHIND_PROXY entries are theirs: the client is the BEHIND_PROXY-th entry from the right (the
right-most when there is one proxy). Entries further left were written by the client itself
and are never believed.

Our own few lines rather than django-ipware: by default ipware believes any of a dozen headers a
client can send itself (X-Real-IP, Client-IP, Forwarded, ...) and takes the left-most address of
X-Forwarded-For, so it is safe only once its header order, proxy order and proxy count are all
set, which is more to configure and read than the function below.
"""

import ipaddress
import logging

from django.conf import settings

logger = logging.getLogger(__name__)

_unbelieved_header_logged = False


def client_address(request):
    """The client's IP address as text, or None when the request has none."""
    connection = request.META.get("REMOTE_ADDR") or None
    address = connection
    forwarded_for = request.META.get("HTTP_X_FORWARDED_FOR", "")
    proxies = settings.BEHIND_PROXY
    if proxies:
        entries = [entry.strip() for entry in forwarded_for.split(",") if entry.strip()]
        # Fewer entries than proxies: the request did not come through them all (a health check).
        if len(entries) >= proxies:
            address = entries[-proxies]
    elif forwarded_for:
        _log_unbelieved_header()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        # Not an address (a proxy passing on junk): the connection's own address instead.
        return connection


def _log_unbelieved_header():
    """Say once per process that X-Forwarded-For arrives while BEHIND_PROXY is off."""
    global _unbelieved_header_logged
    if _unbelieved_header_logged:
        return
    _unbelieved_header_logged = True
    logger.warning(
        "Requests arrive with an X-Forwarded-For header but BEHIND_PROXY is off, so the site takes "
        "the proxy's address for every visitor's: they all share one sign-in lockout and one hourly "
        "allowance of orders and page feedback. If a proxy or load balancer in front of the site "
        "appends to X-Forwarded-For, set BEHIND_PROXY=true (or the number of proxies, for a chain)."
    )
