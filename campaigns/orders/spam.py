"""Keeping bots off the order form without a CAPTCHA, and never dropping a person's order in silence.

A valid order asks decide() once, and is placed, held or refused.

A caught bot (the honeypot filled in, or the form sent back sooner than a person could) sees
the normal confirmation page when its form is otherwise valid, so it learns nothing; nothing
is saved and no mail is sent. A form with errors always gets its errors.

A person is never caught by the limits below without being told:
- one client's orders in an hour are counted in Django's cache, keyed by a keyed hash of the
  client's address (mindsite/accounts/client_address.py). Past ORDERS_PER_HOUR_BEFORE_HOLD (a ward or
  library behind one address) an order is saved but held for the campaigns team to review, with
  no mail until released; past ORDERS_PER_HOUR_BEFORE_REFUSAL it is refused and the page says so.
- orders to one email or postal address in 24 hours are counted in the database when the order
  is placed (campaigns/orders/placing.py); past ORDER_DAILY_CAP_PER_ADDRESS the page says so.

The rules every public form shares (honeypot, started token, hourly count) are in mindsite/spam/rules.py.
"""

import datetime
import enum
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from campaigns.orders.models import PrintOrder
from mindsite.accounts.client_address import client_address
from mindsite.spam import rules as site_spam

# The salt and the cache key's name are the ones used before these rules moved to mindsite.spam.rules,
# so forms and counts in flight at a deploy still work.
STARTED_TOKEN = site_spam.StartedToken(salt="campaigns.order-form-started", value="order-form")
_HOURLY_ORDERS = site_spam.HourlyCount(name="order-throttle", hash_salt="campaigns.order-throttle")


class Outcome(enum.Enum):
    PLACE = "place"
    HOLD = "hold"
    REFUSE = "refuse"


@dataclass(frozen=True)
class Decision:
    """What happens to one valid order, and why."""

    outcome: Outcome
    # HOLD: why, in words, for the campaigns team.
    held_reason: str = ""
    # REFUSE: a bot's, which is shown the normal confirmation so it learns nothing; otherwise the
    # client is over the hourly limit, and the page says so.
    from_a_bot: bool = False
    # The address this order was counted against this hour, if it was.
    counted_for: str | None = None

    def give_back(self):
        """Uncount an order that was not saved after all (it was over the daily cap)."""
        if self.counted_for is not None:
            _HOURLY_ORDERS.give_back(self.counted_for)


def decide(request):
    """Place, hold or refuse the valid order POSTed in `request`, counting it against its client's hour.

    A bot (the honeypot filled in, or sent back sooner than a person could) is refused before
    it is counted, so it uses up no one's allowance.
    """
    data = request.POST
    if site_spam.honeypot_filled(data) or STARTED_TOKEN.sent_too_fast(
        data.get("started"), settings.ORDER_MIN_FILL_SECONDS
    ):
        return Decision(Outcome.REFUSE, from_a_bot=True)
    address = client_address(request)
    count = _HOURLY_ORDERS.add_one(address)
    if count <= settings.ORDERS_PER_HOUR_BEFORE_HOLD:
        return Decision(Outcome.PLACE, counted_for=address)
    if count <= settings.ORDERS_PER_HOUR_BEFORE_REFUSAL:
        held_reason = (
            f"More than {settings.ORDERS_PER_HOUR_BEFORE_HOLD} orders in an hour from one internet connection. "
            "It may be a shared connection (a ward, library or office) or a bot."
        )
        return Decision(Outcome.HOLD, held_reason=held_reason, counted_for=address)
    return Decision(Outcome.REFUSE, counted_for=address)


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
