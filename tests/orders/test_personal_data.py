"""One list says which of an order's fields are personal data; everything that handles them follows it."""

import pytest

from campaigns.orders.models import ORDER_FACT_FIELDS, PERSONAL_DATA_FIELDS, PrintOrder


def test_every_order_field_is_classified_as_personal_data_or_not():
    fields = {field.name for field in PrintOrder._meta.concrete_fields}
    unclassified = fields - set(PERSONAL_DATA_FIELDS) - set(ORDER_FACT_FIELDS)
    assert not unclassified, f"Say whether these PrintOrder fields are personal data: {sorted(unclassified)}"
    assert not set(PERSONAL_DATA_FIELDS) & set(ORDER_FACT_FIELDS)
    assert set(PERSONAL_DATA_FIELDS) | set(ORDER_FACT_FIELDS) == fields


@pytest.mark.django_db
def test_erasure_blanks_every_personal_data_field():
    order = PrintOrder.objects.create(
        full_name="Siobhán Example",
        email="s@example.org",
        organisation="Group",
        address_line_1="1 High Street",
        address_line_2="Flat 2",
        town="Leeds",
        postcode="LS1 1AA",
        purpose="Carers' group",
        wants_updates=True,
    )
    order.erase_personal_data()
    order.refresh_from_db()
    for name in PERSONAL_DATA_FIELDS:
        assert getattr(order, name) == PrintOrder._meta.get_field(name).get_default(), name
    assert order.postcode_district == "LS1"
    assert order.is_erased
