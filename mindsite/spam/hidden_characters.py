"""Characters nobody can see, refused at the field by every public form that takes names, addresses or text.

A carriage return or line feed in a name can split an email header or a CSV row, and a
text-direction override (U+202E) can make "Ann Example" display as something else in the
inbox, the admin and a spreadsheet. So the fields below refuse, with one clear message:

- control characters (Unicode category Cc), except line breaks and tabs in a multi-line box;
- invisible formatting characters (Cf): the text-direction marks, embeddings, overrides and
  isolates (U+200E, U+200F, U+061C, U+202A to U+202E, U+2066 to U+2069), zero-width spaces,
  the byte-order mark, soft hyphens and the invisible "tag" characters;
- the Unicode line and paragraph separators (Zl, Zp), which some programs treat as line breaks.

The zero-width joiner and non-joiner (U+200D, U+200C) stay welcome outside email addresses:
they are part of how Persian, Urdu and the Indic scripts are written, and of many emoji.
Accented and non-Latin names (Siân, Nguyễn, Zoë, Ó Briain, 李小龍) are letters and always pass.

The check runs in the field's `validate`, before its other validators, so a refused character
gives this one message rather than a second, vaguer one (such as "Enter a valid email address").
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError

REFUSED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
JOINERS = frozenset("\u200c\u200d")
LINE_BREAKS_AND_TABS = frozenset("\r\n\t")
HIDDEN_CHARACTERS_MESSAGE = "This has a hidden character in it. Type it again"


def hidden_characters(value, allowed=JOINERS):
    """The characters of `value` nobody can see and a field must refuse, in order (none: [])."""
    return [c for c in value if c not in allowed and unicodedata.category(c) in REFUSED_CATEGORIES]


class RefusesHiddenCharacters:
    """A form field that refuses hidden characters first, with its error message "hidden_characters"."""

    allowed = JOINERS
    default_error_messages = {"hidden_characters": HIDDEN_CHARACTERS_MESSAGE}

    def refuse_hidden_characters(self, value):
        if isinstance(value, str) and hidden_characters(value, self.allowed):
            raise ValidationError(self.error_messages["hidden_characters"], code="hidden_characters")

    def validate(self, value):
        self.refuse_hidden_characters(value)
        super().validate(value)


class PlainCharField(RefusesHiddenCharacters, forms.CharField):
    """One line of text: a name, an organisation, an address line, a town."""


class PlainTextField(RefusesHiddenCharacters, forms.CharField):
    """A multi-line box: line breaks and tabs are part of what was typed."""

    allowed = JOINERS | LINE_BREAKS_AND_TABS


class PlainEmailField(RefusesHiddenCharacters, forms.EmailField):
    """An email address: no invisible character at all, joiners included."""

    allowed = frozenset()


# The same rules as validators, for model fields edited in the admin (the orders' "Who" and "Where to post it").


def _refuse(value, allowed):
    if isinstance(value, str) and hidden_characters(value, allowed):
        raise ValidationError(HIDDEN_CHARACTERS_MESSAGE, code="hidden_characters")


def validate_single_line(value):
    _refuse(value, JOINERS)


def validate_multi_line(value):
    _refuse(value, JOINERS | LINE_BREAKS_AND_TABS)


def validate_no_invisible_characters(value):
    _refuse(value, frozenset())
