"""Ordering printed copies: the form, submitting it, and the confirmation."""

import re

import pytest
from bs4 import BeautifulSoup
from mailer.models import Message

from campaigns.orders.models import REFERENCE_ALPHABET, PrintOrder
from tests.factories import GuidePageFactory
from tests.order_helpers import CONFIRMATION_URL, ORDER_URL, fresh_cache, order_data, place_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]


@pytest.fixture
def guides(site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    second = GuidePageFactory(parent=site.campaign, title="Influencing change in your area", max_copies_per_order=20)
    GuidePageFactory(parent=site.campaign, title="Online only", available_in_print=False)
    return [site.guide, second]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_campaign_page_and_every_printed_guide_link_to_the_form(client, site, guides):
    campaign = soup(client.get(site.campaign.url))
    assert campaign.find("a", string=re.compile("Order printed copies of the guides"))["href"] == ORDER_URL
    for guide in guides:
        page = soup(client.get(guide.url))
        link = page.find("a", href=f"{ORDER_URL}?guide={guide.pk}")
        assert link is not None, guide.title


def test_the_form_asks_for_copies_of_each_printed_guide_only(client, guides):
    page = soup(client.get(ORDER_URL))
    legends = [legend.get_text(strip=True) for legend in page.select("fieldset legend")]
    assert "What the guidance says" in legends
    assert "Influencing change in your area" in legends
    assert "Online only" not in page.get_text()
    for guide in guides:
        field = page.find("input", id=f"id_guide_{guide.pk}")
        assert page.find("label", attrs={"for": field["id"]}).get_text(strip=True) == "Number of copies"
        assert field["value"] == "0"
    assert f"From 0 to {guides[1].max_copies_per_order}" in page.get_text()


def test_a_guides_link_preselects_that_guide(client, guides):
    page = soup(client.get(f"{ORDER_URL}?guide={guides[1].pk}"))
    assert page.find("input", id=f"id_guide_{guides[1].pk}")["value"] == "1"
    assert page.find("input", id=f"id_guide_{guides[0].pk}")["value"] == "0"
    assert client.get(f"{ORDER_URL}?guide=nonsense").status_code == 200


def test_fields_are_labelled_as_a_person_reads_them_with_autocomplete(client, guides):
    page = soup(client.get(ORDER_URL))
    expected = {
        "full_name": ("Full name", "name"),
        "email": ("Email address", "email"),
        "organisation": ("Organisation (optional)", "organization"),
        "address_line_1": ("Address line 1", "address-line1"),
        "address_line_2": ("Address line 2 (optional)", "address-line2"),
        "town": ("Town or city", "address-level2"),
        "postcode": ("Postcode", "postal-code"),
    }
    for name, (label, autocomplete) in expected.items():
        assert page.find("label", attrs={"for": f"id_{name}"}).get_text(strip=True) == label
        assert page.find(id=f"id_{name}")["autocomplete"] == autocomplete
    assert page.find("label", attrs={"for": "id_purpose"}).get_text(strip=True) == (
        "What will you use them for? (optional)"
    )
    privacy = page.find("input", id="id_privacy")
    assert privacy is not None and not privacy.has_attr("checked")
    assert page.find(id="id_privacy-hint").find("a", string="privacy notice")
    assert not page.find("input", id="id_wants_updates").has_attr("checked")


def test_form_and_confirmation_are_never_cached(client, guides):
    assert "no-store" in client.get(ORDER_URL)["Cache-Control"]
    response = place_order(client, guides)
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client.get(CONFIRMATION_URL)["Cache-Control"]


def test_an_order_is_saved_with_its_emails_and_confirmed_with_a_reference(client, guides):
    response = place_order(client, guides, **{f"guide_{guides[1].pk}": "5"})
    assert response.status_code == 302
    assert response["Location"] == CONFIRMATION_URL
    order = PrintOrder.objects.get()
    assert len(order.reference) == 8 and set(order.reference) <= set(REFERENCE_ALPHABET)
    assert [(item.guide_id, item.guide_title, item.quantity) for item in order.items.all()] == [
        (guides[0].pk, "What the guidance says", 2),
        (guides[1].pk, "Influencing change in your area", 5),
    ]
    assert (order.full_name, order.postcode, order.postcode_district, order.status) == (
        "Ann Example",
        "SW1A 1AA",
        "SW1A",
        "new",
    )
    assert Message.objects.count() == 2

    page = client.get(CONFIRMATION_URL)
    text = soup(page).find("main").get_text(" ", strip=True)
    assert order.reference in text
    assert "What happens next" in text
    assert "5 × Influencing change in your area" in text
    for personal in ("Ann Example", "ann@example.org", "High Street", "SW1A"):
        assert personal not in page.content.decode()


def test_the_confirmation_shows_nothing_to_anyone_else(client, guides, django_user_model):
    from django.test import Client

    place_order(client, guides)
    stranger = Client()
    response = stranger.get(CONFIRMATION_URL)
    assert response.status_code == 302
    assert response["Location"] == ORDER_URL
    assert PrintOrder.objects.get().reference not in stranger.get(ORDER_URL).content.decode()


def test_no_order_is_saved_if_its_emails_cannot_be_queued(client, guides, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("queue unavailable")

    monkeypatch.setattr("mailer.backend.DbBackend.send_messages", broken)
    client.raise_request_exception = False
    response = place_order(client, guides)
    assert response.status_code == 500
    assert PrintOrder.objects.count() == 0
    assert Message.objects.count() == 0


def test_errors_are_summarised_linked_repeated_at_the_field_and_what_was_typed_is_kept(client, guides):
    response = place_order(
        client, guides, full_name="", postcode="not a postcode", privacy=None, organisation="Ward 7 <b>friends</b>"
    )
    assert response.status_code == 200
    page = soup(response)
    assert page.title.get_text().startswith("Error: ")
    summary = page.find(class_="error-summary")
    assert summary["role"] == "alert"
    links = {a["href"]: a.get_text(strip=True) for a in summary.find_all("a")}
    assert links == {
        "#id_full_name": "Enter your full name",
        "#id_postcode": "Enter a full UK postcode, like SW1A 1AA",
        "#id_privacy": "Confirm that you have read the privacy notice",
    }
    for field_id, message in links.items():
        field = page.find(id=field_id[1:])
        error = page.find(id=f"{field_id[1:]}-error")
        assert message in error.get_text()
        assert f"{field_id[1:]}-error" in field["aria-describedby"].split()
        assert field["aria-invalid"] == "true"
    assert page.find(id="id_postcode")["value"] == "not a postcode"
    assert page.find(id="id_organisation")["value"] == "Ward 7 <b>friends</b>"
    assert page.find(id="id_email")["value"] == "ann@example.org"
    assert page.find(id=f"id_guide_{guides[0].pk}")["value"] == "2"
    assert PrintOrder.objects.count() == 0


def test_at_least_one_copy_is_needed(client, guides):
    zero = {f"guide_{guide.pk}": "0" for guide in guides}
    response = place_order(client, guides, **zero)
    page = soup(response)
    assert page.find(class_="error-summary").find("a", href=f"#id_guide_{guides[0].pk}").get_text(strip=True) == (
        f"{guides[0].title}: Enter how many copies you need"
    )
    assert PrintOrder.objects.count() == 0


def test_no_printed_guides_means_no_form(client, site):
    site.guide.available_in_print = False
    site.guide.save_revision().publish()
    page = soup(client.get(ORDER_URL))
    assert page.find("form", attrs={"method": "post"}) is None
    assert "no printed guides" in page.get_text()


def test_the_form_renders_in_a_fixed_number_of_queries(client, guides, django_assert_max_num_queries):
    for n in range(3):
        GuidePageFactory(parent=guides[0].get_parent(), title=f"Extra {n}")
    client.get(ORDER_URL)
    with django_assert_max_num_queries(12):
        client.get(ORDER_URL)


def test_the_order_is_placed_in_a_bounded_number_of_queries(client, guides, django_assert_max_num_queries):
    data = order_data(guides)
    data["started"] = client.get(ORDER_URL).context["form"]["started"].value()
    with django_assert_max_num_queries(25):
        assert client.post(ORDER_URL, data).status_code == 302
