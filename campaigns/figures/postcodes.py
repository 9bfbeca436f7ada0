"""UK postcodes as readers type them, and distances between them as readers read them.

A postcode is an outward code (the area's one or two letters, then the district: a digit and perhaps a
digit or letter, as in EX4, EC1A, W1A, SW1A) and an inward code (a digit and two letters): "EX4 4QJ".
Readers type them in lower case, without the space or with extra ones; all of these are read.
Nothing here knows which areas or districts exist: that is for the files (ODS's, and the postcode
locations imported with import_postcode_locations).
"""

import math
import re
import unicodedata
from dataclasses import dataclass

OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
INWARD = r"[0-9][A-Z]{2}"
FULL = re.compile(rf"({OUTWARD})({INWARD})", re.ASCII)
DISTRICT = re.compile(rf"({OUTWARD})", re.ASCII)
METRES_PER_MILE = 1609.344


@dataclass(frozen=True)
class Postcode:
    outward: str  # the district: "EX4", "EC1A"
    inward: str = ""  # "4QJ"; blank when only a district was typed

    @property
    def area(self):
        """The leading letters: "EX" for EX4, "EC" for EC1A, "W" for W1A."""
        return re.match(r"[A-Z]+", self.outward).group()

    @property
    def is_full(self):
        return bool(self.inward)

    def __str__(self):
        return f"{self.outward} {self.inward}" if self.inward else self.outward


def parse_postcode(text):
    """A full postcode or a district as typed ("ex4 4qj", "EX44QJ", " ex4  4QJ ", "EX4"), else None.

    Fullwidth forms are read as their plain letters; anything else that is not a letter, digit or space
    means it is not a postcode."""
    folded = unicodedata.normalize("NFKC", str(text or "")).upper()
    squeezed = "".join(folded.split())
    if len(squeezed) > 7:
        return None
    if match := FULL.fullmatch(squeezed):
        return Postcode(match.group(1), match.group(2))
    if match := DISTRICT.fullmatch(squeezed):
        return Postcode(match.group(1))
    return None


def normalise_postcode(text):
    """A full postcode in its standard form ("EX4 4QJ"), or None: how postcodes are stored and compared."""
    postcode = parse_postcode(text)
    return str(postcode) if postcode is not None and postcode.is_full else None


def metres_between(first, second):
    """Straight-line distance between two grid references (eastings, northings in metres on one national grid)."""
    return math.hypot(first[0] - second[0], first[1] - second[1])


def distance_words(metres):
    """'under a mile', 'about 1 mile', 'about 3 miles': to the nearest mile, never more exact than that."""
    miles = round(metres / METRES_PER_MILE)
    if metres < METRES_PER_MILE:
        return "under a mile"
    return f"about {miles} mile{'' if miles == 1 else 's'}"
