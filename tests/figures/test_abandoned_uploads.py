"""A figures file previewed but never confirmed is deleted after a day by a daily command (issue 17, item 10).

Between the preview and the confirm the file waits in the media storage; the audit found a
207 MB one left there for ever. `delete_abandoned_figure_uploads` (run daily) deletes those
that have waited over a day, and the upload form says so."""

import datetime
import os
import time

import pytest
from django.core.management import call_command

from campaigns.figures.models import Figure, FigureImport
from tests.figures.data_helpers import line
from tests.figures.test_admin_upload import URL, confirm, data_editor, upload

pytestmark = pytest.mark.django_db

__all__ = ["data_editor"]  # a fixture


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def waiting_files(media):
    folder = media / "restraint-figure-imports"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def age(media, response, hours):
    """Make the file this preview keeps look as if it was uploaded `hours` ago."""
    path = media / "restraint-figure-imports" / f"{response.context['confirm_form'].initial['sha256']}.csv"
    when = time.time() - datetime.timedelta(hours=hours).total_seconds()
    os.utime(path, (when, when))
    return path.name


def test_an_upload_waiting_over_a_day_is_deleted_and_a_recent_one_and_imported_figures_stay(client, data_editor, media):
    confirm(client, upload(client, line(5, month="2025-01"), name="January 2025.csv"))
    assert waiting_files(media) == []  # a confirmed file does not wait
    imported = (FigureImport.objects.get().pk, Figure.objects.count())
    abandoned = age(media, upload(client, line(210), name="March 2025.csv"), hours=25)
    recent = age(media, upload(client, line(25, month="2025-02"), name="February 2025.csv"), hours=1)
    assert waiting_files(media) == sorted([abandoned, recent])

    call_command("delete_abandoned_figure_uploads")

    assert waiting_files(media) == [recent]
    assert (FigureImport.objects.get().pk, Figure.objects.count()) == imported


def test_the_recent_upload_can_still_be_confirmed_after_the_clean_up(client, data_editor, media):
    abandoned = upload(client, line(210), name="March 2025.csv")
    age(media, abandoned, hours=25)
    recent = upload(client, line(25, month="2025-02"), name="February 2025.csv")
    call_command("delete_abandoned_figure_uploads")

    assert "Imported February 2025.csv" in confirm(client, recent).content.decode()
    expired = confirm(client, abandoned)
    assert "That preview has expired. Choose the file again." in expired.content.decode()
    assert FigureImport.objects.get().file_name == "February 2025.csv"


def test_previewing_the_same_file_again_keeps_it_another_day(client, data_editor, media):
    age(media, upload(client, line(210), name="March 2025.csv"), hours=25)
    again = upload(client, line(210), name="March 2025.csv")

    call_command("delete_abandoned_figure_uploads")

    assert len(waiting_files(media)) == 1
    assert "Imported March 2025.csv" in confirm(client, again).content.decode()


def test_with_nothing_uploaded_the_command_says_so(media):
    call_command("delete_abandoned_figure_uploads")  # no folder yet: nothing to do, no error


def test_the_upload_form_says_an_unconfirmed_file_is_deleted_after_a_day(client, data_editor):
    page = client.get(URL).content.decode()
    assert "A file previewed but not confirmed is deleted after a day" in page
