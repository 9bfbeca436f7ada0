"""The endpoint behind 'Is this page useful?'.

Why there is no CSRF token: the form sits on pages the full-page cache (mindsite/caching/page_cache.py)
shares between readers, so it cannot carry a per-reader token, and a token would need a cookie,
which would keep the page out of the cache. CSRF protects what a signed-in person's cookies
allow; these views read no cookie, session or user, so a forged post can do nothing a direct
post cannot. What is left to guard is abuse, by:
- accepting only the fields below (an answer, or a comment to one's own answer by a signed id),
  and only for public guide parts and stories (anything else is a 404);
- refusing posts whose Origin (or, without one, Referer) is another site, so no other site can
  make its visitors' browsers answer for it and spread the answers over many addresses;
- the order form's spam rules (mindsite/spam/rules.py): a honeypot, a started-token too young to be a
  person's or older than FEEDBACK_MAX_SECONDS (a day), and a per-client hourly count
  (mindsite/accounts/client_address.py) past which an answer is not counted.
Counts are per page, never per person: no address, session or user agent is stored.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Page

from mindsite.accounts.client_address import client_address
from mindsite.feedback.forms import AnswerForm, CommentForm, answer_token, read_answer_token
from mindsite.feedback.models import PageFeedback
from mindsite.pages.view_restrictions import public_pages
from mindsite.spam import rules as spam

STARTED = spam.StartedToken(salt="mindsite.page-feedback-started", value="page-feedback")
HOURLY_ANSWERS = spam.HourlyCount(name="feedback-throttle", hash_salt="mindsite.page-feedback-throttle")
# Page ids are database integers: a longer number is no page.
MAX_PAGE_ID = 2**31 - 1
COMMENT_FIELD_ID = "page-feedback-%s"


def page_asking_if_useful(request, page_id):
    """The public page whose answers these are, or a 404."""
    if page_id > MAX_PAGE_ID:
        raise Http404
    page = public_pages(Page.objects.filter(pk=page_id)).first()
    if page is None or not getattr(page.specific_class, "asks_if_useful", False):
        raise Http404
    page.reader_url = page.get_url(request)
    if page.reader_url is None:
        raise Http404
    return page


def from_this_site(request):
    """False when the browser says the form was posted from another site's page."""
    this_site = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        return origin in this_site
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referer.scheme and referer.netloc:
        return f"{referer.scheme}://{referer.netloc}" in this_site
    # Neither header (an old browser, a privacy tool): the spam rules still apply.
    return True


def thanks_url(page, **query):
    return f"{reverse('page_feedback:thanks', args=[page.pk])}?{urlencode(query)}"


def respond(request, page, state, status=200, **context):
    """The answer page: what was said, and (after No) the comment form, below a link back."""
    specific = page.specific_deferred
    return TemplateResponse(
        request,
        "feedback/answered.html",
        {
            "feedback_page": page,
            "show_exit_button": getattr(specific, "show_exit_button", False),
            "state": state,
            **context,
        },
        status=status,
    )


def comment_form_context(form):
    return {"comment_form": form.describe_fields(), "comment_errors": form.error_messages_for_comment()}


@csrf_exempt
@never_cache
def answer(request, page_id):
    """Yes or No, posted from the page. Redirects to the thanks page, which after No asks what was wrong."""
    page = page_asking_if_useful(request, page_id)
    if request.method != "POST":
        return redirect(page.reader_url)
    if not from_this_site(request):
        return respond(request, page, "refused", status=403)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return respond(request, page, "ask", status=400, error=form.errors["answer"][0], started=STARTED.make())
    useful = form.useful()
    if spam.honeypot_filled(request.POST) or STARTED.sent_too_fast(
        request.POST.get("started"), settings.FEEDBACK_MIN_SECONDS, settings.FEEDBACK_MAX_SECONDS
    ):
        # A caught bot sees what a person would; nothing is saved.
        return redirect(thanks_url(page, answer=answer_token(None, useful)))
    if HOURLY_ANSWERS.add_one(client_address(request)) > settings.FEEDBACK_PER_HOUR:
        return respond(request, page, "over_limit", status=429)
    feedback = PageFeedback.objects.create(page_id=page.pk, useful=useful)
    return redirect(thanks_url(page, answer=answer_token(feedback.pk, useful)))


@never_cache
def thanks(request, page_id):
    page = page_asking_if_useful(request, page_id)
    if request.GET.get("sent") == "comment":
        return respond(request, page, "commented")
    token = request.GET.get("answer", "")
    answer = read_answer_token(token)
    if answer is None or answer["useful"]:
        return respond(request, page, "thanks")
    form = CommentForm(initial={"answer": token}, auto_id=COMMENT_FIELD_ID)
    return respond(request, page, "ask_what_was_wrong", **comment_form_context(form))


@csrf_exempt
@never_cache
def comment(request, page_id):
    """'What was wrong?', added to the No it follows (once; a second send changes nothing)."""
    page = page_asking_if_useful(request, page_id)
    if request.method != "POST":
        return redirect(page.reader_url)
    if not from_this_site(request):
        return respond(request, page, "refused", status=403)
    form = CommentForm(request.POST, auto_id=COMMENT_FIELD_ID)
    if not form.is_valid():
        return respond(request, page, "ask_what_was_wrong", status=400, **comment_form_context(form))
    text = form.cleaned_data["comment"]
    feedback_id = form.cleaned_data["answer"]["id"]
    if not text:
        return redirect(thanks_url(page, sent="nothing"))
    if feedback_id is not None and not spam.honeypot_filled(request.POST):
        PageFeedback.objects.filter(pk=feedback_id, page_id=page.pk, useful=False, comment="").update(comment=text)
    return redirect(thanks_url(page, sent="comment"))
