"""Each file is imported once: a unique checksum, so that two imports of one file at once cannot both be kept."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('restraint_figures', '0005_keep_one_import_per_file'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='figureimport',
            name='sha256',
            field=models.CharField(max_length=64, verbose_name='checksum (SHA-256)'),
        ),
        migrations.AddConstraint(
            model_name='figureimport',
            constraint=models.UniqueConstraint(fields=('sha256',), name='one_import_per_file'),
        ),
    ]
