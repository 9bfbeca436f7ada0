"""Before each file may be imported only once (0006), keep one FigureImport per checksum.

Two imports of one file confirmed at the same moment could both be recorded. The earliest is
kept; the months a later one stored now name the earliest (they hold the same file's figures),
and the later rows are deleted. Kept apart from 0006 so that PostgreSQL has no pending
foreign-key checks when the constraint is added."""

from django.db import migrations
from django.db.models import Count


def keep_the_earliest_import_of_each_file(apps, schema_editor):
    FigureImport = apps.get_model("restraint_figures", "FigureImport")
    Month = apps.get_model("restraint_figures", "Month")
    repeated = (
        FigureImport.objects.values("sha256").annotate(count=Count("pk")).filter(count__gt=1).values_list("sha256", flat=True)
    )
    for sha256 in list(repeated):
        earliest, *later = FigureImport.objects.filter(sha256=sha256).order_by("started_at", "pk")
        Month.objects.filter(figure_import__in=later).update(figure_import=earliest)
        FigureImport.objects.filter(pk__in=[record.pk for record in later]).delete()


class Migration(migrations.Migration):
    dependencies = [("restraint_figures", "0004_stories_pinned_to_providers")]

    operations = [migrations.RunPython(keep_the_earliest_import_of_each_file, migrations.RunPython.noop)]
