"""Keyboard helpers for browser tests: move focus with real key presses, and look at
what has focus. They only read the page (page.evaluate), never click or focus things
themselves, and they work with JavaScript off as well as on."""

import time

FOCUSED_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const link = el.closest('a[href]');
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id || null,
        text: (el.innerText || el.value || '').replace(/\\s+/g, ' ').trim(),
        href: el.getAttribute('href'),
        path: link ? new URL(link.href, location.href).pathname : null,
        hash: link ? new URL(link.href, location.href).hash : null,
        rel: el.getAttribute('rel'),
        inMain: !!el.closest('main'),
        ariaCurrent: el.getAttribute('aria-current'),
    };
}"""

# What a focus indicator can change. Compared on the same element, focused and not.
STYLE_JS = """(el) => {
    // Finish any CSS transition so we read the end state, not a frame of the fade.
    if (el.getAnimations) el.getAnimations().forEach((a) => { try { a.finish(); } catch (e) {} });
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const side = (w, st, c) => (st === 'none' || parseFloat(w) === 0 ? 'none' : `${w} ${st} ${c}`);
    return {
        outline: s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0
            ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} ${s.outlineOffset}`,
        boxShadow: s.boxShadow,
        backgroundColor: s.backgroundColor,
        border: [
            side(s.borderTopWidth, s.borderTopStyle, s.borderTopColor),
            side(s.borderRightWidth, s.borderRightStyle, s.borderRightColor),
            side(s.borderBottomWidth, s.borderBottomStyle, s.borderBottomColor),
            side(s.borderLeftWidth, s.borderLeftStyle, s.borderLeftColor),
        ].join(' / '),
        color: s.color,
        textDecoration: `${s.textDecorationLine} ${s.textDecorationThickness} ${s.textDecorationColor}`,
        visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden',
    };
}"""

# A focus indicator must add something around or behind the element; a change of text
# colour or underline alone is too easy to miss (and is what hover looks like).
INDICATOR_KEYS = ("outline", "boxShadow", "backgroundColor", "border")


def focused(page):
    """A dict describing document.activeElement (None when nothing has focus)."""
    return page.evaluate(FOCUSED_JS)


def describe(element):
    if element is None:
        return "(nothing)"
    text = element["text"][:60]
    return f"<{element['tag']}{' href=' + repr(element['href']) if element['href'] else ''}> {text!r}"


def press_until(page, predicate, *, key="Tab", max_presses=80, what="the element wanted"):
    """Press ``key`` until ``predicate(focused(page))`` is true; returns that element.

    Fails, listing everything that had focus on the way, if it never comes."""
    seen = []
    for _ in range(max_presses):
        page.keyboard.press(key)
        element = focused(page)
        if element is not None and predicate(element):
            return element
        seen.append(describe(element))
    trail = "\n  ".join(seen)
    raise AssertionError(f"{key} x{max_presses} on {page.url} never reached {what}. Focus went to:\n  {trail}")


def wait_for_focus(page, predicate, timeout=5.0):
    """Poll (without page scripts) until the focused element satisfies ``predicate``."""
    deadline = time.monotonic() + timeout
    while True:
        element = focused(page)
        if element is not None and predicate(element):
            return element
        if time.monotonic() > deadline:
            return element
        time.sleep(0.05)


def press_enter_and_wait(page, expected_url):
    """Press Enter on the focused link and wait until the browser has loaded ``expected_url``."""
    with page.expect_navigation(url=expected_url):
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")


def style_of(page, handle):
    """Computed styles that can show focus, of the element behind a JSHandle."""
    return page.evaluate(STYLE_JS, handle)


def focus_style(page):
    """Computed styles that can show focus, of the focused element."""
    handle = page.evaluate_handle("() => document.activeElement")
    try:
        return style_of(page, handle)
    finally:
        handle.dispose()
