"""What a reader typed, made safe to search for: words only, no operators, a bounded length."""

import re
import unicodedata
from dataclasses import dataclass

# Longer searches are cut to this many characters; the search page says so.
MAX_QUERY_LENGTH = 200
# A query's words past this many are ignored: each one is another clause in the database's query.
MAX_WORDS = 20

# Letters and digits in any script; everything else (quotes, operators, emoji) separates words.
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Query:
    text: str  # what is shown back to the reader: cleaned, at most MAX_QUERY_LENGTH characters
    words: tuple  # the distinct lower-case words searched for, in the order typed
    was_cut: bool  # True when the reader typed more than MAX_QUERY_LENGTH characters


def _printable(text):
    # Control characters (NUL included), unpaired surrogates and other unassigned code points
    # go; PostgreSQL refuses NUL in any string.
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Cs", "Cn") else ch for ch in text)


def parse(raw):
    """The Query for a ?q= value, whatever it holds."""
    text = " ".join(_printable(raw or "").split())
    was_cut = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH].strip()
    words = []
    for word in WORD.findall(text.lower()):
        if word not in words:
            words.append(word)
    return Query(text=text, words=tuple(words[:MAX_WORDS]), was_cut=was_cut)
