"""Backing up the site (its database and uploaded media) into a folder, and restoring one.

A backup is a folder named for the time it was made (UTC), under BACKUP_DIR:

    database.pgdump    PostgreSQL: pg_dump's custom format, restored with pg_restore
    database.sqlite3   SQLite: a copy made with SQLite's online backup, safe while the site runs
    media.tar.gz       the uploaded images and documents (when they are kept on this machine)
    manifest.json      what is in the folder, with a SHA-256 checksum of each file

It is written as "<name>.partial" and renamed when complete, so a folder without that suffix
is a whole backup. Restoring goes into an empty database and an empty media folder only, so
it can never overwrite a live site by mistake.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from contextlib import closing
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages
from django.db import connection

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
NAME_FORMAT = "%Y-%m-%dT%H%M%SZ"


class BackupError(Exception):
    """Something the operator must put right; the message says what."""


def backup_site(backup_dir, now=None):
    """Make a backup folder under backup_dir and return its path."""
    vendor = supported_vendor()
    backup_dir = Path(backup_dir)
    # The backups hold campaigners' names and addresses: only the site's own user may read them.
    backup_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    final = unused_name(backup_dir, (now or datetime.datetime.now(datetime.UTC)).strftime(NAME_FORMAT))
    partial = final.with_name(final.name + ".partial")
    partial.mkdir(mode=0o700)
    try:
        files = [DATABASE_FILES[vendor]]
        if vendor == "postgresql":
            dump_postgresql(partial / files[0])
        else:
            copy_sqlite(partial / files[0])
        media_root = local_media_root()
        if media_root is not None:
            with tarfile.open(partial / MEDIA_ARCHIVE, "w:gz") as archive:
                if media_root.exists():
                    archive.add(media_root, arcname=".")
            files.append(MEDIA_ARCHIVE)
        manifest = {
            "format": 1,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": {"vendor": vendor, "file": files[0]},
            "media": MEDIA_ARCHIVE if media_root is not None else None,
            "sha256": {name: sha256(partial / name) for name in files},
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        for path in partial.iterdir():
            path.chmod(0o600)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    partial.rename(final)
    return final


def restore_site(folder):
    """Restore the backup in folder into the (empty) database and media folder the settings name."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    vendor = supported_vendor()
    if manifest["database"]["vendor"] != vendor:
        raise BackupError(
            f"This backup is of a {manifest['database']['vendor']} database, but DATABASE_URL names a {vendor} "
            "one. Restore it into the same kind of database it came from."
        )
    for name, expected in manifest["sha256"].items():
        if sha256(folder / name) != expected:
            raise BackupError(f"{folder / name} is not the file the backup made (its checksum differs): it is damaged.")

    media_root = local_media_root()
    if manifest["media"] and media_root is not None and media_root.exists() and any(media_root.iterdir()):
        raise BackupError(
            f"The media folder {media_root} is not empty. Restore into an empty one: move it aside, "
            "or set MEDIA_ROOT to a new folder."
        )
    if connection.introspection.table_names():
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty. Restore into an empty database: "
            "for PostgreSQL create a new one (createdb), for SQLite move the file aside or name a new one in "
            "DATABASE_URL."
        )

    database_file = folder / manifest["database"]["file"]
    if vendor == "postgresql":
        restore_postgresql(database_file)
    else:
        restore_sqlite(database_file)

    if manifest["media"] and media_root is not None:
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(folder / manifest["media"], "r:gz") as archive:
            # The "data" filter refuses absolute paths, "..", devices and links that leave the folder.
            archive.extractall(media_root, filter="data")
    elif manifest["media"]:
        raise BackupError(
            "The database is restored, but media are kept in object storage here, so "
            f"{folder / manifest['media']} was not unpacked: upload its contents to the bucket."
        )


def prune_backups(backup_dir, keep_days, now=None):
    """Delete whole backups older than keep_days. Returns the folders deleted."""
    cutoff = (now or datetime.datetime.now(datetime.UTC)) - datetime.timedelta(days=keep_days)
    deleted = []
    for folder in sorted(Path(backup_dir).iterdir()):
        made = made_at(folder)
        if made is not None and made < cutoff and (folder / MANIFEST).exists():
            shutil.rmtree(folder)
            deleted.append(folder)
    return deleted


def made_at(folder):
    try:
        return datetime.datetime.strptime(folder.name[:18], NAME_FORMAT).replace(tzinfo=datetime.UTC)
    except ValueError:
        return None


def unused_name(backup_dir, name):
    candidate, number = backup_dir / name, 1
    while candidate.exists() or candidate.with_name(candidate.name + ".partial").exists():
        number += 1
        candidate = backup_dir / f"{name}-{number}"
    return candidate


def supported_vendor():
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def read_manifest(folder):
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{folder} is not a whole backup: it has no {MANIFEST}.") from None
    except ValueError:
        raise BackupError(f"{folder / MANIFEST} is damaged: it is not valid JSON.") from None
    if manifest.get("format") != 1:
        raise BackupError(f"{folder} was made by a different version of this site's backup.")
    return manifest


def local_media_root():
    """The folder uploads are kept in, or None when they are in object storage (backed up there)."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def copy_sqlite(target):
    # SQLite's online backup copies a consistent snapshot while other processes keep writing.
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)


def restore_sqlite(source):
    connection.ensure_connection()
    with closing(sqlite3.connect(source)) as backup:
        backup.backup(connection.connection)


def postgresql_environment():
    """libpq's environment for pg_dump and pg_restore: the password never appears on a command line."""
    db = connection.settings_dict
    options = db.get("OPTIONS", {})
    values = {
        "PGHOST": db.get("HOST"),
        "PGPORT": db.get("PORT"),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
        "PGSERVICE": options.get("service"),
        "PGPASSFILE": options.get("passfile"),
    }
    return {**os.environ, **{key: str(value) for key, value in values.items() if value}}


def run_postgresql_tool(program, *arguments):
    path = shutil.which(program)
    if path is None:
        raise BackupError(
            f"{program} is not installed: it comes with PostgreSQL's client (apt-get install postgresql-client)."
        )
    # A fixed program found on PATH, its arguments from the settings, and no shell: nothing to inject into.
    result = subprocess.run([path, *arguments], env=postgresql_environment(), capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{program} failed:\n{result.stderr.strip()}")


def dump_postgresql(target):
    # pg_dump works from one snapshot, so a dump taken while the site runs is consistent.
    name = connection.settings_dict["NAME"]
    run_postgresql_tool("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}", name)


def restore_postgresql(source):
    connection.close()
    name = connection.settings_dict["NAME"]
    run_postgresql_tool(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={name}",
        source,
    )
