"""Public forms' messages as GOV.UK writes them, short for a phone; the summary takes focus (issue 19, item 7)."""

import re

import pytest
from bs4 import BeautifulSoup

from campaigns.orders.forms import OrderForm
from mindsite.feedback.forms import AnswerForm, CommentForm
from tests.factories import GuidePageFactory
from tests.order_helpers import fresh_cache, place_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]

# About two lines of the error summary on a 390 px phone.
LONGEST = 70


def messages(form):
    for name, field in form.fields.items():
        for code, message in field.error_messages.items():
            # As shown: a limit or a count in place of its placeholder.
            shown = re.sub(r"%\((\w+)\)[sd]", "1000", str(message))
            yield f"{name}.{code}", shown


def test_every_message_the_order_and_feedback_forms_give_is_short(site):
    form = OrderForm(guides=[site.guide])
    found = dict(messages(form)) | dict(messages(CommentForm())) | dict(messages(AnswerForm()))
    assert found[f"guide_{site.guide.pk}.invalid"] == "Enter a whole number of copies, like 10"
    assert {key: text for key, text in found.items() if len(text) > LONGEST} == {}


def test_the_summary_takes_focus_and_names_each_guide_in_its_messages(client, site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    other = GuidePageFactory(parent=site.campaign, title="Restraint in mental health services: Influencing change")
    response = place_order(client, [site.guide, other], **{f"guide_{site.guide.pk}": "ten", f"guide_{other.pk}": "-1"})
    page = BeautifulSoup(response.content, "html.parser")
    summary = page.find(class_="error-summary")
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1"
    assert summary["aria-labelledby"] == "error-summary-title" and summary["role"] == "alert"
    links = [link.get_text(strip=True) for link in summary.find_all("a")]
    assert links[:2] == [
        "What the guidance says: Enter a whole number of copies, like 10",
        "Influencing change: Number of copies must be 0 or more",
    ]
    # At the field, under the guide's own title, the message alone.
    assert page.find(id=f"id_guide_{other.pk}-error").get_text(" ", strip=True) == (
        "Error: Number of copies must be 0 or more"
    )
    assert len(page.select("[autofocus]")) == 1
