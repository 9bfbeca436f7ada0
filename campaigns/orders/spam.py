"""Keeping bots off the order form without a CAPTCHA, and never dropping a person's order in silence.

A caught bot (the honeypot filled in, or the form sent back sooner than a person could) sees
the normal confirmation page when its form is otherwise valid, so it learns nothing; nothing
is saved and no mail is sent. A form with errors always gets its errors.

A person is never caught by the limits below without being told:
- one client's orders in an hour are counted in Django's cache, keyed by a keyed hash of the
  client's address. Past ORDER_THROTTLE_PER_HOUR (a ward or library behind one address) an
  order is saved but held for the campaigns team to review, with no mail until released; past
  ORDER_HOLD_LIMIT_PER_HOUR it is refused and the page says so.
- orders to one email or postal address in 24 hours are counted in the database when the order
  is placed (campaigns/orders/placing.py); past ORDER_DAILY_CAP_PER_ADDRESS the page says so.
"""

import datetime
import enum
import logging
import threading

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from campaigns.orders.models import PrintOrder

logger = logging.getLogger(__name__)

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


_proxy_warning_lock = threading.Lock()
_proxy_warning_given = False


def warn_if_proxy_count_unset(request):
    """Log once per process when X-Forwarded-For arrives but ORDER_TRUSTED_PROXY_COUNT is 0."""
    global _proxy_warning_given
    if _proxy_warning_given or settings.ORDER_TRUSTED_PROXY_COUNT or "HTTP_X_FORWARDED_FOR" not in request.META:
        return
    with _proxy_warning_lock:
        if _proxy_warning_given:
            return
        _proxy_warning_given = True
    logger.warning(
        "Requests arrive with an X-Forwarded-For header but ORDER_TRUSTED_PROXY_COUNT is 0, so the order "
        "form sees every visitor as the proxy's address and every visitor shares one hourly order "
        "allowance. Set ORDER_TRUSTED_PROXY_COUNT to the number of proxies in front of the site."
    )


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


class Allowance(enum.Enum):
    """What may happen to one more order from a client this hour."""

    PLACE = "place"
    HOLD = "hold"
    REFUSE = "refuse"


def take_allowance(request):
    """Count one order from this client this hour and say whether it may be placed, held or refused."""
    key = _throttle_key(request)
    cache.add(key, 0, timeout=THROTTLE_WINDOW_SECONDS)
    try:
        # incr is atomic in every shared cache, so simultaneous orders each get their own count.
        count = cache.incr(key)
    except ValueError:
        # Expired between add() and incr().
        cache.set(key, 1, timeout=THROTTLE_WINDOW_SECONDS)
        count = 1
    if count <= settings.ORDER_THROTTLE_PER_HOUR:
        return Allowance.PLACE
    if count <= settings.ORDER_HOLD_LIMIT_PER_HOUR:
        return Allowance.HOLD
    return Allowance.REFUSE


def give_back_allowance(request):
    """Uncount an order that was not saved after all (it was over the daily cap)."""
    try:
        cache.decr(_throttle_key(request))
    except ValueError:
        # The hour's count has expired meanwhile: nothing to give back.
        pass


def held_reason():
    """Why an order over the hourly throttle is held, in words, for the campaigns team."""
    return (
        f"More than {settings.ORDER_THROTTLE_PER_HOUR} orders in an hour from one internet connection. "
        "It may be a shared connection (a ward, library or office) or a bot."
    )


def orders_to_address_in_last_day(email, postcode, address_line_1, now=None):
    """How many orders in the last 24 hours went to this email address and to this postal address.

    Returns (to the email address, to the postal address). Placed and held orders both count.
    """
    since = (now or timezone.now()) - datetime.timedelta(days=1)
    to_email = Q(email__iexact=email)
    to_postal_address = Q(postcode=postcode, address_line_1__iexact=address_line_1)
    counts = PrintOrder.objects.filter(to_email | to_postal_address, created_at__gte=since).aggregate(
        email=Count("pk", filter=to_email), postal_address=Count("pk", filter=to_postal_address)
    )
    return counts["email"], counts["postal_address"]
