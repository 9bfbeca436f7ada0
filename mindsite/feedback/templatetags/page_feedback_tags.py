from django import template
from django.urls import reverse

from mindsite.feedback.views import STARTED
from mindsite.pages.view_restrictions import is_public

register = template.Library()


@register.inclusion_tag("components/page_feedback.html", takes_context=True)
def page_feedback(context, page):
    """'Is this page useful?' for a public page (not in a preview, nor on a private page: the endpoint takes
    answers only for public pages, so a draft or a signed-in reader of a private page has nowhere to post to)."""
    request = context.get("request")
    if getattr(request, "is_preview", False) or not is_public(page):
        return {"state": None}
    return {
        "state": "ask",
        "feedback_page": page,
        "answer_url": reverse("page_feedback:answer", args=[page.pk]),
        "started": STARTED.make(),
    }
