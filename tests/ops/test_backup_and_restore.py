"""`make backup` and `make restore`: a backup restored into an empty database holds the site and its orders.

The backup is made from the test database; the restore runs as its own process, as an
operator would run it, into a scratch database: a SQLite file, or on PostgreSQL a database
named after the test database with "_restore" added, dropped afterwards.
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.documents import get_document_model

from campaigns.orders.models import PrintOrder
from mindsite.accounts.models import RecoveryCodes
from tests.admin_helpers import add_authenticator
from tests.conftest import build_site
from tests.order_helpers import place_order

# The backup reads committed data, from another connection on PostgreSQL; serialized_rollback
# gives this test Wagtail's root page and the migrations' groups whichever tests flushed before it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BASE_DIR = Path(django_settings.BASE_DIR)
LEAFLET = b"%PDF-1.4\n% a leaflet about restraint\n"


def run_manage(database_url, media_root, *arguments):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mindsite.settings.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300
    )


class ScratchDatabase:
    """An empty database of the test database's kind, and a way to query it."""

    def __init__(self, tmp_path):
        self.settings = connection.settings_dict
        if connection.vendor == "sqlite":
            self.path = tmp_path / "restored.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            self.name = f"{self.settings['NAME']}_restore"
            user, password = self.settings["USER"], self.settings["PASSWORD"]
            credentials = f"{user}:{password}@" if password else f"{user}@"
            self.url = f"postgres://{credentials}{self.settings['HOST']}:{self.settings['PORT']}/{self.name}"
            self.administer(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)', f'CREATE DATABASE "{self.name}"')

    def administer(self, *statements):
        admin = psycopg2.connect(
            dbname="postgres",
            user=self.settings["USER"],
            password=self.settings["PASSWORD"] or None,
            host=self.settings["HOST"],
            port=self.settings["PORT"],
        )
        admin.autocommit = True
        try:
            with admin.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        finally:
            admin.close()

    def query(self, sql):
        if connection.vendor == "sqlite":
            with sqlite3.connect(self.path) as restored:
                return restored.execute(sql).fetchall()
        restored = psycopg2.connect(
            dbname=self.name,
            user=self.settings["USER"],
            password=self.settings["PASSWORD"] or None,
            host=self.settings["HOST"],
            port=self.settings["PORT"],
        )
        try:
            with restored.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall()
        finally:
            restored.close()

    def drop(self):
        if connection.vendor != "sqlite":
            self.administer(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def scratch_database(tmp_path):
    database = ScratchDatabase(tmp_path)
    yield database
    database.drop()


@pytest.fixture
def live_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_backup(backup_dir):
    call_command("backup_site", "--to", str(backup_dir))
    (folder,) = [path for path in backup_dir.iterdir()]
    return folder


def test_a_backup_restores_into_an_empty_database_with_the_pages_orders_and_media(
    client, settings, tmp_path, live_media, scratch_database
):
    settings.ORDER_MIN_FILL_SECONDS = 0
    site = build_site(parts=2, stories=1)
    place_order(client, [site.guide], full_name="Ann Example", postcode="SW1A 1AA", email="ann@example.org")
    place_order(client, [site.guide], full_name="Bob Sample", postcode="M1 1AE", email="bob@example.org")
    references = set(PrintOrder.objects.values_list("reference", flat=True))
    assert len(references) == 2
    document = get_document_model().objects.create(title="Leaflet", file=ContentFile(LEAFLET, name="leaflet.pdf"))

    folder = make_backup(tmp_path / "backups")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == connection.vendor
    assert set(manifest["sha256"]) == {manifest["database"]["file"], "media.tar.gz"}
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert {oct(path.stat().st_mode & 0o777) for path in folder.iterdir()} == {"0o600"}

    restored_media = tmp_path / "restored-media"
    restore = run_manage(scratch_database.url, restored_media, "restore_site", str(folder))
    assert restore.returncode == 0, restore.stderr
    assert "Restored" in restore.stdout

    titles = {title for (title,) in scratch_database.query("SELECT title FROM wagtailcore_page")}
    assert {site.home.title, site.campaign.title, site.guide.title, *(part.title for part in site.chapters)} <= titles
    orders = dict(scratch_database.query("SELECT reference, full_name FROM orders_printorder"))
    assert orders == dict(PrintOrder.objects.values_list("reference", "full_name"))
    assert scratch_database.query("SELECT COUNT(*) FROM orders_printorderitem") == [(2,)]
    assert (restored_media / document.file.name).read_bytes() == LEAFLET

    # The restored database is a whole site at this code's schema: nothing left to migrate.
    check = run_manage(scratch_database.url, restored_media, "migrate", "--check")
    assert check.returncode == 0, check.stdout + check.stderr

    # Restoring never overwrites: the database (and media folder) now hold a site.
    again = run_manage(scratch_database.url, tmp_path / "empty-media", "restore_site", str(folder))
    assert again.returncode != 0
    assert "is not empty. Restore into an empty database" in again.stderr
    media_again = run_manage(scratch_database.url, restored_media, "restore_site", str(folder))
    assert "The media folder" in media_again.stderr and "is not empty" in media_again.stderr


def test_a_damaged_backup_is_refused(tmp_path, live_media):
    folder = make_backup(tmp_path / "backups")
    with open(folder / "media.tar.gz", "ab") as archive:
        archive.write(b"x")
    with pytest.raises(CommandError, match="is damaged"):
        call_command("restore_site", str(folder))


def test_an_unfinished_or_foreign_folder_is_not_a_backup(tmp_path, live_media):
    with pytest.raises(CommandError, match="is not a whole backup"):
        call_command("restore_site", str(tmp_path))


def test_old_backups_are_deleted_when_asked(tmp_path, live_media):
    backups = tmp_path / "backups"
    old = backups / "2020-01-01T031500Z"
    old.mkdir(parents=True)
    (old / "manifest.json").write_text("{}")
    notes = backups / "notes"
    notes.mkdir()
    call_command("backup_site", "--to", str(backups), "--keep-days", "30")
    remaining = sorted(path.name for path in backups.iterdir())
    assert "2020-01-01T031500Z" not in remaining
    assert "notes" in remaining and len(remaining) == 2


def test_a_backup_holds_no_second_factor_secret_in_plain_text(
    tmp_path, live_media, scratch_database, django_user_model
):
    """The authenticator app's key is in the backup only encrypted, the recovery codes only hashed."""
    user = django_user_model.objects.create_superuser("ada", "ada@mind.example", "a sturdy staff passphrase")
    key_hex = add_authenticator(user).key
    codes = ["q2w3e4r5", "t6y7u2i3"]
    RecoveryCodes.objects.create(user=user, name="Recovery codes").replace_codes(codes)

    folder = make_backup(tmp_path / "backups")
    restore = run_manage(scratch_database.url, tmp_path / "restored-media", "restore_site", str(folder))
    assert restore.returncode == 0, restore.stderr

    assert scratch_database.query("SELECT COUNT(*) FROM otp_totp_totpdevice") == [(0,)]
    assert scratch_database.query("SELECT COUNT(*) FROM otp_static_statictoken") == [(0,)]
    ((encrypted_key,),) = scratch_database.query("SELECT encrypted_key FROM accounts_authenticatorapp")
    assert key_hex not in encrypted_key
    hashed = [value for (value,) in scratch_database.query("SELECT hashed_code FROM accounts_recoverycode")]
    assert len(hashed) == 2 and not set(hashed) & set(codes)
    if connection.vendor == "sqlite":  # the file itself, byte for byte (pg_dump's is compressed)
        copy = (folder / "database.sqlite3").read_bytes()
        for secret in [key_hex, bytes.fromhex(key_hex).decode("latin-1"), *codes]:
            assert secret.encode("latin-1") not in copy, secret
