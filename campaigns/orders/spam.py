"""Keeping bots off the order form without a CAPTCHA.

A bot that is caught sees the normal confirmation page, so it learns nothing; nothing
is saved and no mail is sent. The checks, cheapest first: a honeypot field (in the
form), a minimum time to fill the form (a signed timestamp), a per-client throttle
(counted in Django's cache, keyed by a keyed hash of the client's address), and a cap
on orders to one email or postal address in a day (counted in the database).
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from campaigns.orders.models import PrintOrder

_SIGNING_SALT = "campaigns.order-form-started"
THROTTLE_WINDOW_SECONDS = 60 * 60


def form_started_token():
    return signing.TimestampSigner(salt=_SIGNING_SALT).sign("order-form")


def filled_too_fast(token):
    """True if the token is missing, forged, or younger than ORDER_MIN_FILL_SECONDS."""
    signer = signing.TimestampSigner(salt=_SIGNING_SALT)
    try:
        signer.unsign(token or "")
    except signing.BadSignature:
        return True
    try:
        signer.unsign(token, max_age=settings.ORDER_MIN_FILL_SECONDS)
    except signing.SignatureExpired:
        return False
    # Still "fresh" by ORDER_MIN_FILL_SECONDS: sent back too quickly for a person.
    return settings.ORDER_MIN_FILL_SECONDS > 0


def valid_started_token(token):
    try:
        signing.TimestampSigner(salt=_SIGNING_SALT).unsign(token or "")
    except signing.BadSignature:
        return False
    return True


def client_address(request):
    """The client's IP, looking past ORDER_TRUSTED_PROXY_COUNT proxies' X-Forwarded-For."""
    proxies = settings.ORDER_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _throttle_key(request):
    # A keyed hash: the cache never holds the address itself.
    digest = salted_hmac("campaigns.order-throttle", client_address(request), algorithm="sha256").hexdigest()
    return f"order-throttle:{digest[:32]}"


def over_throttle(request):
    """Count one order from this client; True once it has placed ORDER_THROTTLE_PER_HOUR this hour."""
    key = _throttle_key(request)
    cache.add(key, 0, timeout=THROTTLE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:
        # Expired between add() and incr().
        cache.set(key, 1, timeout=THROTTLE_WINDOW_SECONDS)
        count = 1
    return count > settings.ORDER_THROTTLE_PER_HOUR


def over_daily_cap(email, postcode, address_line_1, now=None):
    """True if this email or postal address already has ORDER_DAILY_CAP_PER_ADDRESS orders in 24 hours."""
    since = (now or timezone.now()) - datetime.timedelta(days=1)
    same_address = Q(email__iexact=email) | Q(postcode=postcode, address_line_1__iexact=address_line_1)
    return (
        PrintOrder.objects.filter(same_address, created_at__gte=since).count() >= settings.ORDER_DAILY_CAP_PER_ADDRESS
    )
