"""The site's emails, built one way: a Message-ID each app can find its own mail by, and text from templates.

An app's Message-IDs begin with its own prefix ('<order-ACDE3467-', '<story-12-', '<figure-alert-5-'), so
erasure finds an order's, a story's or a sign-up's mail in the queue and the mail log by that beginning;
the same email sent again carries the same Message-ID, so receiving systems drop the duplicate.
"""

from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string


def message_id(start, kind):
    """'<start><kind>@<the sending domain>>', e.g. '<order-ACDE3467-inbox@mind.org.uk>'."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"{start}{kind}@{domain}>"


def email(subject, template, context, to, headers, reply_to=None, html=True):
    """An email from DEFAULT_FROM_EMAIL: '<template>.txt' as its text and, with html, '<template>.html' beside it."""
    body = render_to_string(f"{template}.txt", context)
    if not html:
        return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to, reply_to=reply_to, headers=headers)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, to, reply_to=reply_to, headers=headers)
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
