"""Every field of the order form, including hostile input: no input makes a 500."""

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from campaigns.orders.models import PrintOrder
from campaigns.orders.spam import STARTED_TOKEN
from tests.order_helpers import ORDER_URL, fresh_cache, order_data, place_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]


@pytest.fixture
def guide(site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    settings.ORDERS_PER_HOUR_BEFORE_HOLD = 10_000
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 10_000
    return site.guide


def errors(response):
    page = BeautifulSoup(response.content, "html.parser")
    summary = page.find(class_="error-summary")
    return {a["href"][4:]: a.get_text(strip=True) for a in summary.find_all("a")} if summary else {}


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("sw1a1aa", "SW1A 1AA"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("  sw1a   1aa ", "SW1A 1AA"),
        ("m11ae", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("cr2 6xh", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("ec1a 1bb", "EC1A 1BB"),
    ],
)
def test_postcodes_are_normalised(client, guide, typed, stored):
    assert place_order(client, [guide], postcode=typed).status_code == 302
    order = PrintOrder.objects.get()
    assert order.postcode == stored
    assert order.postcode_district == stored.split()[0]


@pytest.mark.parametrize("typed", ["SW1A", "12345", "SW1A 1AAA", "QQ1 1AA", "SW1A-1AA", "<script>", "SW1A 1AA\x00"])
def test_a_postcode_must_be_a_full_uk_postcode(client, guide, typed):
    response = place_order(client, [guide], postcode=typed)
    assert response.status_code == 200
    assert "postcode" in errors(response)
    assert PrintOrder.objects.count() == 0


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("full_name", "", "Enter your full name"),
        ("full_name", "   ", "Enter your full name"),
        ("full_name", "x" * 201, "Full name must be 200 characters or fewer"),
        ("email", "", "Enter your email address"),
        ("email", "ann@", "Enter an email address, like name@example.com"),
        ("email", "ann@example.org\nBcc: victim@example.org", "Email address has a hidden character in it"),
        ("organisation", "x" * 201, "Organisation must be 200 characters or fewer"),
        ("address_line_1", "", "Enter the building and street"),
        ("address_line_2", "x" * 201, "Address line 2 must be 200 characters or fewer"),
        ("town", "", "Enter town or city"),
        ("postcode", "", "Enter your postcode"),
        ("purpose", "x" * 1001, "What you will use them for must be 1,000 characters or fewer"),
        ("privacy", None, "Confirm that you have read the privacy notice"),
        ("full_name", "Ann\x00Example", "Full name has a hidden character in it. Type it again"),
    ],
)
def test_each_field_says_what_is_wrong(client, guide, field, value, message):
    response = place_order(client, [guide], **{field: value})
    assert response.status_code == 200
    assert errors(response)[field].startswith(message)
    assert PrintOrder.objects.count() == 0


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", "Enter how many copies you need"),
        ("-1", "Number of copies must be 0 or more"),
        ("51", "Number of copies must be 50 or fewer"),
        ("2.5", "Enter a whole number of copies, like 10"),
        ("ten", "Enter a whole number of copies, like 10"),
        ("9" * 5000, "Enter a whole number of copies, like 10"),
        ("0", "Enter how many copies you need"),
    ],
)
def test_number_of_copies_is_a_whole_number_up_to_the_guides_maximum(client, guide, typed, message):
    response = place_order(client, [guide], **{f"guide_{guide.pk}": typed})
    assert errors(response)[f"guide_{guide.pk}"] == f"{guide.title}: {message}"  # the summary names the guide
    assert PrintOrder.objects.count() == 0


def test_the_maximum_is_allowed(client, guide):
    assert place_order(client, [guide], **{f"guide_{guide.pk}": "50"}).status_code == 302
    assert PrintOrder.objects.get().items.get().quantity == 50


def test_optional_fields_may_be_left_blank_and_updates_are_opt_in(client, guide):
    response = place_order(client, [guide], organisation="", address_line_2="", purpose="")
    assert response.status_code == 302
    order = PrintOrder.objects.get()
    assert order.wants_updates is False
    PrintOrder.objects.all().delete()
    place_order(client, [guide], wants_updates="on")
    assert PrintOrder.objects.get().wants_updates is True


FIELDS = [
    "full_name",
    "email",
    "organisation",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "purpose",
    "privacy",
    "wants_updates",
    "started",
    "guide_{pk}",
    "guide_999999",
]


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.dictionaries(
        st.sampled_from(FIELDS),
        st.one_of(st.text(max_size=300), st.lists(st.text(max_size=20), max_size=3)),
    )
)
def test_no_input_makes_a_server_error(client, guide, values):
    data = {**order_data([guide]), "started": STARTED_TOKEN.make()}
    for key, value in values.items():
        data[key.format(pk=guide.pk)] = value
    response = client.post(ORDER_URL, data)
    assert response.status_code in (200, 302)
