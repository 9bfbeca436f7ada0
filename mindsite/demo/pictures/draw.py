"""Draw the demo's pictures: calm abstract illustrations in the site's colours (static/css/site.css).

Made by this project, so free of anyone else's rights (docs/editors.md, "Pictures"). No people, nothing of
restraint. The JPEG files beside this script are committed; run it again only to change them:

    .venv/bin/python -m mindsite.demo.pictures.draw
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent

# The site's palette and softer steps between its tints and its strong colours.
BRAND_TINT = (238, 236, 251)
LILAC = (206, 200, 245)
PERIWINKLE = (150, 140, 232)
BRAND = (19, 0, 193)
NIGHT = (27, 26, 74)
WARM_TINT = (253, 238, 230)
PEACH = (247, 196, 168)
APRICOT = (236, 150, 104)
WARM = (168, 64, 15)
SAND = (244, 241, 236)
SAGE = (196, 214, 200)


def hills(draw, width, height, rng, colours, top, bottom):
    """Rolling bands, back to front, each a little lower and darker."""
    for n, colour in enumerate(colours):
        base = top + (bottom - top) * n / max(1, len(colours) - 1)
        amplitude = height * rng.uniform(0.03, 0.08)
        wavelength = width * rng.uniform(0.6, 1.4)
        phase = rng.uniform(0, math.tau)
        points = [(x, base + amplitude * math.sin(phase + math.tau * x / wavelength)) for x in range(0, width + 20, 20)]
        draw.polygon([*points, (width, height), (0, height)], fill=colour)


def circles(draw, width, height, rng, colours, count):
    for _ in range(count):
        radius = rng.uniform(0.12, 0.3) * height
        x, y = rng.uniform(0, width), rng.uniform(0.1 * height, 0.9 * height)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=rng.choice(colours))


def arcs(draw, width, height, rng, colours, centre):
    cx, cy = centre
    for n, colour in enumerate(colours):
        radius = height * (1.1 - 0.18 * n)
        draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=colour)


def sun(draw, width, height, colour, x, y, radius):
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)


def picture(name, width, height, seed, paint, background):
    scale = 2  # drawn at twice the size and reduced, for soft edges
    rng = random.Random(seed)  # noqa: S311 (shapes, not secrets: the same seed draws the same picture)
    image = Image.new("RGB", (width * scale, height * scale), background)
    paint(ImageDraw.Draw(image), width * scale, height * scale, rng)
    image = image.filter(ImageFilter.GaussianBlur(1)).resize((width, height), Image.LANCZOS)
    image.save(HERE / name, "JPEG", quality=84, optimize=True, progressive=True)


def home(draw, w, h, rng):
    sun(draw, w, h, PEACH, w * 0.72, h * 0.34, h * 0.2)
    hills(draw, w, h, rng, [LILAC, PERIWINKLE, BRAND, NIGHT], h * 0.52, h * 0.86)


def guidance(draw, w, h, rng):
    arcs(draw, w, h, rng, [LILAC, BRAND_TINT, PERIWINKLE, WARM_TINT, BRAND], (w * 0.5, h * 1.15))


def influencing(draw, w, h, rng):
    circles(draw, w, h, rng, [PEACH, APRICOT, WARM_TINT, LILAC], 9)
    hills(draw, w, h, rng, [SAGE, PERIWINKLE], h * 0.75, h * 0.9)


def story(colours, sun_colour, sun_at):
    def paint(draw, w, h, rng):
        sun(draw, w, h, sun_colour, w * sun_at[0], h * sun_at[1], h * 0.16)
        hills(draw, w, h, rng, colours, h * 0.45, h * 0.85)

    return paint


PICTURES = [
    ("home-hills.jpg", 1600, 1000, 1, home, BRAND_TINT),
    ("guide-what-the-guidance-says.jpg", 1600, 900, 2, guidance, SAND),
    ("guide-influencing-change.jpg", 1600, 900, 3, influencing, BRAND_TINT),
    ("story-figures.jpg", 1600, 900, 4, story([LILAC, PERIWINKLE, BRAND], APRICOT, (0.25, 0.3)), WARM_TINT),
    ("story-families.jpg", 1600, 900, 5, story([PEACH, APRICOT, WARM], BRAND_TINT, (0.7, 0.28)), LILAC),
    ("story-agenda.jpg", 1600, 900, 6, story([SAGE, PERIWINKLE, NIGHT], PEACH, (0.8, 0.32)), SAND),
    ("story-ward.jpg", 1600, 900, 7, story([BRAND_TINT, LILAC, PERIWINKLE], WARM_TINT, (0.3, 0.25)), PEACH),
    ("story-board.jpg", 1600, 900, 8, story([WARM_TINT, PEACH, APRICOT], LILAC, (0.6, 0.3)), BRAND_TINT),
]

if __name__ == "__main__":
    for name, width, height, seed, paint, background in PICTURES:
        picture(name, width, height, seed, paint, background)
        print(name, (HERE / name).stat().st_size // 1024, "KB")
