"""With the page cache on, a provider's page and the A–Z list show what an import brings at once:
an import (the command, or a data editor's confirm in the admin) purges every address the section serves."""

from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from campaigns.figures.models import Provider, ProviderCommentary, StoryProvider
from tests.figures.pages_helpers import TRUST, build_section, figures_file

pytestmark = pytest.mark.django_db

RENAMED = ("RX1", "NORTHSHIRE AND DALE MENTAL HEALTH NHS TRUST")
NEW_PROVIDER = ("RY2", "SOUTHMOOR CARE NHS TRUST")
ADMIN_URL = "/admin/restraint-figures/import/"


@pytest.fixture
def cached_section(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 300
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_section(orgs=(TRUST,))


def cached_get(client, url):
    """What an anonymous reader gets, and whether it came from the page cache."""
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} -> {response.status_code}"
    return unescape(response.content.decode()), response.get("X-Page-Cache")


def fill_the_cache(client, section):
    provider_url, list_url = section.url + "RX1/", section.url + "providers/"
    for url in (provider_url, list_url):
        cached_get(client, url)
        assert cached_get(client, url)[1] == "hit"
    return provider_url, list_url


def test_the_import_command_purges_the_provider_page_and_the_list(
    client, cached_section, tmp_path, django_capture_on_commit_callbacks
):
    provider_url, list_url = fill_the_cache(client, cached_section.section)
    path = tmp_path / "April 2025.csv"
    path.write_bytes(figures_file((RENAMED, NEW_PROVIDER), last=(2025, 4)).getvalue())

    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_restraint_data", str(path), stdout=None)

    html, cache = cached_get(client, provider_url)
    assert cache == "miss"
    assert "<h1>Northshire and Dale Mental Health NHS Trust</h1>" in html
    html, cache = cached_get(client, list_url)
    assert cache == "miss"
    assert "Southmoor Care NHS Trust" in html


def test_confirming_an_upload_in_the_admin_purges_the_provider_page(
    client, cached_section, django_user_model, django_capture_on_commit_callbacks
):
    provider_url, _ = fill_the_cache(client, cached_section.section)
    editor_client = type(client)()
    user = django_user_model.objects.create_user("dee", "dee@mind.example", "x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="import_restraint_data")
    )
    editor_client.force_login(user)
    content = figures_file((RENAMED,), last=(2025, 4)).getvalue()
    preview = editor_client.post(ADMIN_URL, {"file": SimpleUploadedFile("April 2025.csv", content, "text/csv")})
    form = preview.context["confirm_form"]
    data = {name: form.initial[name] for name in ("sha256", "file_name", "source_url")}

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(ADMIN_URL, {**data, "confirm": "1"})

    html, cache = cached_get(client, provider_url)
    assert cache == "miss"
    assert "<h1>Northshire and Dale Mental Health NHS Trust</h1>" in html


# What editors change on a provider's page, each seen by the next reader at once.


def commentary(provider, text):
    written = ProviderCommentary(provider=provider, body=f"<p>{text}</p>")
    written.save()
    written.save_revision().publish()
    return written


def test_a_commentary_published_unpublished_or_deleted_purges_the_provider_page(client, cached_section):
    provider_url, _ = fill_the_cache(client, cached_section.section)
    trust = Provider.objects.get(ods_code="RX1")
    written = commentary(trust, "What the trust told us.")
    html, cache = cached_get(client, provider_url)
    assert (cache, "What the trust told us." in html) == ("miss", True)
    assert cached_get(client, provider_url)[1] == "hit"

    written.unpublish()
    html, cache = cached_get(client, provider_url)
    assert (cache, "What the trust told us." in html) == ("miss", False)

    written.body = "<p>Told us again.</p>"
    written.save_revision().publish()
    html, cache = cached_get(client, provider_url)
    assert (cache, "Told us again." in html) == ("miss", True)
    assert cached_get(client, provider_url)[1] == "hit"
    written.delete()
    html, cache = cached_get(client, provider_url)
    assert (cache, "Told us again." in html) == ("miss", False)


def test_a_story_pinned_or_unpinned_purges_the_provider_page(client, cached_section):
    provider_url, _ = fill_the_cache(client, cached_section.section)
    trust = Provider.objects.get(ods_code="RX1")
    story = cached_section.stories[0]
    pinned = StoryProvider.objects.create(story=story, provider=trust)
    html, cache = cached_get(client, provider_url)
    assert (cache, story.title in html) == ("miss", True)
    assert cached_get(client, provider_url)[1] == "hit"

    pinned.delete()
    html, cache = cached_get(client, provider_url)
    assert (cache, story.title in html) == ("miss", False)


def test_a_provider_edited_purges_its_page(client, cached_section):
    provider_url, _ = fill_the_cache(client, cached_section.section)
    trust = Provider.objects.get(ods_code="RX1")
    trust.complaints_url = "https://northshire.example/complaints"
    trust.save()
    html, cache = cached_get(client, provider_url)
    assert (cache, "https://northshire.example/complaints" in html) == ("miss", True)
