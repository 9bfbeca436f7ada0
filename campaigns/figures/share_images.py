"""A provider's share card: the 1200x630 PNG that social media show beside a link to its page.

- `card_lines(provider, figures)` -> [Line]: every word the card says, and nothing else: the provider's
  name, its latest rate beside England's, the source and month, and "Invented figures" on demo data.
  Tested apart from the drawing; `card_alt(lines)` is the same words as the image's alt text.
- `card_png(lines)` -> PNG bytes, drawn with Pillow in the site's typeface and palette (static/css/site.css).
- `provider_card(provider, import_key)` -> PNG bytes, drawn at most once per provider per import: kept in
  Django's cache under the provider's code, the latest import and what the card shows of the provider.
- `default_card()`: the site's default share image (static/images/share-default.png, made by
  `make_default_card`), for pages with no image of their own.

The typeface: static/fonts holds Atkinson Hyperlegible Next as WOFF2 only (SIL OFL 1.1). Pillow needs
TrueType, so each weight is converted in memory with fontTools (already required, by WeasyPrint, with
Brotli) the first time a card is drawn in a process: one copy of the font in the repository, the one the
pages use, and no second binary to keep in step with it. The Latin subset is used; it covers English
providers' names (a character outside it would be drawn as a box).
"""

import functools
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont

from .wording import format_number, month_name

WIDTH, HEIGHT = 1200, 630
# Bump when the card's drawing or words change: cached cards and ETags then change too.
CARD_VERSION = 1
CACHE_SECONDS = 7 * 24 * 3600
FONT_FILES = {
    400: "atkinson-hyperlegible-next-latin-400-normal.woff2",
    700: "atkinson-hyperlegible-next-latin-700-normal.woff2",
}

# The site's tokens (static/css/site.css).
COLOR_TEXT = "#0b0c0c"
COLOR_MUTED = "#4b4f54"
COLOR_BRAND = "#1300c1"
COLOR_BRAND_TINT = "#eeecfb"
COLOR_WARNING = "#8a3a0a"
COLOR_WARNING_TINT = "#fff3e0"
COLOR_SURFACE = "#ffffff"

SOURCE = "Source: NHS England, Mental Health Services Data Set"
RATE_LABEL = "uses of restraint for every 1,000 nights spent on its wards"
INVENTED = "Invented figures, for a demonstration"
DEFAULT_LINES = ("Mind", "Campaigning so that everyone with a mental health problem gets support and respect.")
DEFAULT_IMAGE_PATH = "images/share-default.png"


@dataclass(frozen=True)
class Line:
    text: str
    # How it is drawn: "name", "rate", "label", "england", "source" or "invented".
    style: str


def rate_text(value):
    """A rate as the card says it: 'About 12.5', '[c], hidden to protect privacy', 'No data reported'."""
    if value is None or value.not_in_file:
        return "Not in NHS England's file"
    if value.suppressed:
        return "[c], hidden to protect privacy"
    if value.number is None:
        return "No data reported"
    return f"About {format_number(value.number)}"


def card_lines(provider, figures, invented=False):
    """Every line of text on a provider's card, in order."""
    lines = [Line(provider.display_name, "name")]
    month = figures.latest_month
    if month is None:
        lines.append(Line("No figures have been published for this provider yet", "label"))
    else:
        rate = figures.rate_headline
        value = rate.value if rate else None
        if value is not None and value.is_number:
            lines += [Line(rate_text(value), "rate"), Line(RATE_LABEL, "label")]
        else:
            lines += [Line(f"{RATE_LABEL[:1].upper()}{RATE_LABEL[1:]}:", "label"), Line(rate_text(value), "rate")]
        england = rate_text(rate.england if rate else None)
        lines.append(Line(f"England: {england[:1].lower()}{england[1:]}", "england"))
        lines.append(Line(f"{SOURCE}, {month_name(month.start)} ({figures.status_label})", "source"))
    if invented:
        lines.append(Line(INVENTED, "invented"))
    return lines


def card_alt(lines):
    """The card's alt text: its words, in order, as sentences (the rate and its label as one)."""
    sentences, previous = [], None
    for line in lines:
        if {line.style, previous} == {"rate", "label"}:
            text = line.text if line.style == "rate" else line.text[:1].lower() + line.text[1:]
            sentences[-1] = f"{sentences[-1]} {text}"
        else:
            sentences.append(line.text)
        previous = line.style
    return " ".join(sentence.rstrip(".:") + "." for sentence in sentences)


# --- drawing -----------------------------------------------------------------------------------------


@functools.cache
def _ttf_bytes(weight):
    """The site's WOFF2 font at this weight, as TrueType, converted once per process."""
    from fontTools.ttLib import TTFont

    path = Path(settings.BASE_DIR) / "static" / "fonts" / FONT_FILES[weight]
    font = TTFont(path)
    font.flavor = None
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@functools.lru_cache(maxsize=16)
def _font(weight, size):
    return ImageFont.truetype(io.BytesIO(_ttf_bytes(weight)), size)


def _wrap(draw, text, font, width, max_lines):
    """The text broken into lines no wider than width; the last one cut with an ellipsis if need be."""
    words, lines, current = text.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    return lines


def _fit(draw, text, weight, sizes, width, max_lines):
    """The largest size at which the text fits in max_lines lines (else the smallest, cut)."""
    for size in sizes:
        font = _font(weight, size)
        lines = _wrap(draw, text, font, width, max_lines)
        if not lines[-1].endswith("…"):
            return font, lines
    return font, lines


def card_png(lines):
    """The card as PNG bytes: white, a Mind blue band, the provider's rate and England's side by side in a
    calm panel, the source below, in the site's typeface."""
    image = Image.new("RGB", (WIDTH, HEIGHT), COLOR_SURFACE)
    draw = ImageDraw.Draw(image)
    margin = 72
    width = WIDTH - 2 * margin
    draw.rectangle([0, 0, WIDTH, 16], fill=COLOR_BRAND)
    by_style = {line.style: line.text for line in lines}
    y = 48

    font, name_lines = _fit(draw, by_style["name"], 700, (56, 48, 42), width, 2)
    for text in name_lines:
        draw.text((margin, y), text, font=font, fill=COLOR_TEXT)
        y += int(font.size * 1.2)
    y += 24

    panel_top, panel_height = y, 208
    if "rate" in by_style:
        draw.rounded_rectangle(
            [margin - 32, panel_top, WIDTH - margin + 32, panel_top + panel_height], radius=12, fill=COLOR_BRAND_TINT
        )
        left_width, right_x = 600, margin + 660
        y = panel_top + 28
        for line in lines:
            if line.style == "rate":
                rate_font = _font(700, 72 if line.text.startswith("About") else 40)
                for text in _wrap(draw, line.text, rate_font, left_width, 2):
                    draw.text((margin, y), text, font=rate_font, fill=COLOR_BRAND)
                    y += int(rate_font.size * 1.15)
            elif line.style == "label":
                label_font = _font(400, 28)
                for text in _wrap(draw, line.text, label_font, left_width, 2):
                    draw.text((margin, y), text, font=label_font, fill=COLOR_TEXT)
                    y += 38
        england_font = _font(700, 40)
        y = panel_top + 36
        draw.line(
            [right_x - 32, panel_top + 28, right_x - 32, panel_top + panel_height - 28], fill=COLOR_BRAND, width=3
        )
        for text in _wrap(draw, by_style["england"], england_font, WIDTH - margin - right_x, 3):
            draw.text((right_x, y), text, font=england_font, fill=COLOR_TEXT)
            y += 50
    else:
        label_font = _font(400, 36)
        for text in _wrap(draw, by_style["label"], label_font, width, 2):
            draw.text((margin, y), text, font=label_font, fill=COLOR_TEXT)
            y += 48

    bottom = HEIGHT - 40
    if "invented" in by_style:
        invented_font = _font(700, 30)
        box_top = bottom - 52
        draw.rounded_rectangle(
            [margin - 16, box_top, margin + draw.textlength(by_style["invented"], font=invented_font) + 16, bottom],
            radius=6,
            fill=COLOR_WARNING_TINT,
            outline=COLOR_WARNING,
            width=3,
        )
        draw.text((margin, box_top + 8), by_style["invented"], font=invented_font, fill=COLOR_WARNING)
        bottom = box_top - 12
    if "source" in by_style:
        source_font = _font(400, 26)
        for text in reversed(_wrap(draw, by_style["source"], source_font, width, 2)):
            bottom -= 34
            draw.text((margin, bottom), text, font=source_font, fill=COLOR_MUTED)

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def card_key(provider, import_key):
    """What the card depends on besides the figures: the provider's code, the latest import and what the card
    shows of the provider. Its ETag, and its key in the cache."""
    shown = hashlib.sha256(f"{provider.display_name}|{provider.is_synthetic}".encode()).hexdigest()[:12]
    return f"{provider.ods_code}-{import_key}-{shown}-v{CARD_VERSION}"


def provider_card(provider, import_key, lines_for):
    """The provider's card as PNG bytes, drawn at most once per import (lines_for() reads the figures)."""
    key = f"figures:share-card:{card_key(provider, import_key)}"
    png = cache.get(key)
    if png is None:
        png = card_png(lines_for())
        cache.set(key, png, timeout=CACHE_SECONDS)
    return png


# --- the default image --------------------------------------------------------------------------------


def default_card():
    """The site's default share image as PNG bytes: Mind's name and what it campaigns for, in the palette."""
    image = Image.new("RGB", (WIDTH, HEIGHT), COLOR_BRAND)
    draw = ImageDraw.Draw(image)
    margin = 96
    draw.text((margin, 150), DEFAULT_LINES[0], font=_font(700, 120), fill=COLOR_SURFACE)
    y = 320
    font = _font(400, 48)
    for text in _wrap(draw, DEFAULT_LINES[1], font, WIDTH - 2 * margin, 3):
        draw.text((margin, y), text, font=font, fill=COLOR_SURFACE)
        y += 62
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def make_default_card(path=None):
    """Write static/images/share-default.png (run once when its words or the palette change)."""
    path = path or Path(settings.BASE_DIR) / "static" / DEFAULT_IMAGE_PATH
    Path(path).write_bytes(default_card())
    return path
