"""The admin's warnings about mail that is not getting through, and the buttons to act on mail refused for good.

Mail refused for good (an SMTP 5xx) is shown at once; mail still being retried only once it
has waited ORDER_MAIL_STUCK_AFTER_MINUTES. The site-wide layer knows nothing of who the
mail was for: an app that sends mail says what to do about its own refused mail through
the `describe_failed_mail` hook (a function of the Message-ID, returning advice or None).
"""

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.loader import get_template
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.components import Component

from mindsite.mail.queue import (
    failed_messages,
    mark_dealt_with,
    not_dealt_with,
    retry_failed,
    still_waiting,
    stuck_messages,
)

# Who is warned, and may try refused mail again: superusers, and whoever may view the mail failures
# (the Campaigns team). Trying again only re-sends what was already meant to be sent.
VIEW_PERMISSION = "mail.view_maildeliveryfailure"
FAILED_MAIL_ADVICE_HOOK = "describe_failed_mail"
GENERAL_ADVICE = (
    "Check that the address it was sent to is right. If it is someone else's address, contact them another way."
)
# A long list helps no one: the first few, and how many more.
SHOWN = 20
MESSAGE_PK = re.compile(r"[0-9]{1,18}")


def can_see_mail_problems(user):
    return user.is_superuser or user.has_perm(VIEW_PERMISSION)


def advice_for(message_id):
    for describe in hooks.get_hooks(FAILED_MAIL_ADVICE_HOOK):
        advice = describe(message_id)
        if advice:
            return advice
    return GENERAL_ADVICE


def waiting_time():
    """ORDER_MAIL_STUCK_AFTER_MINUTES in words: 'an hour', '3 hours', '30 minutes'."""
    minutes = settings.ORDER_MAIL_STUCK_AFTER_MINUTES
    if minutes == 60:
        return "an hour"
    if minutes % 60 == 0:
        return f"{minutes // 60} hours"
    return "a minute" if minutes == 1 else f"{minutes} minutes"


def mail_problems_context(user, now=None):
    """What templates/mail/admin/stuck_mail.html needs, for any admin page that shows it."""
    failed = failed_messages(limit=SHOWN)
    failed_count = not_dealt_with().count() if len(failed) == SHOWN else len(failed)
    stuck = stuck_messages(now, limit=SHOWN)
    stuck_count = still_waiting(now).count() if len(stuck) == SHOWN else len(stuck)
    return {
        "failed_mail": [{"message": message, "advice": advice_for(message.message_id)} for message in failed],
        "failed_count": failed_count,
        "failed_more": failed_count - len(failed),
        "stuck_mail": stuck,
        "stuck_count": stuck_count,
        "stuck_more": stuck_count - len(stuck),
        "stuck_after": waiting_time(),
        "can_act_on_mail": can_see_mail_problems(user),
        "failed_mail_url": reverse("mindsite_failed_mail"),
    }


class StuckMailPanel(Component):
    name = "stuck_mail"
    order = 50
    template_name = "mail/admin/stuck_mail_panel.html"

    def __init__(self, request, context):
        self.request = request
        self.context = context

    def render_html(self, parent_context=None):
        # With the request, so the buttons' forms carry a CSRF token.
        return get_template(self.template_name).render(self.get_context_data(parent_context), request=self.request)

    def get_context_data(self, parent_context=None):
        return self.context


def add_stuck_mail_panel(request, panels):
    if not can_see_mail_problems(request.user):
        return
    context = mail_problems_context(request.user)
    if context["failed_mail"] or context["stuck_mail"]:
        panels.insert(0, StuckMailPanel(request, context))


@require_POST
def act_on_failed_mail(request):
    """Try refused mail again, or mark it dealt with: one message (message=<id>) or every one shown (message=all)."""
    if not can_see_mail_problems(request.user):
        raise PermissionDenied
    which = request.POST.get("message", "")
    action = request.POST.get("action")
    pks = None if which == "all" else [int(which)] if MESSAGE_PK.fullmatch(which) else []
    if action == "retry" and pks != []:
        count = retry_failed(pks)
        if count:
            messages.success(
                request,
                f"{count} email{'s' if count != 1 else ''} will be tried again within a minute. "
                "If the mail server refuses again, it will be shown here again.",
            )
        else:
            messages.warning(request, "Nothing to try again: it may have been sent or dealt with already.")
    elif action == "dealt_with" and pks != []:
        count = mark_dealt_with(pks)
        if count:
            messages.success(request, f"{count} email{'s' if count != 1 else ''} marked as dealt with.")
        else:
            messages.warning(request, "Nothing to mark: it may have been sent or dealt with already.")
    else:
        messages.error(request, "Choose “Try again” or “Mark as dealt with” for an email in the list.")
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)
    return redirect("wagtailadmin_home")


def admin_urls():
    return [path("mail/failed/", act_on_failed_mail, name="mindsite_failed_mail")]
