"""bench/RESULTS.md is shared: each script of make bench rewrites only its own section, between markers."""


def write_section(results, section, start, end):
    """Replace this section of `results` (a Path) between its markers, or add it before the load test's."""
    existing = results.read_text() if results.exists() else "# Benchmark results\n"
    if start in existing and end in existing:
        before, rest = existing.split(start, 1)
        text = before + section + rest.split(end, 1)[1]
    else:
        at = min((existing.find(m) for m in ("<!-- loadtest", "## Earlier") if m in existing), default=-1)
        if at < 0:
            text = existing.rstrip("\n") + "\n\n" + section + "\n"
        else:
            text = existing[:at] + section + "\n\n" + existing[at:]
    results.write_text(text)
