"""The client's address: one answer for the admin's sign-in lockout and the hourly limits on orders and feedback.

Without BEHIND_PROXY it is the connection's own address (REMOTE_ADDR), and X-Forwarded-For,
which anyone can send, is never read.

With BEHIND_PROXY, X-Forwarded-For is read only when the connection comes from a trusted proxy
(TRUSTED_PROXY_CIDRS); from anywhere else the connection is the client, whatever the header says,
so a visitor who reaches the web process directly cannot choose their own address. Each proxy
appends the address the request came to it from, so the header is walked from the right: an
entry is believed because the hop that wrote it is a trusted proxy. The walk stops at the first
entry that is not a trusted proxy (the client), and after at most BEHIND_PROXY entries (the
number of proxies): further left is only what the client wrote itself. So

    connection 10.0.0.2 (trusted), X-Forwarded-For "198.51.100.1, 203.0.113.7", BEHIND_PROXY=1
        -> 203.0.113.7 (the proxy saw it; "198.51.100.1" is the client's own claim)
    connection 203.0.113.7 (not trusted), any X-Forwarded-For -> 203.0.113.7

An entry that is not an address stops the walk at the hop before it.

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
_untrusted_proxy_logged = False


def _address(text):
    """An ip_address, or None for anything else; an IPv4 address written as IPv6 (::ffff:a.b.c.d) is IPv4."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


def is_trusted_proxy(address):
    """Whether an ip_address is in TRUSTED_PROXY_CIDRS."""
    return any(address in network for network in settings.TRUSTED_PROXY_CIDRS)


def client_address(request):
    """The client's IP address as text, or None when the request has none."""
    connection = _address(request.META.get("REMOTE_ADDR") or "")
    if connection is None:
        return None
    forwarded_for = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = settings.BEHIND_PROXY
    if not hops:
        if forwarded_for:
            _log_unbelieved_header()
        return str(connection)
    if not is_trusted_proxy(connection):
        if forwarded_for:
            _log_untrusted_proxy()
        return str(connection)
    entries = [entry for entry in forwarded_for.split(",") if entry.strip()]
    address = connection
    for entry in reversed(entries[-hops:]):
        written = _address(entry)
        if written is None:
            break
        address = written
        if not is_trusted_proxy(address):
            break
    return str(address)


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


def _log_untrusted_proxy():
    """Say once per process that X-Forwarded-For arrived from a connection outside TRUSTED_PROXY_CIDRS."""
    global _untrusted_proxy_logged
    if _untrusted_proxy_logged:
        return
    _untrusted_proxy_logged = True
    logger.warning(
        "A request came with an X-Forwarded-For header from an address outside TRUSTED_PROXY_CIDRS, so the "
        "header was not believed and the connection's own address was taken for the visitor's. That is right "
        "for someone reaching the site directly; but if your proxy or load balancer connects from that address, "
        "add its network to TRUSTED_PROXY_CIDRS, or every visitor will share its sign-in lockout and limits."
    )
