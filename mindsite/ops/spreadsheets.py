"""Text the site writes into spreadsheets (CSV and XLSX files) stays text.

Excel, LibreOffice and Google Sheets read a cell that starts with =, +, -, @, a tab or a carriage
return as a formula, whatever the file says: a name typed into the order form as
'=HYPERLINK("http://evil", "Click")' would become a live link in the mailing house's spreadsheet
(CSV injection). Such text gets a leading apostrophe, which a spreadsheet shows as text. Every file
the site writes passes its text through guard_formula: the order export, page feedback and the
guides due for review (admin), and the restraint figures' CSV files (public).
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(value):
    """The value, with an apostrophe first if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# For a Wagtail report's documented `custom_value_preprocess` (merged with the report's own): every
# text value guarded, in both of its download formats.
GUARD_TEXT = {str: {"csv": guard_formula, "xlsx": guard_formula}}
