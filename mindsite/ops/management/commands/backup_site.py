from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mindsite.ops.backups import BackupError, backup_site, prune_backups


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump for PostgreSQL, SQLite's online backup for SQLite) and the uploaded "
        "media into a new folder named for the time, under BACKUP_DIR. Safe while the site runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", help="The folder to put the backup in (default: BACKUP_DIR).")
        parser.add_argument(
            "--keep-days", type=int, help="Afterwards, delete backups in that folder older than this many days."
        )

    def handle(self, *args, to=None, keep_days=None, **options):
        backup_dir = to or settings.BACKUP_DIR
        try:
            folder = backup_site(backup_dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up to {folder}")
        if keep_days is not None:
            for old in prune_backups(backup_dir, keep_days):
                self.stdout.write(f"Deleted {old} (older than {keep_days} days)")
