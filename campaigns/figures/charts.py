"""Charts drawn on the server as SVG: no chart library and no script in the browser.

Each chart is an <svg role="img"> named by its own <title> and <desc> (aria-labelledby), sized by its
viewBox alone so it shrinks to a 320-pixel screen; the partial puts it in a <figure> with a heading, a
one-line description, the numbers as a <table> and a CSV download. Colours are the government Analysis
Function's colour-blind-safe palette; colour is never the only cue (markers, dashes and direct labels).
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


def trend_chart(figures):
    """The rate per 1,000 occupied bed days for 12 months: the subject, and England beside it."""
    if not figures.trend:
        return ""
    width, height = 480, 290
    x0, x1 = 48, 360
    y0, y1 = 48, 236
    points = figures.trend
    step_x = (x1 - x0) / (len(points) - 1)
    subject_label = "England" if figures.is_england else "Provider"
    series = [(subject_label, [p.value for p in points], SUBJECT_COLOUR, "circle", "")]
    if not figures.is_england:
        series.append(("England", [p.england for p in points], ENGLAND_COLOUR, "square", ' stroke-dasharray="8 5"'))
    numbers = [value.number for _, values, *_ in series for value in values if value.is_number]
    top, tick = nice_top(max(numbers) if numbers else 0)

    def x_at(index):
        return x0 + index * step_x

    def y_at(number):
        return y1 - float(number / top) * (y1 - y0)

    body = []
    # Grid and the y axis's numbers.
    value = Decimal(0)
    while value <= top:
        y = y_at(value)
        body.append(f'<line x1="{x0}" x2="{x1}" y1="{_n(y)}" y2="{_n(y)}" stroke="{GRID}" stroke-width="1"/>')
        body.append(_text(x0 - 6, y + 4, format_number(value), size=12, anchor="end", fill=MUTED))
        value += tick
    body.append(f'<line x1="{x0}" x2="{x1}" y1="{y1}" y2="{y1}" stroke="{TEXT}" stroke-width="1.5"/>')
    # Months along the bottom: the year under the first month and under each January.
    for index, point in enumerate(points):
        x = x_at(index)
        body.append(_text(x, y1 + 17, f"{point.month:%b}", size=12, anchor="middle"))
        if index == 0 or point.month.month == 1:
            body.append(_text(x, y1 + 32, f"{point.month:%Y}", size=12, anchor="middle", fill=MUTED))
    # The methodology change, between June and July 2022.
    for index, point in enumerate(points):
        if index and point.month == METHODOLOGY_CHANGE:
            x = x_at(index) - step_x / 2
            body.append(
                f'<line class="chart__change" x1="{_n(x)}" x2="{_n(x)}" y1="{y0 - 6}" y2="{y1}" stroke="{TEXT}" '
                'stroke-width="1.5" stroke-dasharray="2 3"/>'
            )
            anchor, shift = ("end", -4) if index > len(points) / 2 else ("start", 4)
            body.append(_text(x + shift, y0 + 8, "Recording changed", size=11, anchor=anchor, halo=True))
            body.append(_text(x + shift, y0 + 21, "July 2022", size=11, anchor=anchor, halo=True))
    # Gaps: one row of marks per line above the plot, never a point at 0.
    gap_rows = 0
    for name, values, *_ in series:
        if all(value.is_number for value in values):
            continue
        y = 14 + gap_rows * 16
        gap_rows += 1
        body.append(_text(x1 + 10, y + 4, f"{name} gaps", size=11, fill=MUTED))
        for index, value in enumerate(values):
            if not value.is_number:
                mark = "[c]" if value.suppressed else "–"
                body.append(
                    _text(x_at(index), y + 4, mark, size=12, anchor="middle", weight="700", extra=' class="chart__gap"')
                )
    # Lines: broken wherever a month has no number; markers on every number.
    label_positions = []
    for name, values, colour, shape, dash in series:
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
        last = next((value for value in reversed(values) if value.is_number), None)
        if last is not None:
            label_positions.append([y_at(last.number), name, colour, shape, dash, last])
    # Direct labels at the lines' ends, pushed apart so they never overlap.
    label_positions.sort(key=lambda item: item[0])
    for first, second in zip(label_positions, label_positions[1:], strict=False):
        if second[0] - first[0] < 30:
            middle = (first[0] + second[0]) / 2
            first[0], second[0] = middle - 15, middle + 15
    for y, name, colour, shape, dash, last in label_positions:
        x = x1 + 10
        body.append(
            f'<line x1="{x}" x2="{x + 32}" y1="{_n(y)}" y2="{_n(y)}" stroke="{colour}" stroke-width="3"{dash}/>'
        )
        body.append(_marker(shape, x + 16, y, colour))
        body.append(_text(x + 40, y - 1, name, size=13, weight="700", extra=' class="chart__label"'))
        body.append(_text(x + 40, y + 13, format_number(last.number), size=12, fill=MUTED))
    subject = "England" if figures.is_england else "This provider"
    title = (
        f"{subject}: uses of restraint for every 1,000 nights spent on the wards, "
        f"{month_name(points[0].month)} to {month_name(points[-1].month)}"
        + ("" if figures.is_england else ", beside England")
    )
    return _svg(
        ("rf-trend-title", "rf-trend-desc"), width, height, title, trend_description(figures), body, "chart__svg"
    )


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


def breakdown_chart(figures):
    """The latest month's restrictive interventions by type: a bar for each number, a label for [c] or none."""
    rows = figures.breakdown
    if not rows:
        return ""
    width = 460
    row_height = 42
    top_margin = 8
    height = top_margin + row_height * len(rows) + 4
    left, label_space = 4, 84
    numbers = [row.value.number for row in rows if row.value.is_number]
    largest = max(numbers) if numbers else Decimal(1)
    body = []
    for index, row in enumerate(rows):
        y = top_margin + index * row_height
        body.append(_text(left, y + 14, row.name, size=13))
        bar_y = y + 20
        if row.value.is_number:
            length = max(float(row.value.number / largest) * (width - left - label_space), 2)
            body.append(f'<rect x="{left}" y="{bar_y}" width="{_n(length)}" height="14" fill="{SUBJECT_COLOUR}"/>')
            body.append(_text(left + length + 6, bar_y + 12, format_number(row.value.number), size=13, weight="700"))
        else:
            mark = "[c] hidden to protect privacy" if row.value.suppressed else "no data reported"
            body.append(_text(left, bar_y + 12, mark, size=13, fill=MUTED, extra=' class="chart__gap"'))
    subject = "England" if figures.is_england else "This provider"
    title = f"{subject}: uses of restraint by type, {month_name(figures.latest_month.start)}"
    return _svg(
        ("rf-types-title", "rf-types-desc"),
        width,
        height,
        title,
        breakdown_description(figures),
        body,
        "chart__svg chart__svg--bars",
    )
