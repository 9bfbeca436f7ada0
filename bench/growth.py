"""Render time against length: a guide part of 1, 10 and 50 screens of text, and the whole guide
(its /print/ view) with 3, 10 and 30 parts. A measurement, not a test (issue 11, item 6).

    .venv/bin/python bench/growth.py     (make bench runs it last, on its scratch database)

In-process with Django's test client, on the production settings (DEBUG off) with the page cache
off (PAGE_CACHE_SECONDS=0). Run alone, it makes a scratch SQLite database with the demo content
in a temporary folder; run by bench/run.py, it uses that run's scratch database (DATABASE_URL as
given). It adds its own guides under the demo campaign (titled "Bench growth ..."), renders each
address once (the first render) and then BENCH_GROWTH_RENDERS times (default 15; 5 for the
biggest), and writes the median into its section of bench/RESULTS.md (BENCH_RESULTS).

A "screen" is what a 320-pixel-wide phone shows at once, taken as about 200 words: a section
heading and two paragraphs of about 100 words each. Each part of the guides measured for the
whole guide is 3 screens long.
"""

import datetime
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import results_file

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "RESULTS.md"))
SECTION_START = "<!-- growth {}: written by bench/growth.py (make bench); edits here are overwritten -->"
SECTION_END = "<!-- end of growth {} -->"
RENDERS = int(os.environ.get("BENCH_GROWTH_RENDERS", "15"))
PART_SCREENS = (1, 10, 50)
GUIDE_PARTS = (3, 10, 30)
SCREENS_PER_PART_IN_GUIDE = 3

SENTENCE = (
    "Restraint should only ever be a last resort, used for the shortest time, by staff trained to keep "
    "everyone safe, and each time it is used it should be recorded and talked through afterwards. "
)


def paragraph(n):
    # About 100 words: three times the sentence above (33 words), numbered so no two are alike.
    return f"<p>Paragraph {n}. " + SENTENCE * 3 + "</p>"


def body(screens, start=0):
    blocks = []
    for screen in range(start, start + screens):
        blocks.append({"type": "heading", "value": {"text": f"Section {screen + 1}", "anchor": ""}})
        blocks.append({"type": "paragraph", "value": paragraph(2 * screen + 1) + paragraph(2 * screen + 2)})
    return json.dumps(blocks)


def setup_django():
    made = None
    if "DATABASE_URL" not in os.environ:
        made = tempfile.TemporaryDirectory(prefix="mindsite-growth-")
        os.environ["DATABASE_URL"] = f"sqlite:///{made.name}/growth.sqlite3"
        os.environ.setdefault("MEDIA_ROOT", os.path.join(made.name, "media"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "mindsite.settings.production",
            "DEBUG": "false",
            "PAGE_CACHE_SECONDS": "0",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "CACHE_URL": os.environ.get("CACHE_URL", "locmemcache://"),
        }
    )
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-bench-only-secret-key-0123456789")
    os.environ.setdefault("OTP_ENCRYPTION_KEY", "m2H4xJ8dQk9Wl1VZ0rY7pN3sT6uB5cE8fG1hJ4kL7oA=")
    os.environ["ALLOWED_HOSTS"] = ",".join(
        filter(None, [os.environ.get("ALLOWED_HOSTS", ""), "testserver", "127.0.0.1", "localhost"])
    )
    # The test client's pages need the manifest of static files: keep to plain storage names.
    os.environ.setdefault("STATIC_ROOT", os.path.join(made.name if made else tempfile.gettempdir(), "static"))
    import django

    django.setup()
    if made is not None:
        from django.core.management import call_command

        print("growth: migrating a scratch SQLite database and loading the demo content", flush=True)
        call_command("migrate", "--noinput", verbosity=0)
        call_command("load_demo_content", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
    return made


def add_guide(campaign, slug, title, parts):
    """A published guide under the campaign with `parts` = [(title, screens), ...]."""
    from guides.models import GuideChapterPage, GuidePage

    guide = GuidePage(title=title, slug=slug, summary="Made by bench/growth.py to time rendering.", live=False)
    campaign.add_child(instance=guide)
    guide.save_revision().publish()
    pages = []
    start = 0
    for number, (part_title, screens) in enumerate(parts, 1):
        part = GuideChapterPage(
            title=part_title, slug=f"part-{number}", summary="A part to time.", body=body(screens, start), live=False
        )
        guide.add_child(instance=part)
        part.save_revision().publish()
        pages.append(part)
        start += screens
    return guide, pages


def time_renders(client, path, renders):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    first = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    size = len(response.content)
    times = []
    for _ in range(renders):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as again:
            response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return {
        "first": first,
        "median": statistics.median(times),
        "queries": len(again.captured_queries),
        "first_queries": len(queries.captured_queries),
        "kib": size / 1024,
        "renders": renders,
    }


def write_section(section, start, end):
    results_file.write_section(RESULTS, section, start, end)


def main():
    made = setup_django()
    try:
        from django.conf import settings
        from django.db import connection
        from django.test import Client

        from campaigns.models import CampaignPage

        if settings.PAGE_CACHE_SECONDS or settings.DEBUG:
            sys.exit("growth: the page cache must be off and DEBUG off")
        campaign = CampaignPage.objects.live().order_by("path").first()
        stamp = int(time.time())
        client = Client()
        # One render first, so the first timed render is not also the process's first (imports, templates).
        client.get(campaign.url)
        rows_parts = []
        guide, parts = add_guide(
            campaign,
            f"bench-growth-lengths-{stamp}",
            "Bench growth: parts of different lengths",
            [(f"{screens} screen{'s' if screens > 1 else ''} of text", screens) for screens in PART_SCREENS],
        )
        for screens, part in zip(PART_SCREENS, parts, strict=True):
            print(f"growth: a part of {screens} screen(s)", flush=True)
            rows_parts.append((screens, time_renders(client, part.url, RENDERS if screens < 50 else 5)))
        rows_guides = []
        for count in GUIDE_PARTS:
            guide, _ = add_guide(
                campaign,
                f"bench-growth-{count}-parts-{stamp}",
                f"Bench growth: a guide of {count} parts",
                [(f"Part {n}", SCREENS_PER_PART_IN_GUIDE) for n in range(1, count + 1)],
            )
            print(f"growth: the whole guide of {count} parts", flush=True)
            rows_guides.append((count, time_renders(client, guide.url + "print/", RENDERS if count < 30 else 5)))
        database = connection.vendor
        kind = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(database, database)
        load = " / ".join(f"{n:.1f}" for n in os.getloadavg())
    finally:
        if made is not None:
            made.cleanup()

    def row(label, result):
        return (
            f"| {label} | {result['kib']:,.0f} KiB | {result['first']:.0f} ms | {result['median']:.0f} ms "
            f"({result['renders']} renders) | {result['queries']} |"
        )

    head = "| {} | HTML | first render | median render | queries per render |\n|---|---:|---:|---:|---:|"
    lines = [
        SECTION_START.format(database),
        f"## Render time as pages grow, on {kind} (bench/growth.py)",
        "",
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average at the end {load}. In-process with "
        "Django's test client through every middleware, production settings (DEBUG off), page cache off "
        "(PAGE_CACHE_SECONDS=0), the local-memory cache. A screen is about 200 words (a section heading and two "
        f"paragraphs of about 100 words); each part of the guides in the second table is {SCREENS_PER_PART_IN_GUIDE} "
        "screens. The first render is the first request for the address after it was published; the median is "
        "of the requests after it. The text is filler made for the run, not content.",
        "",
        "### A guide part against its length",
        "",
        head.format("part"),
        *(row(f"{screens} screen{'s' if screens > 1 else ''}", result) for screens, result in rows_parts),
        "",
        "### The whole guide (/print/) against its number of parts",
        "",
        head.format("guide"),
        *(row(f"{count} parts", result) for count, result in rows_guides),
        "",
        SECTION_END.format(database),
    ]
    section = "\n".join(lines)
    write_section(section, SECTION_START.format(database), SECTION_END.format(database))
    print(section)


if __name__ == "__main__":
    main()
