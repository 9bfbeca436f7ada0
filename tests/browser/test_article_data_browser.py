"""The Article data in Chromium: the site's CSP forbids inline script, and the data block breaks none of it.

A <script type="application/ld+json"> is data: browsers never run it, so script-src does not apply.
This checks Chromium agrees (no CSP violation, nothing run) and reads the escaped data back whole.
"""

import pytest

pytestmark = pytest.mark.browser

HOSTILE_TITLE = 'A story </script><script>document.title="pwned"</script> & more'


def test_the_article_data_reads_back_whole_with_no_csp_violation(page, live_site):
    story = live_site.stories[0]
    story.title = HOSTILE_TITLE
    story.save_revision().publish()
    messages = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));"
    )
    page.goto(live_site.url(story))
    assert page.evaluate("() => window.__violations") == []
    assert not [message for message in messages if "Content Security Policy" in message], messages
    data = page.evaluate("() => JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert data["@type"] == "Article"
    assert data["headline"] == HOSTILE_TITLE
    assert page.title().startswith("A story")
