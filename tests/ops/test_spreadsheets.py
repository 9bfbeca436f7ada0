"""The one guard every CSV and XLSX file the site writes puts on text a spreadsheet would run as a formula."""

import pytest

from mindsite.ops.spreadsheets import guard_formula


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(start):
    assert guard_formula(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("value", ["1+1", " =1", "Ann Example", "", "[c]", "'=1"])
def test_other_text_is_left_alone(value):
    assert guard_formula(value) == value


@pytest.mark.parametrize("value", [-1, 2.5, None, True])
def test_numbers_and_other_values_stay_as_they_are(value):
    """A quantity stays a number in an XLSX: only text is read as a formula."""
    assert guard_formula(value) is value
