"""Nasty input to the order form (very long strings, NUL bytes, odd Unicode, numbers written oddly) never
makes a 500: a valid order is placed, and an invalid one gets every one of its errors.
"""

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from campaigns.orders.forms import OrderForm
from campaigns.orders.models import PrintOrder
from campaigns.orders.spam import STARTED_TOKEN
from tests.order_helpers import CONFIRMATION_URL, ORDER_URL, fresh_cache, order_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]

ODD_STRINGS = [
    "\x00",
    "Ann\x00Example",
    "\u202eelpmaxE nnA",  # right-to-left override
    "A\u200bnn",  # zero-width space
    "Zoë Ó Súilleabháin",
    "李小龍",
    "🏳️‍🌈" * 30,
    "e\u0301" * 100,  # combining accents
    "\ufeff",
    "\r\n\t",
    "<script>alert(1)</script>",
    "'; DROP TABLE orders_printorder; --",
    "%s %d {0} {{ x }}",
    " ",
]
QUANTITIES = ["1e9", "-1", "١٢", "٣", "𝟓", "½", "0x10", "1.5", "1.0", " 3 ", "1_000", "NaN", "inf", "+2", "2" * 5000]
FIELDS = ["full_name", "email", "organisation", "address_line_1", "address_line_2", "town", "postcode", "purpose"]

nasty_text = st.one_of(
    st.sampled_from(ODD_STRINGS),
    st.text(max_size=50),
    st.text(min_size=150, max_size=1200),
    st.builds(lambda s, n: s * n, st.sampled_from(["a", "é", "字", "\x00", " "]), st.integers(300, 5000)),
)
nasty_quantity = st.one_of(st.sampled_from(QUANTITIES), st.integers(-(10**12), 10**12).map(str), st.text(max_size=20))


@pytest.fixture
def guide(site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    settings.ORDERS_PER_HOUR_BEFORE_HOLD = 10_000
    settings.ORDERS_PER_HOUR_BEFORE_REFUSAL = 10_000
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 10_000
    return site.guide


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    typed=st.dictionaries(st.sampled_from(FIELDS), nasty_text, max_size=4),
    quantity=st.one_of(st.none(), nasty_quantity),
)
@example(typed={}, quantity="1e9")
@example(typed={}, quantity="-1")
@example(typed={}, quantity="١٢")
@example(typed={"full_name": "Ann\x00Example", "postcode": "sw1a\x001aa"}, quantity="2")
@example(typed={"email": "ann@exämple.org", "town": "Zoë\u202e"}, quantity="1")
def test_nasty_input_gets_its_errors_or_is_placed_never_a_server_error(client, guide, typed, quantity):
    data = {**order_data([guide]), **typed, "started": STARTED_TOKEN.make()}
    if quantity is not None:
        data[f"guide_{guide.pk}"] = quantity
    form = OrderForm(data, guides=[guide])
    orders_before = PrintOrder.objects.count()

    response = client.post(ORDER_URL, data)

    if form.is_valid():
        assert response.status_code == 302
        assert response["Location"] == CONFIRMATION_URL
        assert PrintOrder.objects.count() == orders_before + 1
    else:
        assert response.status_code == 200
        summary = BeautifulSoup(response.content, "html.parser").find(class_="error-summary")
        assert summary.find("h2").get_text() == "There is a problem"
        shown = [link.get_text() for link in summary.find_all("a")]
        assert shown == [message for _, message in form.error_summary()]
        assert PrintOrder.objects.count() == orders_before
