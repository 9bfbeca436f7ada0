"""A page's pictures: what a screen reader is told of each, and all of a page's renditions in two queries.

Each picture an editor chooses comes with a text alternative or is marked decorative (an empty alt, so a
screen reader passes it by), the choice the editor makes beside the picture."""

from django.core.exceptions import ValidationError
from wagtail.images import get_image_model

ALT_TEXT_HELP = "What the picture shows, for people who cannot see it. Leave blank only if you tick 'decorative'."
DECORATIVE_HELP = (
    "Tick if the picture adds nothing to the words beside it, like an abstract illustration. "
    "Screen readers then pass it by."
)
ALT_TEXT_MISSING = "Describe the picture for people who cannot see it, or tick 'decorative'."


def alt_for(alt_text, is_decorative):
    """The <img>'s alt: empty for a decorative picture."""
    return "" if is_decorative else alt_text.strip()


def check_alt(image, alt_text, is_decorative, alt_field):
    """A picture is described or marked decorative: the message shows at the alt-text field."""
    if image and not is_decorative and not alt_text.strip():
        raise ValidationError({alt_field: ALT_TEXT_MISSING})


def prefetch_pictures(items):
    """Give each (object, image field name) its image with every rendition: two queries for them all, or none."""
    ids = {getattr(obj, f"{name}_id") for obj, name in items} - {None}
    if not ids:
        return
    images = get_image_model().objects.prefetch_renditions().in_bulk(ids)
    for obj, name in items:
        image_id = getattr(obj, f"{name}_id")
        if image_id in images:
            setattr(obj, name, images[image_id])
