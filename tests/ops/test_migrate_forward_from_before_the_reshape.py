"""A database made by the commit before the reshape (issue 16) migrates forward with nothing lost.

The commit's own code, extracted with `git archive`, makes the database as a site running it
would have one: `migrate`, `load_demo_content`, then pages edited, orders, queued and failed
mail, page feedback, commentary, stories pinned to providers and a second factor for sign-in.
Then today's code migrates that same database, and every row must still be there: every page
with its title and a content type today's code has a model for, every revision readable,
every content type renamed in place, and the groups keeping their permissions.

It runs on the test settings' kind of database: a scratch SQLite file, or a scratch PostgreSQL
database beside the test database (made here, dropped after). It needs git and the commit's
history: in CI (CI=true) their absence fails the test; elsewhere it skips.

When models move between apps or are renamed, say where each now lives in EXPECTED_MODELS
(and nothing else here should need to change).
"""

import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.conf import settings
from psycopg2 import sql

# The last commit of main before the folders were reshaped.
BEFORE_THE_RESHAPE = "28d8224bf140e711da8dffa81237ac3d91b30aa6"

# Where each model of that commit lives in today's code: "<app label>.<ModelName>" at the
# commit (the key, never to change) -> today's (the value: update it when a model moves to
# another app or is renamed). A model of the commit not listed here must be found today under
# its own label.
EXPECTED_MODELS = {
    # Site-wide (mindsite)
    "mindsite.HomePage": "mindsite.HomePage",
    "mindsite.StandardPage": "mindsite.StandardPage",
    "mindsite.SiteChrome": "mindsite.MenuAndFooter",
    "mindsite.MailDeliveryFailure": "mail.MailDeliveryFailure",
    "mindsite.PageFeedback": "feedback.PageFeedback",
    # Guides
    "guides.GuidePage": "guides.GuidePage",
    "guides.GuideChapterPage": "guides.GuideChapterPage",
    "guides.GuideChange": "guides.GuideChange",
    "guides.GuidePdf": "guides.GuidePdf",
    # Campaigns
    "campaigns.CampaignIndexPage": "campaigns.CampaignIndexPage",
    "campaigns.CampaignPage": "campaigns.CampaignPage",
    "campaigns.CampaignFeaturedStory": "campaigns.CampaignFeaturedStory",
    "campaigns.StoryIndexPage": "campaigns.StoryIndexPage",
    "campaigns.StoryPage": "campaigns.StoryPage",
    "campaigns.StoryProvider": "restraint_figures.StoryProvider",
    # Orders
    "orders.OrderSettings": "orders.OrderSettings",
    "orders.PrintOrder": "orders.PrintOrder",
    "orders.PrintOrderItem": "orders.PrintOrderItem",
    # Restraint figures
    "restraint_figures.RestraintFiguresPage": "restraint_figures.RestraintFiguresPage",
    "restraint_figures.Region": "restraint_figures.Region",
    "restraint_figures.Provider": "restraint_figures.Provider",
    "restraint_figures.ProviderPlace": "restraint_figures.ProviderPlace",
    "restraint_figures.ProviderCommentary": "restraint_figures.ProviderCommentary",
    "restraint_figures.FigureImport": "restraint_figures.FigureImport",
    "restraint_figures.Month": "restraint_figures.Month",
    "restraint_figures.Figure": "restraint_figures.Figure",
}

# Models whose rows a data migration moved to another model (the old model and its content type
# stay): label at the commit -> the model holding those rows today, with the same primary keys.
ROWS_MOVED = {
    # The second factors: the authenticator key encrypted, the recovery codes hashed (issue 17).
    "otp_totp.TOTPDevice": "accounts.AuthenticatorApp",
    "otp_static.StaticDevice": "accounts.RecoveryCodes",
    "otp_static.StaticToken": "accounts.RecoveryCode",
}

# The rows issue 16 names (labels at the commit): exactly as many, with the same primary keys and (but for
# COMPARED_BY_KEY_ONLY) the same values in every field the model still has. Every other model of the commit
# must keep every row (by primary key), and may gain some.
ROWS_OF_INTEREST = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "orders.PrintOrder",
    "orders.PrintOrderItem",
    "mailer.Message",
    "mindsite.MailDeliveryFailure",
    "mindsite.PageFeedback",
    "restraint_figures.FigureImport",
    "restraint_figures.Month",
    "restraint_figures.Figure",
    "restraint_figures.Provider",
    "restraint_figures.ProviderPlace",
    "restraint_figures.ProviderCommentary",
    "campaigns.StoryProvider",
    "otp_totp.TOTPDevice",
    "otp_static.StaticDevice",
    "otp_static.StaticToken",
    "auth.Group",
    "auth.User",
]

# A StreamField data migration (Wagtail's own tool) may rewrite revisions' content: they are compared by
# key and by the model they read as, not field by field.
COMPARED_BY_KEY_ONLY = ["wagtailcore.Revision"]

# Every group keeps every permission it had (checked for all); these are the ones issue 16 names, by group:
# (model label at the commit, codename).
KEPT_PERMISSIONS = {
    "Campaigns team": [
        ("orders.PrintOrder", "view_printorder"),
        ("orders.PrintOrder", "change_printorder"),
        ("orders.PrintOrder", "add_printorder"),
        ("orders.OrderSettings", "change_ordersettings"),
        ("mindsite.MailDeliveryFailure", "view_maildeliveryfailure"),
    ],
    "Editors": [
        ("mindsite.PageFeedback", "view_pagefeedback"),
        ("mindsite.PageFeedback", "change_pagefeedback"),
    ],
}

BASE_DIR = Path(settings.BASE_DIR)
SETTINGS_MODULE = "mindsite.settings.test"

# Run in the commit's tree after `load_demo_content`: what a live site has beyond the demo content.
# Written against the commit's code, so its imports never change.
ADD_ROWS = r"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from mailer import send_mail
from mailer.models import Message
from wagtail.models import Site

from campaigns.models import StoryPage, StoryProvider
from campaigns.orders.models import OrderSettings, PrintOrder, PrintOrderItem
from campaigns.restraint_figures.models import Provider, ProviderCommentary
from guides.models import GuideChapterPage, GuidePage
from mindsite.models import HomePage, MailDeliveryFailure, PageFeedback

User = get_user_model()
editor = User.objects.create_user("editor", "editor@example.org", "an-editor-password-1", is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
team = User.objects.create_user("team", "team@example.org", "a-team-password-1", is_staff=True)
team.groups.add(Group.objects.get(name="Campaigns team"))

# Two-factor sign-in: an authenticator app and recovery codes.
TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True, key="3132333435363738393031323334353637383930")
recovery = StaticDevice.objects.create(user=editor, name="Recovery codes", confirmed=True)
for token in ["a1b2c3d4", "e5f6g7h8", "j9k8m7n6"]:
    recovery.token_set.create(token=token)

# Orders: one from the form, one the team entered from a phone call and held.
guides = list(GuidePage.objects.order_by("pk"))
OrderSettings.for_site(Site.objects.get(is_default_site=True))
order = PrintOrder.objects.create(
    full_name="Siobhán Example", email="siobhan@example.org", address_line_1="1 Park Row", town="Leeds",
    postcode="LS1 1AA", purpose="A ward meeting", wants_updates=True,
)
for guide, quantity in zip(guides, [3, 10]):
    PrintOrderItem.objects.create(order=order, guide=guide, guide_title=guide.title, quantity=quantity)
held = PrintOrder.objects.create(
    full_name="Dan Example", address_line_1="2 High Street", town="Bristol", postcode="BS1 4DJ",
    source=PrintOrder.Source.PHONE, entered_by=team, status=PrintOrder.Status.HELD, held_reason="Many orders",
)
PrintOrderItem.objects.create(order=held, guide=guides[0], guide_title=guides[0].title, quantity=50)

# Mail: one waiting in the queue, one the server refused for good.
send_mail("Your order", "Thank you for your order.", "campaigns@example.org", ["siobhan@example.org"])
send_mail("Your order", "Thank you for your order.", "campaigns@example.org", ["nobody@example.org"])
refused = Message.objects.order_by("pk").last()
MailDeliveryFailure.objects.create(
    message=refused, message_id_header="<order-2@example.org>", failures=1, last_error="SMTPRecipientsRefused 550",
    gave_up_at=timezone.now(), refused=MailDeliveryFailure.Refused.ADDRESS, reason="550 [address]: no such user",
)

# "Is this page useful?"
part = GuideChapterPage.objects.order_by("pk").first()
PageFeedback.objects.create(page=part, useful=True)
PageFeedback.objects.create(page=part, useful=False, comment="The table is hard to read on a phone.")
PageFeedback.objects.create(
    page=guides[0], useful=False, comment="Say who to call.", dealt_with_at=timezone.now(), dealt_with_by=editor
)

# Commentary, published then redrafted, and stories pinned to providers.
first, second = Provider.objects.order_by("ods_code")[:2]
commentary = ProviderCommentary(provider=first, body="<p>The trust has a new policy.</p>")
commentary.save()
commentary.save_revision(user=editor).publish()
commentary.body = "<p>The trust has a new policy, and a new board.</p>"
commentary.save_revision(user=editor)
stories = list(StoryPage.objects.order_by("pk")[:2])
StoryProvider.objects.create(story=stories[0], provider=first)
StoryProvider.objects.create(story=stories[0], provider=second)
StoryProvider.objects.create(story=stories[1], provider=first)

# Page revisions: the home page published again, and a part with a draft waiting.
home = HomePage.objects.get()
home.save_revision(user=editor).publish()
part.title = part.title + " (being rewritten)"
part.save_revision(user=editor)
"""

# Run in both trees: what the database holds, written as JSON to $FINGERPRINT_FILE.
# $FINGERPRINT_OPTIONS: {"models": null (every model with a table here) or {label at the commit:
# label here}, "values": [labels at the commit whose rows are written whole]}.
FINGERPRINT = r"""
import json
import os

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from wagtail.models import Page, Revision

options = json.loads(os.environ["FINGERPRINT_OPTIONS"])
labels = {
    model: f"{app_config.label}.{model.__name__}"
    for app_config in apps.get_app_configs()
    for model in app_config.get_models()
}


def label(model_or_object):
    return labels.get(model_or_object if isinstance(model_or_object, type) else type(model_or_object))


if options["models"] is None:
    with_tables = connection.introspection.installed_models(connection.introspection.table_names())
    models = {labels[model]: labels[model] for model in with_tables}
else:
    models = options["models"]

tables = {}
for label_before, label_here in sorted(models.items()):
    try:
        model = apps.get_model(label_here)
    except LookupError:
        tables[label_before] = {"model": None}
        continue
    entry = {"model": labels[model], "pks": sorted(str(pk) for pk in model.objects.values_list("pk", flat=True))}
    if label_before in options["values"]:
        entry["rows"] = {
            str(row["pk"]): row["fields"] for row in serializers.serialize("python", model.objects.order_by("pk"))
        }
    tables[label_before] = entry


def specific_label(page):
    if page.specific_class is None:
        return None
    return label(page.specific)


pages = {}
for page in Page.objects.select_related("content_type").order_by("pk"):
    entry = {
        "title": page.title,
        "draft_title": page.draft_title,
        "content_type": f"{page.content_type.app_label}.{page.content_type.model}",
    }
    try:
        entry["class"] = specific_label(page)
    except Exception as error:
        entry["class"] = f"{type(error).__name__}: {error}"
    pages[str(page.pk)] = entry

revisions = {}
for revision in Revision.objects.order_by("pk"):
    try:
        revisions[str(revision.pk)] = label(revision.as_object())
    except Exception as error:
        revisions[str(revision.pk)] = f"{type(error).__name__}: {error}"

content_types = {}
for content_type in ContentType.objects.order_by("pk"):
    content_types[str(content_type.pk)] = {
        "label": f"{content_type.app_label}.{content_type.model}",
        "has_model": content_type.model_class() is not None,
    }

groups = {
    group.name: sorted(
        [f"{permission.content_type.app_label}.{permission.content_type.model}", permission.codename]
        for permission in group.permissions.select_related("content_type")
    )
    for group in Group.objects.all()
}

fingerprint = {
    "tables": tables,
    "pages": pages,
    "revisions": revisions,
    "content_types": content_types,
    "groups": groups,
}
with open(os.environ["FINGERPRINT_FILE"], "w") as file:
    json.dump(fingerprint, file, cls=DjangoJSONEncoder, sort_keys=True)
"""


def today(label_before):
    """The label the commit's model (or the model its rows moved to) has in today's code."""
    return EXPECTED_MODELS.get(label_before, ROWS_MOVED.get(label_before, label_before))


def lower(label):
    app_label, model = label.split(".")
    return f"{app_label}.{model.lower()}"


def today_lower(content_type_label):
    """Today's "app_label.model" for a content type's at the commit."""
    by_content_type = {lower(before): lower(now) for before, now in EXPECTED_MODELS.items()}
    return by_content_type.get(content_type_label, content_type_label)


def today_permission(content_type_label, codename):
    """Today's (content type, codename) for a permission at the commit: a renamed model's default ones renamed."""
    now = today_lower(content_type_label)
    model_before, model_now = content_type_label.split(".")[1], now.split(".")[1]
    if model_before != model_now and codename.endswith(f"_{model_before}"):
        codename = codename[: -len(model_before)] + model_now
    return [now, codename]


def commit_tree(destination):
    """The commit's files, from this checkout's history; fails in CI, skips elsewhere, without them."""
    git = shutil.which("git")
    problem = None
    if git is None:
        problem = "git is not installed"
    else:
        found = subprocess.run(
            [git, "cat-file", "-e", f"{BEFORE_THE_RESHAPE}^{{commit}}"], cwd=BASE_DIR, capture_output=True, text=True
        )
        if found.returncode:
            problem = (
                f"commit {BEFORE_THE_RESHAPE} is not in {BASE_DIR}'s history (a shallow clone, or no .git?): "
                f"{found.stderr.strip()}"
            )
    if problem:
        message = f"Cannot build the database of the commit before the reshape: {problem}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    archive = destination.parent / "before-the-reshape.tar"
    subprocess.run(
        [git, "archive", "--format=tar", f"--output={archive}", BEFORE_THE_RESHAPE], cwd=BASE_DIR, check=True
    )
    destination.mkdir()
    with tarfile.open(archive) as tar:
        tar.extractall(destination, filter="data")
    archive.unlink()
    return destination


def postgres_admin(database):
    admin = psycopg2.connect(
        dbname="postgres",
        user=database["USER"],
        password=database["PASSWORD"],
        host=database["HOST"],
        port=database["PORT"] or 5432,
    )
    admin.autocommit = True
    return admin


def drop_database(admin, name):
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def scratch_database_url(tmp_path):
    """A DATABASE_URL of the tests' kind of database, empty, and gone after the test."""
    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'before-the-reshape.sqlite3'}"
        return
    # Beside the test database, and named after it, so parallel runs never share one.
    name = f"{database['NAME']}_before_reshape"[:63]
    admin = postgres_admin(database)
    drop_database(admin, name)
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    user = quote(database["USER"] or "", safe="")
    password = f":{quote(database['PASSWORD'], safe='')}" if database["PASSWORD"] else ""
    try:
        yield f"postgres://{user}{password}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{name}"
    finally:
        drop_database(admin, name)
        admin.close()


def manage(tree, environment, *args, what=None):
    """Run manage.py in a tree (with this Python); fail the test with its output if it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=tree,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode:
        pytest.fail(
            f"{what or 'manage.py ' + ' '.join(args)} in {tree} exited with {result.returncode}:\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
        )
    return result.stdout


def fingerprint(tree, environment, path, models):
    options = {"models": models, "values": [label for label in ROWS_OF_INTEREST if label not in COMPARED_BY_KEY_ONLY]}
    manage(
        tree,
        {**environment, "FINGERPRINT_FILE": str(path), "FINGERPRINT_OPTIONS": json.dumps(options)},
        *("shell", "--no-imports", "-c", FINGERPRINT),
        what="the fingerprint script",
    )
    return json.loads(path.read_text())


def same(value, other):
    """Whether a field's value came through: a list (a many-to-many field's keys) in any order, with every key
    still there; a later migration may add more (a group given a new app's permission)."""
    if isinstance(value, list) and isinstance(other, list):
        return set(map(json.dumps, value)) <= set(map(json.dumps, other))
    return value == other


def differences(before, after):
    """Everything of `before` (the commit's database) missing or changed in `after` (the same, migrated)."""
    problems = []

    for label_before, table in sorted(before["tables"].items()):
        label_now = today(label_before)
        moved = after["tables"][label_before]
        if moved["model"] is None:
            problems.append(
                f"{label_before} ({len(table['pks'])} rows) has no model {label_now} today: if it moved or was "
                "renamed, say where in EXPECTED_MODELS"
            )
            continue
        lost = sorted(set(table["pks"]) - set(moved["pks"]), key=lambda pk: (len(pk), pk))
        if lost:
            problems.append(f"{label_before} → {label_now}: {len(lost)} rows lost (primary keys {lost[:10]} …)")
        if label_before in ROWS_OF_INTEREST and len(moved["pks"]) != len(table["pks"]):
            problems.append(f"{label_before} → {label_now}: {len(table['pks'])} rows before, {len(moved['pks'])} now")
        for pk, fields in table.get("rows", {}).items():
            now = moved["rows"].get(pk)
            if now is None:
                continue
            changed = sorted(name for name in fields.keys() & now.keys() if not same(fields[name], now[name]))
            if changed:
                problems.append(
                    f"{label_before} → {label_now} row {pk}: "
                    + "; ".join(f"{name} was {fields[name]!r}, now {now[name]!r}" for name in changed[:5])
                )

    for pk, page in before["pages"].items():
        now = after["pages"].get(pk)
        if now is None:
            problems.append(f"page {pk} {page['title']!r} is gone")
            continue
        expected_class = today(page["class"])
        if (now["title"], now["draft_title"]) != (page["title"], page["draft_title"]):
            problems.append(f"page {pk} was titled {page['title']!r} ({page['draft_title']!r}), now {now}")
        if now["class"] != expected_class:
            problems.append(
                f"page {pk} {page['title']!r} was a {page['class']}, now {now['class']} (not {expected_class})"
            )
        if now["content_type"] != lower(expected_class):
            problems.append(
                f"page {pk} {page['title']!r}: content type {now['content_type']}, not {lower(expected_class)}"
            )

    for pk, model in before["revisions"].items():
        now = after["revisions"].get(pk)
        if now != today(model):
            problems.append(f"revision {pk} was of a {model}; now {now!r}, not {today(model)}")

    for pk, content_type in before["content_types"].items():
        now = after["content_types"].get(pk)
        if not content_type["has_model"]:
            continue
        expected = today_lower(content_type["label"])
        if now is None or now["label"] != expected or not now["has_model"]:
            problems.append(f"content type {pk} ({content_type['label']}) should be {expected} with a model: {now}")

    with_models = {
        content_type["label"] for content_type in after["content_types"].values() if content_type["has_model"]
    }
    for group, permissions in before["groups"].items():
        now = {tuple(permission) for permission in after["groups"].get(group, [])}
        for content_type, codename in permissions:
            expected = tuple(today_permission(content_type, codename))
            if expected not in now:
                problems.append(f"group {group!r} lost {expected[0]}'s permission {expected[1]} (was {codename})")
            elif expected[0] not in with_models:
                problems.append(f"group {group!r}'s permission {expected[1]} is on {expected[0]}, a model no more")
    return problems


def test_a_database_from_before_the_reshape_migrates_forward_with_nothing_lost(tmp_path, scratch_database_url):
    old_tree = commit_tree(tmp_path / "before-the-reshape")
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "PYTHONPATH", "MEDIA_", "STATIC_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        DATABASE_URL=scratch_database_url,
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
    )

    # The commit's database, as a site running it would have it.
    manage(old_tree, environment, "migrate", "--noinput", "-v", "0")
    manage(old_tree, environment, "load_demo_content", "-v", "0")
    manage(old_tree, environment, "shell", "--no-imports", "-c", ADD_ROWS, what="adding a live site's rows")
    before = fingerprint(old_tree, environment, tmp_path / "before.json", None)
    # Every page and revision of the commit's database reads as one of its models (else the test proves nothing).
    unreadable = [page for page in before["pages"].values() if page["class"] not in before["tables"]]
    unreadable += [model for model in before["revisions"].values() if model not in before["tables"]]
    assert not unreadable, unreadable
    for label in ROWS_OF_INTEREST:
        assert before["tables"][label]["pks"], f"the commit's database has no {label} rows to carry forward"
    for group, permissions in KEPT_PERMISSIONS.items():
        held = {tuple(permission) for permission in before["groups"][group]}
        assert {(lower(model), codename) for model, codename in permissions} <= held

    # Today's code migrates it.
    manage(BASE_DIR, environment, "migrate", "--noinput", "-v", "0")
    after = fingerprint(
        BASE_DIR, environment, tmp_path / "after.json", {label: today(label) for label in before["tables"]}
    )

    problems = differences(before, after)
    assert not problems, "\n".join(problems[:50] + [f"… and {len(problems) - 50} more"] * (len(problems) > 50))
    for group, permissions in KEPT_PERMISSIONS.items():
        held = {tuple(permission) for permission in after["groups"][group]}
        for model, codename in permissions:
            assert tuple(today_permission(lower(model), codename)) in held, f"{group} lost {model} {codename}"
