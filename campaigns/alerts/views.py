"""The sign-up, confirmation and unsubscribe pages. None is ever cached; none uses a CSRF token.

Why no CSRF token: the sign-up form sits on the provider and England pages, which the page cache and the
CDN share between readers, so it cannot carry a per-reader token (mindsite/feedback/views.py says the same of
"Is this page useful?"). These views read no cookie, session or user: a forged post can do nothing a direct
post cannot. The sign-up refuses posts whose Origin (or Referer) is another site, with a kind page and the
form again, and has the spam rules of signup.py; confirming and unsubscribing need the signed link, which is
the secret (RFC 8058's one-click unsubscribe must work with no token at all). So no person ever meets
Django's bare CSRF page here.
"""

import logging

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from campaigns.figures.metrics import ENGLAND_CODE
from campaigns.figures.pages import provider_for
from mindsite.feedback.views import from_this_site
from mindsite.pages.seo import site_root_url

from . import signup, tokens
from .emails import figures_section, subject_url
from .erasure import erase_subscription
from .forms import SignUpForm
from .models import Subscription

logger = logging.getLogger(__name__)

ONE_CLICK = "One-Click"


def subject_for(code):
    """(code, name) for a provider's ODS code (any case) or England; 404 for anything else."""
    if str(code).upper() == ENGLAND_CODE:
        return ENGLAND_CODE, "England"
    provider = provider_for(str(code))
    return provider.ods_code, provider.display_name


def page_url_for(request, code):
    section = figures_section()
    return subject_url(section, site_root_url(request), code)


def form_page(request, form, name, state="ask", status=200):
    return TemplateResponse(
        request,
        "alerts/sign_up.html",
        {
            "form": form.describe_fields(),
            "code": form.code,
            "name": name,
            "started": signup.STARTED.make(),
            "state": state,
            "page_url": page_url_for(request, form.code),
            "page_title": f"Email me when new figures for {name} are out",
        },
        status=status,
    )


@csrf_exempt
@never_cache
def sign_up(request):
    code, name = subject_for(request.POST.get("for") or request.GET.get("for") or "")
    if request.method != "POST":
        return form_page(request, SignUpForm(code=code), name)
    typed = {"email": request.POST.get("email", "")}
    if not from_this_site(request):
        return form_page(request, SignUpForm(code=code, initial=typed), name, state="refused", status=403)
    form = SignUpForm(request.POST, code=code)
    if not form.is_valid():
        return form_page(request, form, name)
    outcome = signup.decide(request)
    if outcome is signup.Outcome.BOT:
        logger.info("Figure alert sign-up dropped as spam")
    elif outcome is signup.Outcome.SEND_AGAIN:
        return form_page(request, SignUpForm(code=code, initial=typed), name, state="send_again")
    elif outcome is signup.Outcome.OVER_LIMIT:
        logger.warning("Figure alert sign-up refused: one client is over ALERT_SIGNUPS_PER_HOUR")
        return form_page(request, SignUpForm(code=code, initial=typed), name, state="over_limit", status=429)
    else:
        signup.sign_up(
            form.cleaned_data["email"],
            code,
            name,
            page_url_for(request, code),
            site_root_url(request),
            timezone.now(),
        )
    return redirect(f"{reverse('figure_alerts:check_your_email')}?{urlencode({'for': code})}")


@never_cache
def check_your_email(request):
    """The one answer to every sign-up, whether the address was new, waiting or already confirmed."""
    try:
        code, name = subject_for(request.GET.get("for", ""))
    except Http404:
        code, name = "", ""
    return TemplateResponse(
        request,
        "alerts/check_your_email.html",
        {
            "name": name,
            "page_url": page_url_for(request, code) if code else "/",
            "days": settings.ALERT_UNCONFIRMED_DAYS,
            "page_title": "Check your email",
        },
    )


def _expired(subscription, now):
    age = now - subscription.created_at
    return subscription.confirmed_at is None and age.total_seconds() > tokens.confirm_max_age()


@csrf_exempt
@never_cache
def confirm(request, token):
    """GET: a button to confirm (a mail scanner that follows links confirms nothing). POST: confirmed."""
    now = timezone.now()
    subscription = tokens.read(token, tokens.CONFIRM)
    if subscription is None or _expired(subscription, now):
        return _confirm_page(request, None, "expired", status=404)
    if request.method == "POST":
        Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(confirmed_at=now)
        return redirect(request.path)
    return _confirm_page(request, subscription, "confirmed" if subscription.confirmed_at else "ask")


def _confirm_page(request, subscription, state, status=200):
    name, page_url = "", "/"
    if subscription is not None:
        try:
            code, name = subject_for(subscription.code)
            page_url = page_url_for(request, code)
        except Http404:
            name = subscription.code
    return TemplateResponse(
        request,
        "alerts/confirm.html",
        {
            "state": state,
            "name": name,
            "page_url": page_url,
            "page_title": "You are signed up" if state == "confirmed" else "Confirm your email alerts",
        },
        status=status,
    )


@csrf_exempt
@never_cache
def unsubscribe(request, token):
    """GET: a button. POST (the button, or a mail program's RFC 8058 one-click POST): the address is erased."""
    subscription = tokens.read(token, tokens.UNSUBSCRIBE)
    if request.method == "POST":
        if subscription is not None:
            erase_subscription(subscription)
            logger.info("Figure alert unsubscribed and erased")
        if request.POST.get("List-Unsubscribe") == ONE_CLICK:
            return HttpResponse("Unsubscribed. Your email address has been erased.\n", content_type="text/plain")
        return redirect("figure_alerts:unsubscribed")
    name = ""
    if subscription is not None:
        try:
            _, name = subject_for(subscription.code)
        except Http404:
            name = subscription.code
    return TemplateResponse(
        request,
        "alerts/unsubscribe.html",
        {"state": "ask" if subscription else "gone", "name": name, "page_title": "Stop these emails"},
    )


@never_cache
def unsubscribed(request):
    return TemplateResponse(
        request, "alerts/unsubscribe.html", {"state": "done", "page_title": "You will get no more emails"}
    )
