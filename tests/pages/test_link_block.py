import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError

from mindsite.pages.blocks import LinkBlock, validate_link_address


@pytest.mark.parametrize(
    "address",
    [
        "https://www.nice.org.uk/guidance/ng10",
        "/order-printed-guides/",
        "mailto:action@mind.org.uk",
        "tel:0300 123 3393",
    ],
)
def test_accepted_addresses(address):
    validate_link_address(address)


@pytest.mark.parametrize("address", ["javascript:alert(1)", "//evil.example/", "ftp://example.org", "mailto:", "nope"])
def test_refused_addresses(address):
    with pytest.raises(ValidationError):
        validate_link_address(address)


def test_a_link_needs_exactly_one_of_page_or_address():
    block = LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"title": "Nowhere", "page": None, "url": ""}))
    assert block.clean(block.to_python({"title": "NICE", "page": None, "url": "https://www.nice.org.uk/"}))["url"]
