"""`make screenshots` (manage.py take_screenshots) run as a developer runs it, for one page at one width."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from tests.browser.conftest import judged_once_on_sqlite

BASE_DIR = Path(__file__).resolve().parent.parent.parent

pytestmark = judged_once_on_sqlite


def test_one_page_at_one_width_from_a_throwaway_site(chromium_path, tmp_path):
    own_database = tmp_path / "developers-own.sqlite3"
    # Short, under /tmp: Chromium puts a socket in it, and a socket's path may not pass 107 characters
    # (pytest's tmp_path under CI's own temporary folder does).
    temporary = Path(tempfile.mkdtemp(prefix="shots-", dir="/tmp"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mindsite.settings.dev",
        "DATABASE_URL": f"sqlite:///{own_database}",
        "CHROMIUM_PATH": chromium_path,
        "TMPDIR": str(temporary),
    }
    out = tmp_path / "shots"
    result = subprocess.run(
        [sys.executable, "manage.py", "take_screenshots", "--only", "guide-part", "--width", "320", "--out", str(out)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    leftovers = list(temporary.iterdir())
    shutil.rmtree(temporary)
    assert result.returncode == 0, result.stderr

    assert [path.name for path in out.iterdir()] == ["05-guide-part-0320.png"]
    width, height = Image.open(out / "05-guide-part-0320.png").size
    assert width == 320
    assert height > 2 * 640, "the whole page, not only the first screen"
    # The developer's own database was never opened, and the throwaway site is gone.
    assert not own_database.exists()
    assert leftovers == []
