from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from mindsite.ops.backups import BackupError, restore_site


class Command(BaseCommand):
    help = (
        "Restore a backup folder made by backup_site into the database DATABASE_URL names and the media "
        "folder MEDIA_ROOT names. Both must be empty: restoring never overwrites a site."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup's folder, e.g. backups/2026-11-26T031500Z")

    def handle(self, *args, folder, **options):
        try:
            restore_site(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {folder}: {Page.objects.filter(depth__gt=1).count()} pages.")
        self.stdout.write("If this copy of the site is newer than the backup, run: python manage.py migrate")
