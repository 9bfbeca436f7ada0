"""Editors keep providers' places and links, and pin providers to stories, in the admin."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from campaigns.figures.models import DUTY_KEYS, Provider, ProviderCommentary, ProviderPlace, StoryProvider
from campaigns.figures.what_you_can_do import provider_extras
from mindsite.caching import page_cache

pytestmark = pytest.mark.django_db

PROVIDER = "wagtailsnippets_restraint_figures_provider"
# The provider form's Use of Force Act duties, each "not known" (tests/figures/test_use_of_force_duties.py tests them).
DUTIES_NOT_KNOWN = {f"{key}_status": "not_known" for key in DUTY_KEYS}


@pytest.fixture
def trust(db):
    provider = Provider.objects.create(
        ods_code="RX1", name="NORTHSHIRE MENTAL HEALTH NHS TRUST", name_month=datetime.date(2025, 3, 1)
    )
    ProviderPlace.objects.create(provider=provider, name="Northtown", sort_order=0)
    return provider


@pytest.fixture
def independent(db):
    provider = Provider.objects.create(
        ods_code="NQ1", name="QUIETWATER HOSPITALS (FICTIONAL)", name_month=datetime.date(2025, 3, 1)
    )
    ProviderPlace.objects.create(provider=provider, name="Lambeth", sort_order=0)
    return provider


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user("eddie", "eddie@mind.example", "x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def test_an_editor_adds_places_and_links_to_a_provider(client, editor, trust):
    edit_url = reverse(f"{PROVIDER}:edit", args=[trust.pk])
    page = client.get(edit_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "RX1" in html and "NORTHSHIRE MENTAL HEALTH NHS TRUST" in html
    assert 'name="ods_code"' not in html and 'name="name"' not in html  # shown, not editable

    data = nested_form_data(
        {
            "places": inline_formset(
                [
                    {"id": trust.places.get().pk, "name": "Northtown", "ORDER": 0},
                    {"name": "Eastvale", "ORDER": 1},
                ],
                initial=1,
            ),
            **DUTIES_NOT_KNOWN,
            "policy_status": "yes",
            "policy_source": "https://example.com/policy",
            "board_papers_url": "",
            "complaints_url": "https://example.com/pals",
            "website_url": "https://example.com/",
        }
    )
    data["ods_code"] = "RX9"  # ignored: read-only
    data["name"] = "SOMETHING ELSE"
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    trust.refresh_from_db()
    assert (trust.ods_code, trust.name) == ("RX1", "NORTHSHIRE MENTAL HEALTH NHS TRUST")
    assert sorted(trust.places.values_list("name", flat=True)) == ["Eastvale", "Northtown"]
    assert trust.use_of_force_policy_url == "https://example.com/policy"
    assert trust.complaints_url == "https://example.com/pals"
    assert trust.board_papers_url == ""
    assert trust.website_url == "https://example.com/"


def test_a_link_must_be_a_web_address(client, editor, trust):
    data = nested_form_data(
        {
            "places": inline_formset([{"id": trust.places.get().pk, "name": "Northtown", "ORDER": 0}], initial=1),
            **DUTIES_NOT_KNOWN,
            "policy_status": "yes",
            "policy_source": "not a link",
            "board_papers_url": "",
            "complaints_url": "",
            "website_url": "",
        }
    )
    response = client.post(reverse(f"{PROVIDER}:edit", args=[trust.pk]), data)
    assert response.status_code == 200
    trust.refresh_from_db()
    assert trust.use_of_force_policy_url == ""


def test_saving_a_provider_purges_the_page_cache(client, editor, trust):
    before = page_cache.generation()
    trust.website_url = "https://example.com/"
    trust.save()
    assert page_cache.generation() > before


def test_providers_come_from_imports_so_nobody_adds_or_deletes_them_in_the_admin(client, django_user_model, trust):
    boss = django_user_model.objects.create_superuser("boss", "boss@mind.example", "x")
    client.force_login(boss)
    listing = client.get(reverse(f"{PROVIDER}:list"))
    assert listing.status_code == 200
    assert reverse(f"{PROVIDER}:add") not in listing.content.decode()
    assert client.get(reverse(f"{PROVIDER}:add")).status_code in (302, 403)
    assert client.post(reverse(f"{PROVIDER}:delete", args=[trust.pk])).status_code in (302, 403)
    assert Provider.objects.filter(pk=trust.pk).exists()
    assert Provider.objects.count() == 1


def test_the_provider_list_is_searchable_by_name_ods_code_or_place(client, editor, trust, independent):
    def found(query):
        html = client.get(reverse(f"{PROVIDER}:list"), {"q": query}).content.decode()
        return [name for name in ("Northshire Mental Health NHS Trust", "Quietwater Hospitals") if name in html]

    assert found("northshire") == ["Northshire Mental Health NHS Trust"]
    assert found("NQ1") == ["Quietwater Hospitals"]
    assert found("lambeth") == ["Quietwater Hospitals"]
    assert found("") == ["Northshire Mental Health NHS Trust", "Quietwater Hospitals"]


def test_the_provider_chooser_finds_a_provider_among_many(client, editor, trust, independent):
    Provider.objects.bulk_create(
        Provider(ods_code=f"Z{n:04}", name=f"PROVIDER {n} (FICTIONAL)", name_month=datetime.date(2025, 3, 1))
        for n in range(60)
    )
    chooser = reverse("wagtailsnippetchoosers_restraint_figures_provider:choose_results")
    html = client.get(chooser, {"q": "quietwater"}).content.decode()
    assert "Quietwater Hospitals" in html
    assert "Northshire" not in html and "Provider 1 " not in html
    html = client.get(chooser, {"q": "northtown"}).content.decode()
    assert "Northshire" in html and "Quietwater" not in html


def test_the_editors_group_edits_providers_and_publishes_commentaries():
    codenames = set(
        Group.objects.get(name="Editors")
        .permissions.filter(content_type__app_label="restraint_figures")
        .values_list("codename", flat=True)
    )
    assert {"view_provider", "change_provider"} <= codenames
    assert {"add_provider", "delete_provider", "import_restraint_data"}.isdisjoint(codenames)
    assert {
        "add_providercommentary",
        "change_providercommentary",
        "delete_providercommentary",
        "publish_providercommentary",
        "lock_providercommentary",
        "unlock_providercommentary",
    } <= codenames


def test_someone_without_the_permission_cannot_edit_a_provider(client, django_user_model, trust):
    user = django_user_model.objects.create_user("visitor", "visitor@mind.example", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    edit_url = reverse(f"{PROVIDER}:edit", args=[trust.pk])
    assert client.get(edit_url).status_code in (302, 403)
    data = nested_form_data(
        {
            "places": inline_formset([{"name": "Elsewhere", "ORDER": 0}], initial=0),
            **DUTIES_NOT_KNOWN,
            "policy_status": "yes",
            "policy_source": "https://example.com/x",
            "board_papers_url": "",
            "complaints_url": "",
            "website_url": "",
        }
    )
    assert client.post(edit_url, data).status_code in (302, 403)
    trust.refresh_from_db()
    assert trust.use_of_force_policy_url == ""
    assert not trust.places.filter(name="Elsewhere").exists()
    add_commentary = reverse("wagtailsnippets_restraint_figures_providercommentary:add")
    client.post(add_commentary, {"provider": trust.pk, "body": rich_text("<p>Hi.</p>"), "action-publish": "1"})
    assert not ProviderCommentary.objects.exists()


@pytest.fixture
def publisher(client, django_user_model):
    """Editors draft pages; publishing them is for those allowed to (here, a superuser)."""
    user = django_user_model.objects.create_superuser("pat", "pat@mind.example", "x")
    client.force_login(user)
    return user


def story_form(story, pins, action="action-publish"):
    data = nested_form_data(
        {
            "title": story.title,
            "slug": story.slug,
            "content_note": "",
            "place": story.place,
            "region": story.region,
            "story_date": story.story_date.isoformat(),
            "summary": story.summary,
            "image": "",
            "image_alt_text": "",
            "body": streamfield([("paragraph", rich_text("<p>What happened.</p>"))]),
            "related_guide": "",
            "provider_pins": inline_formset(
                [{"provider": provider.pk, "ORDER": n} for n, provider in enumerate(pins)], initial=0
            ),
        }
    )
    data["is_illustrative"] = "on"
    data[action] = "1"
    return data


def test_an_editor_pins_providers_to_a_story_and_it_is_listed_on_their_pages(
    client, publisher, site, trust, independent
):
    story = site.stories[0]
    edit_url = f"/admin/pages/{story.pk}/edit/"
    page = client.get(edit_url)
    assert page.status_code == 200
    assert "Providers this story is about" in page.content.decode()

    response = client.post(edit_url, story_form(story, [trust, independent]))
    assert response.status_code == 302, response.content.decode()[:3000]

    assert set(StoryProvider.objects.filter(story=story).values_list("provider__ods_code", flat=True)) == {
        "RX1",
        "NQ1",
    }
    assert [pinned.pk for pinned in provider_extras(trust)["pinned_stories"]] == [story.pk]
    assert [pinned.pk for pinned in provider_extras(independent)["pinned_stories"]] == [story.pk]


def test_a_draft_pin_does_not_show_until_the_story_is_published(client, editor, site, trust):
    story = site.stories[0]
    response = client.post(f"/admin/pages/{story.pk}/edit/", story_form(story, [trust], action="action-save"))
    assert response.status_code == 302
    # The pin waits in the draft revision: the live story is not pinned yet.
    assert provider_extras(trust)["pinned_stories"] == []


def test_pinning_the_same_provider_twice_is_refused_with_a_message(client, publisher, site, trust):
    story = site.stories[0]
    response = client.post(f"/admin/pages/{story.pk}/edit/", story_form(story, [trust, trust]))
    assert response.status_code == 200
    assert not StoryProvider.objects.exists()


def test_an_editor_finds_a_commentary_by_its_provider(client, editor, trust, independent):
    for provider in (trust, independent):
        ProviderCommentary.objects.create(provider=provider, body="<p>A note.</p>")
    listing = client.get(reverse("wagtailsnippets_restraint_figures_providercommentary:list"), {"q": "quietwater"})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Quietwater Hospitals" in html and "Northshire" not in html


def test_publishing_a_story_with_a_pin_taken_off_purges_the_page_cache(client, publisher, site, trust):
    story = site.stories[0]
    client.post(f"/admin/pages/{story.pk}/edit/", story_form(story, [trust]))
    assert StoryProvider.objects.filter(story=story).exists()
    before = page_cache.generation()

    data = story_form(story, [])
    pin = StoryProvider.objects.get(story=story)
    data.update(
        {
            "provider_pins-TOTAL_FORMS": "1",
            "provider_pins-INITIAL_FORMS": "1",
            "provider_pins-0-id": str(pin.pk),
            "provider_pins-0-provider": str(trust.pk),
            "provider_pins-0-ORDER": "0",
            "provider_pins-0-DELETE": "1",
        }
    )
    response = client.post(f"/admin/pages/{story.pk}/edit/", data)
    assert response.status_code == 302
    assert not StoryProvider.objects.filter(story=story).exists()
    assert page_cache.generation() > before
    assert provider_extras(trust)["pinned_stories"] == []


def cqc_form(provider, cqc_url):
    return nested_form_data(
        {
            "places": inline_formset([{"id": provider.places.get().pk, "name": "Lambeth", "ORDER": 0}], initial=1),
            **DUTIES_NOT_KNOWN,
            "board_papers_url": "",
            "complaints_url": "",
            "website_url": "",
            "cqc_url": cqc_url,
        }
    )


def test_an_editor_enters_an_independent_providers_cqc_page(client, editor, independent):
    independent.kind = "independent"
    independent.save()
    edit_url = reverse(f"{PROVIDER}:edit", args=[independent.pk])
    html = client.get(edit_url).content.decode()
    assert 'name="cqc_url"' in html and 'name="kind"' not in html  # the kind is shown, from ODS, not edited

    response = client.post(edit_url, cqc_form(independent, "https://www.cqc.org.uk/provider/1-102642961"))
    assert response.status_code == 302, response.content.decode()[:2000]

    independent.refresh_from_db()
    assert independent.cqc_url == "https://www.cqc.org.uk/provider/1-102642961"
    assert provider_extras(independent)["cqc_url"] == "https://www.cqc.org.uk/provider/1-102642961"


@pytest.mark.parametrize(
    "address",
    [
        "https://www.cqc.org.uk/location/1-123456789",
        "https://cqc.org.uk.example.com/provider/1-1",
        "http://www.cqc.org.uk/provider/1-102642961",
        "https://www.cqc.org.uk/provider/",
        "https://www.cqc.org.uk/provider/1-1?utm=x",
        "https://example.com/provider/1-1",
    ],
)
def test_a_cqc_page_anywhere_but_the_cqcs_provider_pages_is_refused_at_the_field(client, editor, independent, address):
    response = client.post(reverse(f"{PROVIDER}:edit", args=[independent.pk]), cqc_form(independent, address))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the provider&#x27;s page on the CQC&#x27;s website, starting https://www.cqc.org.uk/provider/" in html
    independent.refresh_from_db()
    assert independent.cqc_url == ""


def test_editors_find_a_provider_by_a_town_it_has_a_site_in(client, editor, trust, independent):
    from tests.figures.ods_helpers import import_ods, ods_row

    import_ods("ets.csv", ods_row("RX101", "DAWLISH HOSPITAL", "DAWLISH", parent="RX1"))
    html = client.get(reverse(f"{PROVIDER}:list"), {"q": "dawlish"}).content.decode()
    assert "Northshire Mental Health NHS Trust" in html
    assert "Quietwater" not in html
