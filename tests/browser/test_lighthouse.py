"""Lighthouse, as a phone sees the site: at least 95 for accessibility, best practices and SEO on
the home page, the campaign, a guide part and a story.

The production server (gunicorn, production settings, the demo content: tests/production_server.py)
is audited by npm's `lighthouse` (pinned in package.json; `npm ci` installs it) driving Debian's
Chromium, one run per page and only those three categories. Without node or lighthouse the test is
skipped, except under CI (CI=true), where it fails, as the other browser tests do without Chromium.
"""

import json
import os
import shutil
import subprocess

import pytest

from tests.browser.conftest import in_ci
from tests.production_server import BASE_DIR, production_server, query

pytestmark = pytest.mark.browser

LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "seo")
LOWEST_SCORE = 95
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"

# The demo pages audited, by where they are in the tree.
PAGE_PATHS = (
    "import json; from wagtail.models import Site; from campaigns.models import CampaignPage, StoryPage;"
    "from guides.models import GuideChapterPage;"
    "path = lambda model: model.objects.live().order_by('path').first().get_url_parts()[2];"
    "print(json.dumps({'home': Site.objects.get(is_default_site=True).root_page.get_url_parts()[2],"
    " 'campaign': path(CampaignPage), 'guide part': path(GuideChapterPage), 'story': path(StoryPage)}))"
)
PAGES = ("home", "campaign", "guide part", "story")


@pytest.fixture(scope="session")
def lighthouse():
    missing = None
    if shutil.which("node") is None:
        missing = "node is not installed: apt-get install nodejs npm"
    elif not LIGHTHOUSE.exists():
        missing = "lighthouse is not installed: npm ci"
    if missing:
        if in_ci():
            pytest.fail(f"{missing} (Lighthouse must run in CI)", pytrace=False)
        pytest.skip(missing)
    return LIGHTHOUSE


@pytest.fixture(scope="module")
def production(production_site):
    paths = query(production_site, PAGE_PATHS)
    with production_server(production_site) as (base_url, _log):
        yield base_url, paths


def failed_audits(report, category):
    """The audits in a category that lost points, with what Lighthouse says about each."""
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
            items = (audit.get("details") or {}).get("items") or []
            where = "; ".join(json.dumps(item)[:200] for item in items[:3])
            lines.append(f"  - {audit['id']}: {audit['title']} {where}")
    return lines


@pytest.mark.parametrize("name", PAGES)
def test_lighthouse_scores_at_least_95(lighthouse, chromium_path, production, name, tmp_path):
    base_url, paths = production
    url = base_url + paths[name]
    output = tmp_path / "report.json"
    run = subprocess.run(
        [str(lighthouse), url, f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile"]
        # The three categories do not depend on speed: no simulated slow network, so the run stays short.
        + ["--throttling-method=provided", f"--chrome-flags={CHROME_FLAGS}"]
        + ["--output=json", f"--output-path={output}", "--quiet"],
        env={**os.environ, "CHROME_PATH": chromium_path},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, f"lighthouse failed on {url}:\n{run.stderr[-3000:]}"
    report = json.loads(output.read_text())
    assert not report.get("runtimeError"), report["runtimeError"]
    scores = {category: round(report["categories"][category]["score"] * 100) for category in CATEGORIES}
    low = [category for category, score in scores.items() if score < LOWEST_SCORE]
    details = "\n".join(
        line for category in low for line in [f"{category}: {scores[category]}"] + failed_audits(report, category)
    )
    assert not low, f"{name} ({url}) scores {scores}:\n{details}"
