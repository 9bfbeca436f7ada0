"""The demo's pictures: abstract illustrations this project drew (draw.py), loaded as Wagtail images.

Each is decorative on the page (it adds nothing to the words beside it), so its alt is empty; its
description in the image library says what it shows, for an editor who reuses it."""

from pathlib import Path
from typing import NamedTuple

FOLDER = Path(__file__).resolve().parent


class DemoPicture(NamedTuple):
    """A picture file beside this module; the loader swaps in its Wagtail image, made once."""

    file_name: str
    title: str
    description: str

    @property
    def path(self):
        return FOLDER / self.file_name


def _illustration(file_name, shows):
    return DemoPicture(file_name, f"Illustration: {shows}", f"An abstract illustration of {shows}.")


HOME = _illustration("home-hills.jpg", "blue hills under a peach sun")
GUIDANCE_GUIDE = _illustration("guide-what-the-guidance-says.jpg", "sheltering arcs in blue and lilac")
INFLUENCING_GUIDE = _illustration("guide-influencing-change.jpg", "circles coming together over green hills")
STORIES = {
    "using-the-figures": _illustration("story-figures.jpg", "blue hills under an orange sun"),
    "a-leaflet-about-your-rights": _illustration("story-ward.jpg", "lilac hills under a pale sun"),
    "making-sure-families-are-told": _illustration("story-families.jpg", "warm orange hills under a pale moon"),
    "a-calmer-ward": _illustration("story-board.jpg", "peach hills under a lilac sun"),
    "restraint-on-the-agenda": _illustration("story-agenda.jpg", "green and blue hills under a peach sun"),
}
