"""Content images as <picture>: a WebP source and a JPEG (or PNG) <img>, each at a few widths.

`sizes` says how wide static/css/site.css lays each kind of image out, so a phone fetches a small
file and a wide, sharp screen a large one. The <img> carries the width and height of its own
(first) size, so the browser keeps the image's space before it arrives and nothing below it moves.

No AVIF: this Pillow encodes it, but in a trial (400 to 1600 pixels wide) it took 0.45 to 1.3 s
of CPU an image against WebP's 0.02 to 0.15 s, and was no smaller at Wagtail's default quality.
Renditions are made during the first request that shows an image, so AVIF would hold a worker for
seconds on a story list. Adding it is one entry in MODERN_FORMATS.
"""

import logging
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

logger = logging.getLogger(__name__)

# Offered as <source> elements, best first; browsers without them take the <img>.
MODERN_FORMATS = (("webp", "image/webp"),)
# The <img>'s format: PNG keeps a drawing's transparency and sharp edges, JPEG suits a photo.
FALLBACK_FORMATS = ("jpeg", "png")


@dataclass(frozen=True)
class Layout:
    resize: str  # a Wagtail resize rule, formatted with w (and h, for a crop)
    widths: tuple  # the <img>'s own width first (its width and height attributes), then the others
    sizes: str  # how wide site.css shows it, for the browser to choose among the widths
    aspect: tuple = (0, 0)  # width:height of a crop (fill), or none

    def spec(self, width, file_format):
        height = width * self.aspect[1] // self.aspect[0] if self.aspect[0] else 0
        return f"{self.resize.format(w=width, h=height)}|format-{file_format}"

    def specs(self, file_format):
        return [self.spec(width, file_format) for width in self.widths]

    def all_specs(self):
        """Every rendition this layout can use, whatever the image's format (for prefetching)."""
        return [spec for fmt in (*(name for name, _ in MODERN_FORMATS), *FALLBACK_FORMATS) for spec in self.specs(fmt)]


LAYOUTS = {
    # An image block (templates/blocks/image.html) in .prose: at most --measure (42rem) wide,
    # the page's width less its 1rem margins on a phone.
    "content": Layout("width-{w}", (800, 400, 1200), "(min-width: 44rem) 42rem, calc(100vw - 2rem)"),
    # A story's lead image: at most 800 CSS pixels (its width attribute), full width on a phone.
    "lead": Layout("width-{w}", (800, 400, 1200, 1600), "(min-width: 52rem) 800px, calc(100vw - 2rem)"),
    # A story card's picture, 16:9, the card's inner width (.card-list): one column on a phone (the
    # page less its margins, the card's padding and borders), two from 48rem (up to about 28.5rem
    # each), three from 64.5rem, where three 20rem columns fit (at most about 19.5rem inside).
    "card": Layout(
        "fill-{w}x{h}",
        (480, 320, 640, 960),
        "(min-width: 64.5rem) 19.5rem, (min-width: 48rem) 28.5rem, calc(100vw - 4.5rem)",
        aspect=(16, 9),
    ),
    # A guide's cover (.guide-cover): at most 12rem wide.
    "cover": Layout("width-{w}", (400, 200), "12rem"),
}


def fallback_format(image):
    """PNG for a PNG or GIF original (transparency, drawings), JPEG for everything else."""
    return "png" if image.file.name.lower().endswith((".png", ".gif")) else "jpeg"


def srcset(renditions):
    """One candidate a width, narrowest first: Wagtail never enlarges, so a small original's sizes repeat."""
    by_width = {}
    for rendition in renditions:
        by_width.setdefault(rendition.width, rendition.url)
    return ", ".join(f"{url} {width}w" for width, url in sorted(by_width.items()))


def picture(image, layout_name, alt, lead=False, css_class=""):
    """The image as <picture> HTML, or "" when there is none (or its file is gone).

    lead: the page's main image, near the top: fetched at once and first. Otherwise the browser
    fetches it only as the reader scrolls near it, and decodes it off the main thread.
    """
    if image is None:
        return ""
    layout = LAYOUTS[layout_name]
    fallback = fallback_format(image)
    specs = {fmt: layout.specs(fmt) for fmt in (*(name for name, _ in MODERN_FORMATS), fallback)}
    try:
        renditions = image.get_renditions(*(spec for fmt_specs in specs.values() for spec in fmt_specs))
    except SourceImageIOError:
        # The original is gone (a restore without media, say): no image, rather than a broken one.
        logger.warning("Image %s has no file: left out of the page", image.pk)
        return ""
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        (
            (mime_type, srcset([renditions[spec] for spec in specs[name]]), layout.sizes)
            for name, mime_type in MODERN_FORMATS
        ),
    )
    fallback_renditions = [renditions[spec] for spec in specs[fallback]]
    own = fallback_renditions[0]
    loading = ("fetchpriority", "high") if lead else ("loading", "lazy")
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} {}="{}"{}></picture>',
        sources,
        own.url,
        srcset(fallback_renditions),
        layout.sizes,
        own.width,
        own.height,
        alt,
        format_html(' class="{}"', css_class) if css_class else "",
        *loading,
        "" if lead else mark_safe(' decoding="async"'),
    )


def with_renditions(queryset, image_lookup, layout_name):
    """The queryset, its images' renditions for this layout fetched in one more query.

    image_lookup is the path to the image from the queryset's model ("image", "story__image"): it
    should be select_related too. Listing any number of images then costs no query for each.
    """
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=LAYOUTS[layout_name].all_specs())
    )
    return queryset.prefetch_related(
        Prefetch(f"{image_lookup}__renditions", queryset=renditions, to_attr="prefetched_renditions")
    )
