from django import template
from django.urls import reverse

from mindsite.page_feedback.views import STARTED

register = template.Library()


@register.inclusion_tag("components/page_feedback.html", takes_context=True)
def page_feedback(context, page):
    """'Is this page useful?' for a published page (not in a preview: a draft has nowhere to post to)."""
    request = context.get("request")
    if not page.live or getattr(request, "is_preview", False):
        return {"state": None}
    return {
        "state": "ask",
        "feedback_page": page,
        "answer_url": reverse("page_feedback:answer", args=[page.pk]),
        "started": STARTED.make(),
    }
