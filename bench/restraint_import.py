"""Time the restraint imports on files shaped like the real ones (issue 18, item 7). A measurement, not a test.

    .venv/bin/python bench/restraint_import.py        (or: make bench-imports)

It makes, in a temporary folder:
- a month shaped like NHS England's real "Restrictive Interventions" publication: every breakdown the real
  file has (England, Region, Provider and their "; Restrictive Intervention Type" rows, which are kept, and
  the many it skips: site, specialised service, age group, gender, ethnicity, ICB, sub-ICB…), every metric
  (the minutes and days ones are skipped too), about 200,000 rows, `*` for small counts, the status as
  "Performance " with its trailing space, names with Windows-1252 characters, zipped as downloaded;
- the Organisation Data Service's files as published (headerless, zipped): etr (300 NHS trusts), ephp
  (independent providers), ets (5,000 sites), ephpsite and succ;
and then times, each in its own child process on one scratch database (a SQLite file in the folder, or
BENCH_DATABASE_URL: an empty database made for this, which is migrated and written to):
1. the demo files (as before this script grew: issue 10's "under a few seconds");
2. the month (import_figures, as the command and the admin run it);
3. the ODS files (import_ods_providers, all six at once, after the month has named the providers).

Memory: the child process's own peak resident set (VmHWM: Python, Django and the database driver included;
not ru_maxrss, which counts the parent's size at the fork), and the part the import added over the child's
size once Django was set up. DEBUG is off, as production runs the import (DEBUG=true to measure it on).
Then each import again in a child with tracemalloc on, for the peak of Python's own allocations during the
import (not timed: tracemalloc slows Python down).

It writes its section of bench/RESULTS.md (BENCH_RESULTS) between its markers, with the targets: the month in
under 30 s and under 100 MB peak, the ODS files in under 10 s.
"""

import datetime
import io
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "RESULTS.md"))
SECTION_START = "<!-- imports {}: written by bench/restraint_import.py; edits here are overwritten -->"
SECTION_END = "<!-- end of imports {} -->"
MONTH_SECONDS, MONTH_MB, ODS_SECONDS = 30, 100, 10

HEADER = (
    "REPORTING_PERIOD_START,REPORTING_PERIOD_END,STATUS,BREAKDOWN,LEVEL_ONE,LEVEL_ONE_DESCRIPTION,"
    "LEVEL_TWO,LEVEL_TWO_DESCRIPTION,LEVEL_THREE,LEVEL_THREE_DESCRIPTION,LEVEL_FOUR,LEVEL_FOUR_DESCRIPTION,"
    "LEVEL_FIVE,LEVEL_FIVE_DESCRIPTION,LEVEL_SIX,LEVEL_SIX_DESCRIPTION,METRIC,METRIC_VALUE"
)
# Every metric the real file has: the six the site keeps, and the minutes and days it skips.
KEPT_METRICS = ["MHS76", "MHS77", "MHS96", "MHS97", "MHS136", "MHS137"]
OTHER_METRICS = [
    "MHS98", "MHS98a", "MHS99", "MHS138", "MHS138a", "MHS139", "MHS146", "MHS146a", "MHS147", "MHS147a",
]  # fmt: skip
TYPES = ["01", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17"]
REGIONS = ["Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63", "UNKNOWN"]
AGES = ["0 to 17", "18 to 24", "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 and over", "UNKNOWN"]
GENDERS = ["Male", "Female", "Non-binary", "Other", "UNKNOWN"]
ETHNICITIES = ["White", "Mixed", "Asian or Asian British", "Black or Black British", "Other", "Not stated"]
TRUSTS, INDEPENDENT, SITES = 300, 400, 5000
TRUSTS_IN_FIGURES, INDEPENDENT_IN_FIGURES = 200, 60


def trust_code(number):
    return f"R{number:03d}" if number < 250 else f"G{number:04d}"


def independent_code(number):
    return f"N{number:03d}"


def month_rows(rng):
    """The month's rows, as lists of cells: kept breakdowns first, as in the real file, then the skipped ones."""
    start, end = "2026-04-01", "2026-04-30"
    status = "Performance "

    def value(metric):
        if metric in ("MHS96", "MHS97", "MHS137"):
            return str(rng.randint(1, 60)) if rng.random() > 0.2 else "*"
        number = rng.randint(0, 600)
        return "*" if number < 40 else str(number - number % 5)

    def rows(breakdown, code, name, metrics, level_two=("NONE", "NONE"), more=()):
        levels = [code, name, *level_two, *more]
        levels += ["NONE"] * (12 - len(levels))
        for metric in metrics:
            yield [start, end, status, breakdown, *levels, metric, value(metric)]

    every = KEPT_METRICS + OTHER_METRICS
    # By type: people and interventions, and the minutes and days (no rates, as in the real file).
    typed = ["MHS76", "MHS77", *OTHER_METRICS]
    providers = [(trust_code(n), f"TRUST NUMBER {n} NHS FOUNDATION TRUST") for n in range(TRUSTS_IN_FIGURES)]
    providers += [
        (independent_code(n), f"ST BRIDE’S HÔPITAL NUMBER {n} LIMITED") for n in range(INDEPENDENT_IN_FIGURES)
    ]
    yield from rows("England", "England", "ENGLAND", every)
    for kind in TYPES:
        yield from rows("England; Restrictive Intervention Type", "England", "ENGLAND", typed, (kind, f"Type {kind}"))
    for region in REGIONS:
        yield from rows("Region", region, f"{region} COMMISSIONING REGION", every)
    for code, name in providers:
        yield from rows("Provider", code, name, every)
        for kind in TYPES:
            yield from rows("Provider; Restrictive Intervention Type", code, name, typed, (kind, f"Type {kind}"))
    # The breakdowns the site skips (most of the file).
    for region in REGIONS:
        for kind in TYPES:
            yield from rows("Region; Restrictive Intervention Type", region, region, every, (kind, f"Type {kind}"))
    for number in range(SITES // 2):
        code, name = providers[number % len(providers)]
        yield from rows("Provider; Site", code, name, every, (f"{code}{number:02d}", f"SITE {number}"))
    for number in range(60):
        yield from rows("Specialised Service", f"SS{number:02d}", f"SERVICE {number}", every)
    for group in AGES:
        yield from rows("Age Group", group, group, every)
    for group in GENDERS:
        yield from rows("Gender", group, group, every)
    for group in ETHNICITIES:
        yield from rows("Ethnicity", group, group, every)
    for number in range(42):
        yield from rows("ICB", f"QA{number:02d}", f"NHS ICB {number}", every)
        for kind in TYPES:
            yield from rows("ICB; Restrictive Intervention Type", f"QA{number:02d}", "ICB", every, (kind, kind))
    for number in range(106):
        yield from rows("Sub ICB", f"0{number:02d}X", f"SUB ICB {number}", every)
    for code, name in providers:
        for group in AGES:
            yield from rows("Provider; Age Group", code, name, every, (group, group))
        for group in GENDERS:
            yield from rows("Provider; Gender", code, name, every, (group, group))
        for group in ETHNICITIES:
            yield from rows("Provider; Ethnicity", code, name, every, (group, group))
        for number in range(3):
            yield from rows("Provider; Specialised Service", code, name, every, (f"SS{number:02d}", "SERVICE"))


def write_month(folder, rng):
    """The month as NHS England's zip, the CSV inside in Windows-1252. Returns (path, rows, bytes of CSV)."""
    out = io.StringIO()
    out.write(HEADER + "\r\n")
    count = 0
    for row in month_rows(rng):
        out.write(",".join(row) + "\r\n")
        count += 1
    data = out.getvalue().encode("cp1252")
    path = folder / "MHSDS Data_Rstr_Apr2026_Prf.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("MHSDS Data_Rstr_Apr2026_Prf.csv", data)
    return path, count, len(data)


def ods_line(code, name, town, postcode, parent="", closed=""):
    cells = [""] * 27
    cells[0], cells[1], cells[2], cells[3] = code, name, "Y56", "QMJ"
    cells[4], cells[5], cells[7], cells[9], cells[10], cells[11] = (
        "1 HIGH STREET",
        "",
        town,
        postcode,
        "20010401",
        closed,
    )
    cells[14], cells[17], cells[21], cells[23] = parent, "01234 567890", "1", "H"
    return ",".join(f'"{cell}"' for cell in cells)


def write_ods(folder, rng):
    """The ODS files, headerless and zipped as downloaded. Returns ([paths], {kind: rows})."""
    towns = ["LONDON", "EXETER", "LEEDS", "BRISTOL", "DAWLISH", "KELBY", "YORK", "DERBY"]
    files = {
        "etr": [ods_line(trust_code(n), f"TRUST NUMBER {n} NHS FOUNDATION TRUST", towns[n % 8], "EX2 5AF")
                for n in range(TRUSTS)],
        "ephp": [ods_line(independent_code(n), f"ST BRIDE’S HÔPITAL NUMBER {n} LIMITED", towns[n % 8], "NW1 0PE")
                 for n in range(INDEPENDENT)],
        "ets": [ods_line(f"{trust_code(n % TRUSTS)}{n:02d}", f"SITE {n} HOSPITAL", towns[n % 8], "EX2 5AF",
                         parent=trust_code(n % TRUSTS), closed="20240331" if n % 20 == 0 else "")
                for n in range(SITES)],
        "ephpsite": [ods_line(f"{independent_code(n % INDEPENDENT)}{n:02d}", f"UNIT {n}", towns[n % 8], "NW1 0PE",
                              parent=independent_code(n % INDEPENDENT)) for n in range(600)],
        "succ": [f'"{trust_code(n)}","{trust_code(n + 1)}","R","20250101","Y"' for n in range(0, 80, 2)],
    }  # fmt: skip
    paths = []
    for kind, lines in files.items():
        path = folder / f"{kind}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{kind}.csv", ("\r\n".join(lines) + "\r\n").encode("cp1252"))
        paths.append(path)
    return paths, {kind: len(lines) for kind, lines in files.items()}


# --- the child: one import, in its own process ----------------------------------------------------------


def child(job, paths, traced):

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mindsite.settings.dev")
    # DEBUG off, as production runs the import (mindsite.settings.dev turns it on): with DEBUG on, Django keeps
    # the SQL of every query (up to 9,000) in connection.queries, which is not the import's own memory.
    # DEBUG=true make bench-imports measures it the development way.
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from io import StringIO

    from django.conf import settings
    from django.core.management import call_command

    from campaigns.figures.importer import import_figures

    if job == "migrate":
        call_command("migrate", verbosity=0)
        return {}
    # The child's own peak so far (setting Django up), read before it is started afresh below. Not ru_maxrss:
    # a child's ru_maxrss counts the parent's resident set at the fork, and the parent holds the month it made.
    setup_peak_kb = status_kb("VmHWM")
    if job == "setup":  # Django set up and nothing else: what any command costs before it starts
        return {"setup_peak_kb": setup_peak_kb}
    # The child's resident set now, once Django is set up; its peak from here on is the import's.
    baseline_kb = status_kb("VmRSS")
    peak_reset = reset_peak()
    if traced:
        import tracemalloc

        tracemalloc.start()
    started = time.perf_counter()
    rows = kept = 0
    if job in ("demo", "month"):
        for path in map(Path, paths):
            with path.open("rb") as binary_file:
                record = import_figures(binary_file, path.name, is_synthetic=job == "demo")
            rows += record.rows_read
            kept += record.rows_kept
    else:
        call_command("import_ods_providers", *paths, stdout=StringIO())
    seconds = time.perf_counter() - started
    result = {
        "import_peak_kb": status_kb("VmHWM") if peak_reset else None,
        "seconds": seconds,
        "rows": rows,
        "kept": kept,
        "baseline_kb": baseline_kb,
        "setup_peak_kb": setup_peak_kb,
        "debug": settings.DEBUG,
        "vendor": django.db.connection.vendor,
    }
    if traced:
        result["traced_peak"] = tracemalloc.get_traced_memory()[1]
    return result


def status_kb(field):
    """A line of Linux's /proc/self/status, in KB: VmRSS (the resident set now), VmHWM (its peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def reset_peak():
    """Start the resident set's peak (VmHWM) again from now (Linux 4.0 and later), so it is the import's alone."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def run_child(job, paths, database_url, traced=False):
    """Runs one job in a child process; its result, with the child's peak resident set (ru_maxrss, in KB)."""
    env = {**os.environ, "DATABASE_URL": database_url}
    command = [sys.executable, __file__, "--child", job, "--traced" if traced else "--timed", *map(str, paths)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, cwd=ROOT)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{job}: the child failed ({process.returncode})")
    result = json.loads(output.decode().strip().splitlines()[-1])
    result["max_rss_kb"] = usage.ru_maxrss
    return result


def import_peak_words(result):
    if not result["import_peak_kb"]:
        return "not measured (needs Linux 4.0's clear_refs)"
    rise = mb(max(result["import_peak_kb"] - result["baseline_kb"], 0))
    return f"{mb(result['import_peak_kb']):.0f} MB (+{rise:.0f} MB)"


def own_peak_kb(result):
    """The child's own peak resident set: setting Django up, or the import, whichever was higher."""
    return max(result["setup_peak_kb"], result["import_peak_kb"] or 0)


def mb(kilobytes):
    return kilobytes / 1024


def verdict(met, how):
    return f"**met** ({how})" if met else f"**missed** ({how})"


def main():
    import results_file

    from mindsite.demo.figures import FIGURE_FILES

    rng = random.Random(18)  # noqa: S311 -- invented figures, the same each run
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
        month_path, month_rows_count, month_bytes = write_month(folder, rng)
        ods_paths, ods_counts = write_ods(folder, rng)
        run_child("migrate", [], database_url)
        setup = run_child("setup", [], database_url)
        demo = run_child("demo", FIGURE_FILES, database_url)
        month = run_child("month", [month_path], database_url)
        ods = run_child("ods", ods_paths, database_url)
        # Again with tracemalloc, on a fresh database, for Python's own peak (the timings above are without it).
        traced_url = os.environ.get("BENCH_DATABASE_URL_TRACED") or f"sqlite:///{folder}/traced.sqlite3"
        if not os.environ.get("BENCH_DATABASE_URL") or os.environ.get("BENCH_DATABASE_URL_TRACED"):
            run_child("migrate", [], traced_url)
            month_traced = run_child("month", [month_path], traced_url, traced=True)
            ods_traced = run_child("ods", ods_paths, traced_url, traced=True)
        else:
            month_traced = ods_traced = None
        zip_bytes = month_path.stat().st_size

    vendor = month["vendor"]
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    month_mb = mb(own_peak_kb(month))
    lines = [
        SECTION_START.format(vendor),
        f"## Restraint imports on real-shaped files ({vendor})",
        "",
        f"{datetime.date.today():%d %B %Y}, {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {load} at the end. Each import in its own child process "
        f"(`.venv/bin/python bench/restraint_import.py`); memory is the child's own peak resident set (VmHWM: "
        "Python, Django and the driver included). The peak during the import is the resident set's high-water "
        "mark (VmHWM) started afresh once Django was set up (by writing 5 to /proc/self/clear_refs), with, in "
        "brackets, its rise over the resident set at that moment; the child's own peak overall is the larger of "
        "that and its peak while Django was set up (VmHWM read before starting it afresh), which alone is "
        f"{mb(setup['setup_peak_kb']):.0f} MB (mindsite.settings.dev, DEBUG "
        f"{'on' if month['debug'] else 'off, as production runs the import'}). Not getrusage's ru_maxrss, as "
        "before 5 December 2026: a child's ru_maxrss counts the parent's resident set at the fork (the parent "
        f"holds the month it made), {mb(month['max_rss_kb']):.0f} MB here. Python's own peak allocations during "
        "the import come from a second run with tracemalloc (not timed).",
        "",
        "| import | rows | time | rows a second | peak resident set during the import (its rise) "
        "| the child's own peak overall | Python's peak during the import (tracemalloc) |",
        "|---|---|---|---|---|---|---|",
    ]

    def row(label, result, count, traced):
        rate = f"{count / result['seconds']:,.0f}" if count else "–"
        traced_words = f"{traced['traced_peak'] / 2**20:.1f} MB" if traced else "not measured"
        return (
            f"| {label} | {count:,} | {result['seconds']:.2f} s | {rate} | {import_peak_words(result)} | "
            f"{mb(own_peak_kb(result)):.0f} MB | {traced_words} |"
        )

    lines.append(row("the demo files (7,728 + older layout)", demo, demo["rows"], None))
    lines.append(
        row(
            f"a month like the real file: zip of {zip_bytes / 2**20:.1f} MB, CSV {month_bytes / 2**20:.1f} MB "
            "in Windows-1252",
            month,
            month["rows"],
            month_traced,
        )
    )
    ods_total = sum(ods_counts.values())
    lines.append(
        row(
            "the ODS files: " + ", ".join(f"{kind} {count:,}" for kind, count in ods_counts.items()),
            ods,
            ods_total,
            ods_traced,
        )
    )
    lines += [
        "",
        f"- The month, {month_rows_count:,} rows (every breakdown the real file has; "
        f"{TRUSTS_IN_FIGURES + INDEPENDENT_IN_FIGURES} providers; {month['kept']:,} rows kept, the rest skipped), "
        f"in under {MONTH_SECONDS} s: " + verdict(month["seconds"] < MONTH_SECONDS, f"{month['seconds']:.1f} s"),
        f"- The month's peak memory under {MONTH_MB} MB: "
        + verdict(
            month_mb < MONTH_MB,
            f"{month_mb:.1f} MB at the child's own peak, the whole process (Django included), "
            f"{month_mb - MONTH_MB:+.1f} MB against the target; the process held "
            f"{mb(month['baseline_kb']):.0f} MB before the import began (Django, Wagtail and the app's modules), "
            "and the import's own rise "
            f"{mb(max((month['import_peak_kb'] or 0) - month['baseline_kb'], 0)):.0f} MB"
            + (f", {month_traced['traced_peak'] / 2**20:.1f} MB of Python allocations" if month_traced else "")
            + f"; setting up Django alone peaks at {mb(setup['setup_peak_kb']):.0f} MB",
        ),
        f"- The ODS files in under {ODS_SECONDS} s: "
        + verdict(ods["seconds"] < ODS_SECONDS, f"{ods['seconds']:.1f} s"),
        SECTION_END.format(vendor),
    ]
    section = "\n".join(lines)
    results_file.write_section(RESULTS, section, SECTION_START.format(vendor), SECTION_END.format(vendor))
    print(section)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], sys.argv[4:], sys.argv[3] == "--traced")))
    else:
        main()
