"""The order models move here from the campaigns app: their tables stay as they are (renamed in 0002)."""

import campaigns.orders.models
import django.db.models.deletion
import django.utils.timezone
import mindsite.pages.blocks
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('campaigns', '0005_link_addresses'),
        ('guides', '0002_link_addresses'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OrderSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('campaigns_inbox', models.EmailField(default='action@mind.org.uk', help_text='Every printed-copy order is emailed here, with Reply-To set to the campaigner.', max_length=254)),
                        ('privacy_notice_url', models.CharField(default='/privacy-notice/', help_text='The privacy notice the order form links to: a path on this site (/…) or a full address.', max_length=500, validators=[mindsite.pages.blocks.validate_link_address])),
                        ('dispatch_time', models.CharField(default='within 10 working days', help_text="How soon copies are usually posted, as the confirmation says it: 'We usually post orders …'.", max_length=100)),
                        ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                    ],
                    options={
                        'verbose_name': 'printed-copy orders',
                        'db_table': 'campaigns_ordersettings',
                    },
                ),
                migrations.CreateModel(
                    name='PrintOrder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reference', models.CharField(default=campaigns.orders.models.new_reference, editable=False, max_length=8, unique=True)),
                        ('status', models.CharField(choices=[('new', 'New'), ('dispatched', 'Dispatched'), ('cancelled', 'Cancelled')], db_index=True, default='new', max_length=12)),
                        ('status_changed_at', models.DateTimeField(blank=True, editable=False, null=True)),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False, verbose_name='ordered')),
                        ('full_name', models.CharField(blank=True, max_length=200)),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email address')),
                        ('organisation', models.CharField(blank=True, max_length=200)),
                        ('address_line_1', models.CharField(blank=True, max_length=200)),
                        ('address_line_2', models.CharField(blank=True, max_length=200)),
                        ('town', models.CharField(blank=True, max_length=100, verbose_name='town or city')),
                        ('postcode', models.CharField(blank=True, max_length=8)),
                        ('purpose', models.TextField(blank=True, verbose_name='what they will use them for')),
                        ('wants_updates', models.BooleanField(default=False, verbose_name='wants campaign updates')),
                        ('postcode_district', models.CharField(blank=True, editable=False, max_length=4)),
                        ('personal_data_erased_at', models.DateTimeField(blank=True, editable=False, null=True)),
                        ('status_changed_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'print order',
                        'verbose_name_plural': 'print orders',
                        'ordering': ['-created_at', '-pk'],
                        'db_table': 'campaigns_printorder',
                    },
                ),
                migrations.CreateModel(
                    name='PrintOrderItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('guide_title', models.CharField(max_length=255)),
                        ('quantity', models.PositiveSmallIntegerField()),
                        ('guide', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='guides.guidepage')),
                        ('order', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='orders.printorder')),
                    ],
                    options={
                        'ordering': ['pk'],
                        'db_table': 'campaigns_printorderitem',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
