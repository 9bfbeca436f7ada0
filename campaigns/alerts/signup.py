"""Signing up, limited like orders (campaigns/orders/spam.py), and answering the same whoever is signed up.

- A caught bot (the honeypot filled in, or the form sent back sooner than a person could) sees the normal
  answer; nothing is saved or sent. A started token older than ALERT_MAX_FILL_SECONDS (a tab left open for a
  day) is not a bot's: the form comes back, as typed, to send again.
- One client's sign-ups are counted an hour (a keyed hash of its internet address, never the address); past
  ALERT_SIGNUPS_PER_HOUR the page says so and nothing is sent.
- Emails about signing up to one email address are counted an hour too (a keyed hash of it); past
  ALERT_EMAILS_PER_ADDRESS_PER_HOUR none is sent, and the page says what it always says, so the form cannot
  be used to flood someone's inbox, nor to learn whether an address is signed up.
- A new or unconfirmed address is sent the confirmation (an unconfirmed one's 7 days start again); a
  confirmed one is sent "you are already signed up" and nothing changes. The page is the same for all three.
"""

import enum

from django.conf import settings
from django.db import transaction
from mailer.models import Message

from mindsite.accounts.client_address import client_address
from mindsite.spam import rules as site_spam

from .emails import queue, sign_up_email
from .models import Subscription

STARTED = site_spam.StartedToken(salt="figure-alerts.sign-up-started", value="figure-alert")
SIGN_UPS_FROM_CLIENT = site_spam.HourlyCount(name="figure-alert-client", hash_salt="figure-alerts.client-throttle")
EMAILS_TO_ADDRESS = site_spam.HourlyCount(name="figure-alert-address", hash_salt="figure-alerts.address-throttle")


class Outcome(enum.Enum):
    SIGN_UP = "sign up"
    BOT = "bot"
    SEND_AGAIN = "send again"
    OVER_LIMIT = "over limit"


def decide(request):
    """What happens to a valid sign-up POSTed in `request`, counting it against its client's hour."""
    data = request.POST
    token = data.get("started")
    if site_spam.honeypot_filled(data) or STARTED.sent_too_fast(token, settings.ALERT_MIN_FILL_SECONDS):
        return Outcome.BOT
    if STARTED.sent_too_fast(token, 0, settings.ALERT_MAX_FILL_SECONDS):
        # Signed by us, but older than the page could have been cached: a person who left it open.
        return Outcome.SEND_AGAIN
    if SIGN_UPS_FROM_CLIENT.add_one(client_address(request)) > settings.ALERT_SIGNUPS_PER_HOUR:
        return Outcome.OVER_LIMIT
    return Outcome.SIGN_UP


def sign_up(email, code, name, page_url, root, now):
    """Save the sign-up and queue its email (unless this address has had enough this hour). Returns the Subscription."""
    with transaction.atomic():
        subscription, created = Subscription.objects.get_or_create(email=email, code=code, defaults={"created_at": now})
        if not created and subscription.confirmed_at is None:
            subscription.created_at = now
        if EMAILS_TO_ADDRESS.add_one(email) <= settings.ALERT_EMAILS_PER_ADDRESS_PER_HOUR:
            message_id = queue(sign_up_email(subscription, name, page_url, root))
            still_queued = set(
                Message.objects.filter(pk__in=subscription.queued_message_ids).values_list("pk", flat=True)
            )
            subscription.queued_message_ids = [pk for pk in subscription.queued_message_ids if pk in still_queued]
            subscription.queued_message_ids.append(message_id)
        subscription.save()
    return subscription
