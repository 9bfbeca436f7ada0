import logging

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from campaigns.orders.models import OrderSettings
from campaigns.orders.views import csrf_failure as order_form_csrf_failure
from campaigns.story_submissions import spam
from campaigns.story_submissions.forms import StoryForm
from campaigns.story_submissions.sending import OverDailyCap, send_story, story_list

logger = logging.getLogger(__name__)

# Only that this browser sent a story (no personal data), so the thank-you page is its alone.
SESSION_KEY = "story_sent"
FORM_VIEW = "story_submissions:tell"


@never_cache
def story_form(request):
    site = Site.find_for_request(request)
    parent = story_list()
    if request.method == "POST" and parent is not None:
        form = StoryForm(request.POST)
        # Errors first: a form with errors always gets them, whoever sent it.
        if form.is_valid():
            return _send(request, form, parent, site)
    else:
        form = StoryForm()
    return _form_page(request, form, site, closed=parent is None)


def _form_page(request, form, site, *, closed=False, not_sent=None, send_again=False, status=200):
    return TemplateResponse(
        request,
        "story_submissions/story_form.html",
        {
            "form": form.describe_fields(),
            "order_settings": OrderSettings.for_site(site),
            "closed": closed,
            "not_sent": not_sent,
            "send_again": send_again,
            "page_title": "Tell us your story",
        },
        status=status,
    )


def _send(request, form, parent, site):
    if spam.from_a_bot(request.POST):
        logger.info("Story form: submission dropped as spam")
        return _thank(request)
    if spam.over_hourly_limit(request):
        logger.warning("Story not saved: one client is over STORIES_PER_HOUR")
        return _form_page(request, form, site, not_sent={"over_hourly_limit": True}, status=429)
    try:
        send_story(form.cleaned_data, parent, site=site, daily_cap=settings.STORY_DAILY_CAP_PER_ADDRESS)
    except OverDailyCap:
        spam.give_back(request)
        logger.info("Story not saved: over the daily cap for one email address")
        return _form_page(request, form, site, not_sent={"over_daily_cap": True}, status=429)
    return _thank(request)


def _thank(request):
    # A new session key: the thank-you page is not readable through a session fixed beforehand.
    request.session.cycle_key()
    request.session[SESSION_KEY] = True
    return redirect("story_submissions:thanks")


@never_cache
def story_thanks(request):
    if not request.session.get(SESSION_KEY):
        return redirect(FORM_VIEW)
    order_settings = OrderSettings.for_site(Site.find_for_request(request))
    return TemplateResponse(
        request,
        "story_submissions/story_thanks.html",
        {"order_settings": order_settings, "page_title": "Thank you for your story"},
    )


@never_cache
def csrf_failure(request, reason=""):
    """Django's CSRF_FAILURE_VIEW: on the story form, the form again as typed; otherwise the order form's rule.

    Nothing is saved on that request; the one message asks to send it again.
    """
    match = request.resolver_match
    if request.method != "POST" or match is None or match.view_name != FORM_VIEW:
        return order_form_csrf_failure(request, reason)
    typed = {name: request.POST.get(name) for name in request.POST if name != "csrfmiddlewaretoken"}
    form = StoryForm(initial=typed)
    return _form_page(request, form, Site.find_for_request(request), send_again=True)
