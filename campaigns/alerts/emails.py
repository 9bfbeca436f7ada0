"""The emails of figure alerts: the confirmation, "you are already signed up", and the alert itself.

Each is an EmailMessage with its own Message-ID ("<figure-alert-<subscription>-<kind>@domain>": erasure finds
a subscription's mail logs by it) and List-Unsubscribe headers (RFC 2369, and RFC 8058's one-click
List-Unsubscribe-Post), queued in django-mailer's database queue inside the caller's transaction: the worker
delivers it, and an SMTP outage only delays it. Every link is absolute, from the site's root address. Plain
text only: it reads the same in every mail program and on a phone.
"""

import secrets

from django.conf import settings
from django.urls import reverse
from mailer.models import Message

from campaigns.figures.metrics import ENGLAND_CODE
from campaigns.figures.pages import RestraintFiguresPage
from mindsite.mail import messages

from . import tokens

MESSAGE_ID_PREFIX = "<figure-alert-"


def message_id_start(subscription_pk):
    """How the Message-ID of every email to this subscription begins, whatever the sending domain."""
    return f"{MESSAGE_ID_PREFIX}{subscription_pk}-"


def _message_id(subscription, kind):
    return messages.message_id(message_id_start(subscription.pk), kind)


def figures_section():
    """The live 'Restraint in your area' page, whose routes are the provider and England pages (None: none yet)."""
    return RestraintFiguresPage.objects.live().order_by("path").first()


def root_url(section):
    """The site's address with no trailing slash, from the section's site (the default site's without one)."""
    if section is not None:
        _, root, _ = section.get_url_parts()
        if root:
            return root
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def subject_url(section, root, code):
    """The address of the provider's (or England's) page; the site's home page if there is no section."""
    base = section.get_full_url() if section is not None else None
    if base is None:
        return root + "/"
    if code == ENGLAND_CODE:
        return base + section.reverse_subpage("england")
    return base + section.reverse_subpage("provider", args=[code])


def links(subscription, root):
    return {
        "confirm_url": root + reverse("figure_alerts:confirm", args=[tokens.make(subscription, tokens.CONFIRM)]),
        "unsubscribe_url": root
        + reverse("figure_alerts:unsubscribe", args=[tokens.make(subscription, tokens.UNSUBSCRIBE)]),
    }


def _email(subscription, subject, template, context, kind, unsubscribe_url):
    return messages.email(
        subject,
        f"alerts/emails/{template}",
        context,
        [subscription.email],
        html=False,
        headers={
            "Message-ID": _message_id(subscription, kind),
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def queue(message):
    """Put one message in the database queue, in the caller's transaction; returns the queued row's id."""
    return Message.objects.create(email=message).pk


def sign_up_email(subscription, name, page_url, root):
    """The confirmation (not yet confirmed) or "you are already signed up" (confirmed): the same answer on the page."""
    context = {
        "subscription": subscription,
        "name": name,
        "page_url": page_url,
        "days": settings.ALERT_UNCONFIRMED_DAYS,
        **links(subscription, root),
    }
    if subscription.confirmed_at is None:
        subject = f"Confirm: email me when new restraint figures for {name} are out"
        template, kind = "confirm", "confirm"
    else:
        subject = f"You are already signed up for new restraint figures for {name}"
        template, kind = "already_signed_up", "already"
    # A sign-up may be sent again: each of these emails has its own Message-ID.
    return _email(
        subscription, subject, template, context, f"{kind}-{secrets.token_hex(4)}", context["unsubscribe_url"]
    )


def alert_email(subscription, alert, root):
    """The alert: `alert` is an AlertFigures for the subscription's provider (or England) and month."""
    context = {
        "alert": alert,
        **links(subscription, root),
    }
    subject = f"New restraint figures for {alert.name}: {alert.month_name}"
    if alert.is_revision:
        subject = f"Updated restraint figures for {alert.name}: {alert.month_name}"
    kind = f"{alert.month:%Y-%m}-{alert.status}"
    return _email(subscription, subject, "alert", context, kind, context["unsubscribe_url"])
