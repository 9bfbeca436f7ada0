"""Time importing the demo restraint figures files (issue 10: "under a few seconds"). A measurement, not a test.

    .venv/bin/python bench/restraint_import.py

Imports into a throwaway SQLite database made for the run, or into BENCH_DATABASE_URL (an empty
database made for this, e.g. postgres://postgres@127.0.0.1:5432/mindsite_bench: it is migrated and written to).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mindsite.settings.dev")
        import django

        django.setup()
        from django.core.management import call_command

        from campaigns.figures.importer import import_figures
        from mindsite.demo.figures import FIGURE_FILES

        call_command("migrate", verbosity=0)
        for path in FIGURE_FILES:
            with path.open("rb") as binary_file:
                started = time.perf_counter()
                record = import_figures(binary_file, path.name, is_synthetic=True)
                seconds = time.perf_counter() - started
            print(
                f"{path.name}: {record.rows_read:,} rows read, {record.rows_kept:,} kept in {seconds:.2f} s "
                f"({record.rows_read / seconds:,.0f} rows a second) on {django.db.connection.vendor}"
            )


if __name__ == "__main__":
    main()
