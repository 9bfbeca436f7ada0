"""Charts drawn on the server as SVG: no chart library and no script in the browser.

Each chart is an <svg role="img"> named by its own <title> and <desc> (aria-labelledby), drawn twice: once
for phones and once for wider screens, each at about the width it is shown, so no text is shrunk below 12 CSS
pixels (the CSS shows one; the other is display: none). The partial puts it in a <figure> with a heading, a
one-line description, the numbers as a <table> and a CSV download. Colours are the government Analysis
Function's colour-blind-safe palette; colour is never the only cue
(markers, dashes and a key above the plot, apart from the data).
Only presentation attributes are used (no style attributes: the Content Security Policy forbids them).
"""

from decimal import ROUND_CEILING, Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .metrics import METHODOLOGY_CHANGE
from .wording import format_number, month_name

SUBJECT_COLOUR = "#12436D"
ENGLAND_COLOUR = "#F46A25"
TEXT = "#0b0c0c"
MUTED = "#454b52"
GRID = "#b1b4b6"
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\""


# Two drawings of each chart: one for phones and one for wider screens. The CSS shows one (the other is
# display: none, so out of the accessibility tree too). Each is drawn at about the width it is shown, so its
# text is never scaled below 12 CSS pixels: the phone one is 300 units wide (shown 288 px wide at 320 px).
PHONE = {"name": "phone", "width": 300, "size": 13}
WIDE = {"name": "wide", "width": 640, "size": 14}
# A character's average width in a sans-serif face, as a share of the font size: for laying out text.
CHARACTER = 0.56


def _text_width(content, size):
    return len(content) * size * CHARACTER


def _wrap(content, size, room):
    """Words on lines no wider than room (a long intervention type's name on a phone)."""
    lines, line = [], ""
    for word in content.split():
        trial = f"{line} {word}".strip()
        if line and _text_width(trial, size) > room:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line]


def _n(number):
    """A coordinate, short."""
    return f"{number:.1f}".rstrip("0").rstrip(".")


def _text(x, y, content, size=12, anchor="start", fill=TEXT, weight=None, halo=False, extra=""):
    attributes = f'x="{_n(x)}" y="{_n(y)}" font-size="{size}" fill="{fill}"'
    if anchor != "start":
        attributes += f' text-anchor="{anchor}"'
    if weight:
        attributes += f' font-weight="{weight}"'
    if halo:
        attributes += ' stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"'
    return f"<text {attributes}{extra}>{escape(content)}</text>"


def nice_top(largest):
    """A round number at or above the largest value, for the top of an axis, and the step between ticks."""
    if largest <= 0:
        return Decimal(4), Decimal(1)
    raw = Decimal(largest) / 4
    magnitude = Decimal(10) ** (len(str(int(raw))) - 1) if raw >= 1 else Decimal(1)
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        step = magnitude * factor
        if step >= raw:
            break
    top = step * (Decimal(largest) / step).to_integral_value(rounding=ROUND_CEILING)
    return top, step


def _marker(shape, x, y, colour):
    if shape == "circle":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4.5" fill="{colour}" stroke="#fff" stroke-width="1.5"/>'
    return (
        f'<rect x="{_n(x - 4.5)}" y="{_n(y - 4.5)}" width="9" height="9" fill="{colour}" '
        'stroke="#fff" stroke-width="1.5"/>'
    )


def _svg(ids, width, height, title, desc, body, css_class):
    title_id, desc_id = ids
    # Every piece of text in it went through escape(); numbers and attributes are the module's own.
    return mark_safe(  # noqa: S308
        f'<svg class="{css_class}" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'xmlns="http://www.w3.org/2000/svg" {FONT}>'
        f'<title id="{title_id}">{escape(title)}</title><desc id="{desc_id}">{escape(desc)}</desc>'
        f"{''.join(body)}</svg>"
    )


def _series_words(name, values, months):
    numbers = [(month, value) for month, value in zip(months, values, strict=True) if value.is_number]
    if not numbers:
        return f"{name}: no figure in these months."
    (first_month, first), (last_month, last) = numbers[0], numbers[-1]
    if first_month == last_month:
        return f"{name}: {format_number(first.number)} in {month_name(first_month)}, the only month with a figure."
    return (
        f"{name}: {format_number(first.number)} in {month_name(first_month)}, "
        f"{format_number(last.number)} in {month_name(last_month)}."
    )


def trend_description(figures):
    """The chart's one-line description, also the SVG's <desc>."""
    months = [point.month for point in figures.trend]
    subject = "England" if figures.is_england else "This provider"
    words = [_series_words(subject, [point.value for point in figures.trend], months)]
    if not figures.is_england:
        words.append(_series_words("England", [point.england for point in figures.trend], months))
    gaps = sum(1 for point in figures.trend if not point.value.is_number)
    if gaps:
        words.append(
            f"{gaps} month{'s' if gaps != 1 else ''} with no figure for "
            f"{'England' if figures.is_england else 'this provider'} "
            "(hidden to protect privacy, or no data reported) left as gaps."
        )
    if figures.merger_notes:
        words.append(
            "Some months are figures published under an organisation that became part of this one: "
            "the table says which."
        )
    if figures.trend_crosses_methodology_change:
        words.append(
            "The way the figures are recorded changed in July 2022, "
            "so months before and after it do not compare exactly."
        )
    return " ".join(words)


def _legend(series, layout, y):
    """The key, above the plot and apart from it: a short stretch of each line with its marker, then its name.
    Side by side on a wide drawing, one under the other on a phone's."""
    size = layout["size"]
    body, x = [], 0
    for index, (name, _values, colour, shape, dash) in enumerate(series):
        if layout is PHONE and index:
            x, y = 0, y + size + 8
        body.append(
            f'<line x1="{_n(x)}" x2="{_n(x + 30)}" y1="{_n(y)}" y2="{_n(y)}" stroke="{colour}" stroke-width="3"{dash}/>'
        )
        body.append(_marker(shape, x + 15, y, colour))
        body.append(_text(x + 38, y + size * 0.35, name, size=size, weight="700", extra=' class="chart__label"'))
        x += 38 + _text_width(name, size) + 28
    return body, y


def _trend_drawing(figures, layout, title, desc):
    width, size = layout["width"], layout["size"]
    points = figures.trend
    subject_label = "England" if figures.is_england else "This provider"
    series = [(subject_label, [p.value for p in points], SUBJECT_COLOUR, "circle", "")]
    if not figures.is_england:
        series.append(("England", [p.england for p in points], ENGLAND_COLOUR, "square", ' stroke-dasharray="8 5"'))
    numbers = [value.number for _, values, *_ in series for value in values if value.is_number]
    top, tick = nice_top(max(numbers) if numbers else 0)
    ticks = []
    value = Decimal(0)
    while value <= top:
        ticks.append(value)
        value += tick

    # The key names only the lines drawn: a provider with no number in the year has its gaps, and no line.
    body, legend_bottom = _legend([item for item in series if any(value.is_number for value in item[1])], layout, 12)
    # The y axis's label, on its own line above the plot, read across (not turned on its side).
    axis_label_y = legend_bottom + size + 16
    body.append(_text(0, axis_label_y, "Uses of restraint for every 1,000 nights", size=size, fill=MUTED))
    x0 = max(_text_width(format_number(tick_value), size) for tick_value in ticks) + 10
    x1 = width - 14
    y0, y1 = axis_label_y + 16, axis_label_y + (150 if layout is PHONE else 200)
    step_x = (x1 - x0) / max(len(points) - 1, 1)

    def x_at(index):
        return x0 + index * step_x

    def y_at(number):
        return y1 - float(number / top) * (y1 - y0)

    for tick_value in ticks:
        y = y_at(tick_value)
        body.append(f'<line x1="{_n(x0)}" x2="{_n(x1)}" y1="{_n(y)}" y2="{_n(y)}" stroke="{GRID}" stroke-width="1"/>')
        body.append(_text(x0 - 6, y + size * 0.35, format_number(tick_value), size=size, anchor="end", fill=MUTED))
    body.append(f'<line x1="{_n(x0)}" x2="{_n(x1)}" y1="{_n(y1)}" y2="{_n(y1)}" stroke="{TEXT}" stroke-width="1.5"/>')
    # Months along the bottom: every month on a wide drawing, every other one (ending at the latest) on a
    # phone's, with a tick for each; the year under the first month named and under the first of each year.
    every = 2 if layout is PHONE else 1
    last_year = None
    for index, point in enumerate(points):
        x = x_at(index)
        body.append(
            f'<line x1="{_n(x)}" x2="{_n(x)}" y1="{_n(y1)}" y2="{_n(y1 + 4)}" stroke="{TEXT}" stroke-width="1"/>'
        )
        if (len(points) - 1 - index) % every:
            continue
        body.append(_text(x, y1 + size + 6, f"{point.month:%b}", size=size, anchor="middle"))
        if point.month.year != last_year:
            body.append(_text(x, y1 + 2 * size + 10, f"{point.month:%Y}", size=size, anchor="middle", fill=MUTED))
            last_year = point.month.year
    # The methodology change, between June and July 2022.
    for index, point in enumerate(points):
        if index and point.month == METHODOLOGY_CHANGE:
            x = x_at(index) - step_x / 2
            body.append(
                f'<line class="chart__change" x1="{_n(x)}" x2="{_n(x)}" y1="{_n(y0 - 6)}" y2="{_n(y1)}" '
                f'stroke="{TEXT}" stroke-width="1.5" stroke-dasharray="2 3"/>'
            )
            anchor, shift = ("end", -4) if index > len(points) / 2 else ("start", 4)
            body.append(_text(x + shift, y0 + size, "Recording changed", size=size, anchor=anchor, halo=True))
            body.append(_text(x + shift, y0 + 2 * size + 4, "July 2022", size=size, anchor=anchor, halo=True))
    # Gaps: marked on the axis at their month ([c] or a dash), one row a line, never a point at 0.
    gap_row = 0
    for _name, values, *_ in series:
        if all(value.is_number for value in values):
            continue
        y = y1 - 6 - gap_row * (size + 4)
        gap_row += 1
        for index, value in enumerate(values):
            if not value.is_number:
                mark = "[c]" if value.suppressed else "–"
                body.append(
                    _text(
                        x_at(index),
                        y,
                        mark,
                        size=size,
                        anchor="middle",
                        weight="700",
                        halo=True,
                        extra=' class="chart__gap"',
                    )
                )
    # Lines: broken wherever a month has no number; markers on every number.
    for _name, values, colour, shape, dash in series:
        runs, run = [], []
        for index, value in enumerate(values):
            if value.is_number:
                run.append((x_at(index), y_at(value.number)))
            elif run:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
        for run in runs:
            if len(run) > 1:
                coordinates = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
                body.append(
                    f'<polyline points="{coordinates}" fill="none" stroke="{colour}" stroke-width="3" '
                    f'stroke-linejoin="round" stroke-linecap="round"{dash}/>'
                )
        for run in runs:
            for x, y in run:
                body.append(_marker(shape, x, y, colour))
    height = y1 + 2 * size + 16
    name = layout["name"]
    return _svg(
        (f"rf-trend-title-{name}", f"rf-trend-desc-{name}"),
        width,
        round(height),
        title,
        desc,
        body,
        f"chart__svg chart__svg--{name}",
    )


def trend_chart(figures):
    """The rate per 1,000 occupied bed days for 12 months: the subject, and England beside it."""
    if not figures.trend:
        return ""
    points = figures.trend
    subject = "England" if figures.is_england else "This provider"
    title = (
        f"{subject}: uses of restraint for every 1,000 nights spent on the wards, "
        f"{month_name(points[0].month)} to {month_name(points[-1].month)}"
        + ("" if figures.is_england else ", beside England")
    )
    desc = trend_description(figures)
    return _trend_drawing(figures, PHONE, title, desc) + _trend_drawing(figures, WIDE, title, desc)


def breakdown_description(figures):
    rows = figures.breakdown
    subject = "England" if figures.is_england else "This provider"
    numbers = [row for row in rows if row.value.is_number]
    words = []
    if numbers:
        most = max(numbers, key=lambda row: row.value.number)
        words.append(f"{subject} used {most.name.lower()} most: about {format_number(most.value.number)}.")
    else:
        words.append(f"{subject}: no type has a figure this month.")
    hidden = sum(1 for row in rows if row.value.suppressed)
    missing = sum(1 for row in rows if row.value.is_missing)
    if hidden:
        words.append(f"{hidden} type{'s' if hidden != 1 else ''} [c], hidden to protect privacy (1–4 each).")
    if missing:
        words.append(f"No data reported for {missing} type{'s' if missing != 1 else ''}.")
    if not figures.is_england:
        words.append("England's figures are in the table.")
    return " ".join(words)


def by_size(rows):
    """Biggest first; then the hidden ([c]) types, then those with no data, each in the published order."""
    return sorted(
        rows,
        key=lambda row: (0, -row.value.number) if row.value.is_number else (1 if row.value.suppressed else 2, 0),
    )


def _breakdown_drawing(figures, layout, title, desc):
    width, size = layout["width"], layout["size"]
    rows = by_size(figures.breakdown)
    numbers = [row.value.number for row in rows if row.value.is_number]
    largest = max(numbers) if numbers else Decimal(1)
    room = width - _text_width("12,345", size) - 10
    body, y = [], 4
    for row in rows:
        for line in _wrap(row.name, size, width):
            y += size + 4
            body.append(_text(0, y, line, size=size))
        bar_y = y + 6
        if row.value.is_number:
            length = max(float(row.value.number / largest) * room, 2)
            body.append(
                f'<rect x="0" y="{_n(bar_y)}" width="{_n(length)}" height="{size + 2}" fill="{SUBJECT_COLOUR}"/>'
            )
            body.append(_text(length + 6, bar_y + size, format_number(row.value.number), size=size, weight="700"))
        else:
            mark = "[c] hidden to protect privacy" if row.value.suppressed else "no data reported"
            body.append(_text(0, bar_y + size, mark, size=size, fill=MUTED, extra=' class="chart__gap"'))
        y = bar_y + size + 14
    name = layout["name"]
    return _svg(
        (f"rf-types-title-{name}", f"rf-types-desc-{name}"),
        width,
        round(y),
        title,
        desc,
        body,
        f"chart__svg chart__svg--bars chart__svg--{name}",
    )


def breakdown_chart(figures):
    """The latest month's restrictive interventions by type, biggest first: a bar for each number, a label for
    [c] or none."""
    if not figures.breakdown:
        return ""
    subject = "England" if figures.is_england else "This provider"
    title = f"{subject}: uses of restraint by type, {month_name(figures.latest_month.start)}"
    desc = breakdown_description(figures)
    return _breakdown_drawing(figures, PHONE, title, desc) + _breakdown_drawing(figures, WIDE, title, desc)
