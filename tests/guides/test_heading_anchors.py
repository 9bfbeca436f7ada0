import pytest
from wagtail.blocks import StreamBlockValidationError

from mindsite.pages.blocks import ContentStreamBlock


def stream(*headings):
    block = ContentStreamBlock()
    return block, block.to_python([{"type": "heading", "value": value} for value in headings])


def test_anchor_comes_from_the_heading_text():
    _, value = stream({"text": "What is restraint?", "anchor": ""})
    assert value[0].value.anchor_id == "what-is-restraint"


def test_an_editors_anchor_is_kept_when_the_heading_is_reworded():
    _, value = stream({"text": "A reworded heading", "anchor": "what-is-restraint"})
    assert value[0].value.anchor_id == "what-is-restraint"


def test_two_headings_with_the_same_anchor_are_refused():
    block, value = stream({"text": "Your rights", "anchor": ""}, {"text": "Your rights!", "anchor": ""})
    with pytest.raises(StreamBlockValidationError) as caught:
        block.clean(value)
    assert 1 in caught.value.block_errors and 0 not in caught.value.block_errors


def test_different_headings_are_accepted():
    block, value = stream({"text": "Your rights", "anchor": ""}, {"text": "Complaints", "anchor": ""})
    assert len(block.clean(value)) == 2
