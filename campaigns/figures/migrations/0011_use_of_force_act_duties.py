"""Each provider's Use of Force Act duties (campaigns/figures/duties.py), and its name on WhatDoTheyKnow.

The use of force policy link editors kept before (use_of_force_policy_url) becomes the policy duty: a
provider with one is "policy published: yes", with that link as the source and no day checked (the old field
never recorded one: the page says the day was not recorded). Going back copies a Yes's source back.
"""

import campaigns.figures.records
from django.db import migrations, models


def policy_links_to_duties(apps, schema_editor):
    Provider = apps.get_model("restraint_figures", "Provider")
    # One UPDATE: only the columns named change (no foreign key is touched).
    Provider.objects.exclude(use_of_force_policy_url="").update(
        policy_status="yes", policy_source=models.F("use_of_force_policy_url"), policy_checked=None
    )


def duties_to_policy_links(apps, schema_editor):
    Provider = apps.get_model("restraint_figures", "Provider")
    Provider.objects.filter(policy_status="yes").update(use_of_force_policy_url=models.F("policy_source"))


class Migration(migrations.Migration):

    dependencies = [
        ('restraint_figures', '0010_exit_this_page_on_every_page_type'),
    ]

    operations = [
        migrations.AddField(
            model_name='provider',
            name='patient_information_checked',
            field=models.DateField(blank=True, help_text='The day you last looked (needed for No). Not in the future.', null=True, validators=[campaigns.figures.records.validate_not_in_the_future], verbose_name='information for patients published: checked on'),
        ),
        migrations.AddField(
            model_name='provider',
            name='patient_information_source',
            field=models.URLField(blank=True, help_text="Where you found it (needed for Yes), or for No, where you looked: the provider's own page.", max_length=500, verbose_name='information for patients published: source'),
        ),
        migrations.AddField(
            model_name='provider',
            name='patient_information_status',
            field=models.CharField(choices=[('not_known', 'Not known (not checked yet)'), ('yes', 'Yes (found: give the source)'), ('no', 'No (looked and did not find it)')], default='not_known', max_length=10, verbose_name='information for patients published'),
        ),
        migrations.AddField(
            model_name='provider',
            name='policy_checked',
            field=models.DateField(blank=True, help_text='The day you last looked (needed for No). Not in the future.', null=True, validators=[campaigns.figures.records.validate_not_in_the_future], verbose_name='use of force policy published: checked on'),
        ),
        migrations.AddField(
            model_name='provider',
            name='policy_source',
            field=models.URLField(blank=True, help_text="Where you found it (needed for Yes), or for No, where you looked: the provider's own page.", max_length=500, verbose_name='use of force policy published: source'),
        ),
        migrations.AddField(
            model_name='provider',
            name='policy_status',
            field=models.CharField(choices=[('not_known', 'Not known (not checked yet)'), ('yes', 'Yes (found: give the source)'), ('no', 'No (looked and did not find it)')], default='not_known', max_length=10, verbose_name='use of force policy published'),
        ),
        migrations.AddField(
            model_name='provider',
            name='responsible_person_checked',
            field=models.DateField(blank=True, help_text='The day you last looked (needed for No). Not in the future.', null=True, validators=[campaigns.figures.records.validate_not_in_the_future], verbose_name='responsible person named: checked on'),
        ),
        migrations.AddField(
            model_name='provider',
            name='responsible_person_source',
            field=models.URLField(blank=True, help_text="Where you found it (needed for Yes), or for No, where you looked: the provider's own page.", max_length=500, verbose_name='responsible person named: source'),
        ),
        migrations.AddField(
            model_name='provider',
            name='responsible_person_status',
            field=models.CharField(choices=[('not_known', 'Not known (not checked yet)'), ('yes', 'Yes (found: give the source)'), ('no', 'No (looked and did not find it)')], default='not_known', max_length=10, verbose_name='responsible person named'),
        ),
        migrations.AddField(
            model_name='provider',
            name='training_checked',
            field=models.DateField(blank=True, help_text='The day you last looked (needed for No). Not in the future.', null=True, validators=[campaigns.figures.records.validate_not_in_the_future], verbose_name='training to the RRN standards: checked on'),
        ),
        migrations.AddField(
            model_name='provider',
            name='training_source',
            field=models.URLField(blank=True, help_text="Where you found it (needed for Yes), or for No, where you looked: the provider's own page.", max_length=500, verbose_name='training to the RRN standards: source'),
        ),
        migrations.AddField(
            model_name='provider',
            name='training_status',
            field=models.CharField(choices=[('not_known', 'Not known (not checked yet)'), ('yes', 'Yes (found: give the source)'), ('no', 'No (looked and did not find it)')], default='not_known', max_length=10, verbose_name='training to the RRN standards'),
        ),
        migrations.AddField(
            model_name='provider',
            name='whatdotheyknow_name',
            field=models.CharField(blank=True, help_text="For an NHS trust: search for it on https://www.whatdotheyknow.com/, open its page, and copy the last part of the address (after /body/), e.g. example_nhs_foundation_trust. The whole address works too. Left blank, the page links to WhatDoTheyKnow's search for the trust's name instead.", max_length=200, validators=[campaigns.figures.records.validate_whatdotheyknow_name], verbose_name='WhatDoTheyKnow name'),
        ),
        migrations.RunPython(policy_links_to_duties, duties_to_policy_links),
        migrations.RemoveField(
            model_name='provider',
            name='use_of_force_policy_url',
        ),
    ]
