"""A guide part stays light on a phone's connection: at most 40 KB of HTML, CSS and JavaScript
compressed (images aside, and the fonts, which have a budget of their own in test_identity.py), nothing
from any other host, and no script that holds up the first paint.

Measured as production sends it: gunicorn with the production settings (tests/production_server.py)
and the demo content, loaded in Chromium. Static files come from WhiteNoise, which serves its
precompressed copies (gzip, or Brotli when installed) to a browser that accepts them; what Chromium
received is counted. The web process does not compress HTML (there is no GZipMiddleware: the CDN
or proxy in front does), so the page itself is counted as gzip at level 1, the least a proxy would
compress it (nginx's default).
"""

import gzip
from urllib.parse import urlsplit

import pytest

from tests.production_server import fetch, production_server, query

pytestmark = pytest.mark.browser

BUDGET_BYTES = 40 * 1024

GUIDE_PART_PATHS = (
    "import json; from guides.models import GuideChapterPage;"
    "print(json.dumps([part.get_url_parts()[2] for part in GuideChapterPage.objects.live().order_by('path')]))"
)

# Every <script src> in <head> must wait for the page (defer, async or a module); any at the end of
# <body> is fine. Scripts with no src would be inline, which the site's security policy forbids.
# Data blocks (schema.org's application/ld+json) are not scripts: browsers never run them.
BLOCKING_SCRIPTS = """() => [...document.querySelectorAll('script')]
    .filter((s) => !/^application\\/(ld\\+)?json$/.test(s.type))
    .filter((s) => !s.src || (s.closest('head') && !s.defer && !s.async && s.type !== 'module'))
    .map((s) => s.outerHTML.slice(0, 200))"""

# Addresses in the page that a browser could fetch by itself. A canonical or alternate link names
# an address without fetching it: only the kinds of <link> a browser loads count.
FETCHED_ADDRESSES = """() => [
    ...[...document.querySelectorAll('[src]')].map((el) => el.src),
    ...[...document.querySelectorAll('link[href]')]
        .filter((el) => ['stylesheet', 'icon', 'apple-touch-icon', 'preload', 'modulepreload', 'prefetch', 'manifest']
            .some((rel) => el.relList.contains(rel)))
        .map((el) => el.href),
    ...[...document.querySelectorAll('img[srcset], source[srcset]')].flatMap(
        (el) => el.srcset.split(',').map((c) => new URL(c.trim().split(/\\s+/)[0], location.href).href)),
]"""


def compressed_html_size(body):
    return len(gzip.compress(body, compresslevel=1))


@pytest.fixture(scope="module")
def production(production_site):
    with production_server(production_site) as (base_url, _log):
        yield production_site, base_url


@pytest.fixture(scope="module")
def heaviest_guide_part(production):
    """The path of the demo guide part whose HTML is the most, compressed."""
    site, base_url = production
    paths = query(site, GUIDE_PART_PATHS)
    assert len(paths) >= 5, paths
    sizes = {}
    for path in paths:
        status, _headers, body = fetch(base_url + path)
        assert status == 200, path
        sizes[path] = compressed_html_size(body)
    return max(sizes, key=sizes.get)


def test_a_guide_part_is_at_most_40_kb_compressed_all_from_this_site(production, heaviest_guide_part, phone_page):
    _site, base_url = production
    path = heaviest_guide_part
    own_host = urlsplit(base_url).netloc
    requests = []
    phone_page.on("request", lambda request: requests.append(request))

    response = phone_page.goto(base_url + path, wait_until="networkidle")
    assert response.status == 200

    other_hosts = {urlsplit(r.url).netloc for r in requests if urlsplit(r.url).netloc != own_host}
    assert not other_hosts, f"the page asked other hosts for something: {sorted(other_hosts)}"
    named = [url for url in phone_page.evaluate(FETCHED_ADDRESSES) if urlsplit(url).netloc != own_host]
    assert not named, f"the page names things to fetch from other hosts: {named}"

    weights = {}
    for request in requests:
        if request.resource_type in ("image", "font"):
            continue
        if request.resource_type == "document":
            weights[request.url] = compressed_html_size(request.response().body())
        else:
            weights[request.url] = request.sizes()["responseBodySize"]
    kinds = {request.resource_type for request in requests if request.url in weights}
    assert {"document", "stylesheet", "script"} <= kinds, f"expected the page, its CSS and its JS; got {weights}"
    total = sum(weights.values())
    report = "\n".join(f"  {size:>6} B  {url}" for url, size in weights.items())
    assert total <= BUDGET_BYTES, f"{path} transfers {total} B compressed, over {BUDGET_BYTES} B:\n{report}"


def test_a_guide_part_has_no_render_blocking_script(production, heaviest_guide_part, phone_page):
    _site, base_url = production
    path = heaviest_guide_part
    phone_page.goto(base_url + path)
    assert phone_page.locator("head script[src]").count() >= 1, "expected Exit this page's script on a guide part"
    assert phone_page.evaluate(BLOCKING_SCRIPTS) == []
