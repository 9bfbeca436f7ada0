"""Each figures file is imported once (issue 17, item 2): a unique checksum on FigureImport, a confirm
sent twice told the file was imported before, and databases holding duplicates migrate forward.

The two confirms at the same moment, against real servers, are in test_import_race_in_production.py."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from campaigns.figures.models import FigureImport, Month
from tests.figures.data_helpers import line
from tests.figures.test_admin_upload import confirm, data_editor, upload

__all__ = ["data_editor"]  # a fixture

BEFORE = [("restraint_figures", "0004_stories_pinned_to_providers")]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.django_db
def test_the_database_refuses_a_second_import_of_one_file():
    FigureImport.objects.create(file_name="a.csv", sha256="a" * 64, started_at=timezone.now(), run_by="command")
    with pytest.raises(IntegrityError), transaction.atomic():
        FigureImport.objects.create(file_name="b.csv", sha256="a" * 64, started_at=timezone.now(), run_by="command")


@pytest.mark.django_db
def test_a_confirm_sent_twice_imports_once_and_says_so_the_second_time(client, data_editor):
    preview = upload(client, line(210))

    first = confirm(client, preview)
    again = confirm(client, preview)  # a double click: the second arrives after the first has finished

    assert "Imported March 2025.csv" in first.content.decode()
    assert again.status_code == 200
    said = [str(message) for message in again.context["messages"]]
    assert len(said) == 1 and said[0].startswith("This file was imported before (March 2025.csv, ")
    assert said[0].endswith("by dee): nothing changed.")
    assert FigureImport.objects.count() == 1


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_a_database_holding_one_file_imported_twice_keeps_the_earliest_and_its_months():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    migrate(BEFORE)
    try:
        old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        OldImport = old.get_model("restraint_figures", "FigureImport")
        OldMonth = old.get_model("restraint_figures", "Month")
        start = timezone.now() - datetime.timedelta(days=30)

        def recorded(name, sha256, minutes):
            return OldImport.objects.create(
                file_name=name, sha256=sha256, started_at=start + datetime.timedelta(minutes=minutes), run_by="dee"
            ).pk

        earliest = recorded("March 2025.csv", "a" * 64, 0)
        later = recorded("March 2025.csv", "a" * 64, 0.01)  # the second of two confirms at once
        latest = recorded("March 2025 again.csv", "a" * 64, 60)
        other = recorded("April 2025.csv", "b" * 64, 30)
        for month, figure_import in [(3, later), (4, other), (5, latest)]:
            OldMonth.objects.create(
                start=datetime.date(2025, month, 1),
                end=datetime.date(2025, month, 28),
                status="performance",
                figure_import_id=figure_import,
            )
    finally:
        migrate(leaves)

    assert sorted(FigureImport.objects.values_list("pk", flat=True)) == sorted([earliest, other])
    assert dict(Month.objects.values_list("start__month", "figure_import")) == {3: earliest, 4: other, 5: earliest}
    with pytest.raises(IntegrityError), transaction.atomic():
        FigureImport.objects.create(file_name="c.csv", sha256="a" * 64, started_at=timezone.now(), run_by="command")
