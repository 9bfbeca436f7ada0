"""`manage.py delete_abandoned_figure_uploads`: delete figures files previewed but never confirmed. Run daily."""

import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from campaigns.figures.admin_views import WAITING_FOLDER

ABANDONED_AFTER = datetime.timedelta(days=1)


class Command(BaseCommand):
    help = (
        "Delete the restraint figures files previewed in the admin but not confirmed within a day. They wait in "
        f"the media storage ({WAITING_FOLDER}/) between the preview and the confirm; one can be 200 MB. "
        "What an import stored is kept. Run daily."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - ABANDONED_AFTER
        try:
            _folders, names = default_storage.listdir(WAITING_FOLDER)
        except FileNotFoundError:
            names = []  # nothing previewed yet (object storage has no folders, and lists none)
        deleted = 0
        for name in names:
            path = f"{WAITING_FOLDER}/{name}"
            try:
                abandoned = default_storage.get_modified_time(path) < cutoff
            except FileNotFoundError:
                continue  # confirmed, or deleted by another run, since the listing
            if abandoned:
                default_storage.delete(path)
                deleted += 1
        self.stdout.write(
            f"Deleted {deleted} figures file(s) previewed but not confirmed within a day; "
            f"{len(names) - deleted} still waiting."
        )
