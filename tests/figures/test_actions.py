"""What a campaigner can do about a provider, editors' commentary and the stories pinned to a provider."""

import datetime
import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text

from campaigns.figures.models import Provider, ProviderCommentary, ProviderKind, StoryProvider
from campaigns.figures.what_you_can_do import provider_extras
from campaigns.models import StoryPage
from mindsite.caching import page_cache
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

COMMENTARY = "wagtailsnippets_restraint_figures_providercommentary"


@pytest.fixture
def trust(db):
    return Provider.objects.create(
        ods_code="RX1",
        name="NORTHSHIRE MENTAL HEALTH NHS FOUNDATION TRUST",
        name_month=datetime.date(2025, 3, 1),
        kind=ProviderKind.NHS_TRUST,
    )


@pytest.fixture
def independent(db):
    return Provider.objects.create(
        ods_code="NQ1",
        name="QUIETWATER HOSPITALS (FICTIONAL)",
        name_month=datetime.date(2025, 3, 1),
        kind=ProviderKind.INDEPENDENT,
    )


@pytest.fixture
def editor(client, django_user_model):
    """A member of Wagtail's Editors group, and nothing more: what the migration gave the group is all they have."""
    user = django_user_model.objects.create_user("eddie", "eddie@mind.example", "x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def commentary_form(provider, html, action):
    data = nested_form_data({"provider": provider.pk, "body": rich_text(html)})
    data[action] = "1"
    return data


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def extras_of(provider):
    """provider_extras as a provider's page calls it: the provider fetched afresh with its commentary."""
    return provider_extras(Provider.objects.select_related("commentary").get(pk=provider.pk))


def render_extras(template, provider, page=None):
    return render_to_string(
        f"figures/{template}",
        {"provider": provider, "extras": extras_of(provider), "page": page or SimpleNamespace()},
    )


# Commentary: drafted, previewed and published like a page; the provider's page shows only what is live.


def test_a_draft_commentary_never_shows_and_publishing_shows_it(client, editor, trust):
    response = client.post(
        reverse(f"{COMMENTARY}:add"), commentary_form(trust, "<p>A first draft about staffing.</p>", "action-save")
    )
    assert response.status_code == 302
    commentary = ProviderCommentary.objects.get(provider=trust)
    assert not commentary.live
    assert extras_of(trust)["commentary"] is None
    assert "first draft" not in render_extras("_commentary.html", trust)

    edit_url = reverse(f"{COMMENTARY}:edit", args=[commentary.pk])
    response = client.post(
        edit_url, commentary_form(trust, "<p>Published: the trust has a new policy.</p>", "action-publish")
    )
    assert response.status_code == 302
    shown = extras_of(trust)["commentary"]
    assert shown is not None and "new policy" in shown.body
    assert "Published: the trust has a new policy." in text_of(render_extras("_commentary.html", trust))

    # A later draft waits in a revision: readers still see the published words.
    response = client.post(edit_url, commentary_form(trust, "<p>An unchecked second thought.</p>", "action-save"))
    assert response.status_code == 302
    html = render_extras("_commentary.html", trust)
    assert "new policy" in html
    assert "unchecked second thought" not in html
    commentary.refresh_from_db()
    assert commentary.has_unpublished_changes


def test_unpublishing_a_commentary_takes_it_off_the_page(client, editor, trust):
    commentary = ProviderCommentary(provider=trust, body="<p>Said once.</p>")
    commentary.save()
    commentary.save_revision(user=editor).publish()
    assert extras_of(trust)["commentary"] is not None

    response = client.post(reverse(f"{COMMENTARY}:unpublish", args=[commentary.pk]))
    assert response.status_code == 302
    assert extras_of(trust)["commentary"] is None


def test_an_editor_previews_a_commentary_before_publishing(client, editor, trust):
    commentary = ProviderCommentary(provider=trust, body="<p>Live words.</p>")
    commentary.save()
    commentary.save_revision().publish()
    preview_url = reverse(f"{COMMENTARY}:preview_on_edit", args=[commentary.pk])

    response = client.post(preview_url, commentary_form(trust, "<p>Words being tried out.</p>", "x"))
    assert response.json()["is_valid"]
    preview = client.get(preview_url)
    assert preview.status_code == 200
    assert "Words being tried out." in preview.content.decode()
    assert "Words being tried out." not in render_extras("_commentary.html", trust)


def test_a_scheduled_commentary_shows_only_once_its_time_has_come(trust):
    commentary = ProviderCommentary(provider=trust, body="<p>From tomorrow.</p>", live=False)
    commentary.save()
    commentary.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = commentary.save_revision()
    revision.publish()
    commentary.refresh_from_db()
    assert not commentary.live
    assert extras_of(trust)["commentary"] is None

    call_command("publish_scheduled", verbosity=0)
    assert extras_of(trust)["commentary"] is None  # not yet

    # An hour passes: the time set, in the revision and its approval, is now behind us.
    revision.refresh_from_db()
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", verbosity=0)
    shown = extras_of(trust)["commentary"]
    assert shown is not None and "From tomorrow." in shown.body


def test_a_commentary_is_short(client, editor, trust):
    response = client.post(
        reverse(f"{COMMENTARY}:add"), commentary_form(trust, f"<p>{'word ' * 300}</p>", "action-publish")
    )
    assert response.status_code == 200
    assert not ProviderCommentary.objects.exists()


def test_publishing_a_commentary_purges_the_page_cache(trust):
    before = page_cache.generation()
    commentary = ProviderCommentary(provider=trust, body="<p>New.</p>")
    commentary.save()
    commentary.save_revision().publish()
    assert page_cache.generation() > before


# Stories pinned to a provider.


def pin(story, provider):
    StoryProvider.objects.create(story=story, provider=provider)


def test_only_live_public_pinned_stories_are_listed_newest_first(site, trust, independent):
    older, newer, draft = site.stories
    private = StoryPageFactory(parent=site.story_index, title="A private story")
    real = StoryPageFactory(parent=site.story_index, title="A real story", is_illustrative=False)
    # Dates set here: the factory's run on from however many stories earlier tests made.
    for story, day in ((older, 1), (newer, 2), (draft, 3), (private, 4), (real, 5)):
        StoryPage.objects.filter(pk=story.pk).update(story_date=datetime.date(2024, 1, day))
        pin(story, trust)
    pin(site.stories[0], independent)
    draft.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")

    listed = extras_of(trust)["pinned_stories"]

    assert [story.title for story in listed] == [real.title, newer.title, older.title]
    html = render_extras("_pinned_stories.html", trust)
    assert html.count("<li") == 3
    assert f'href="{real.url}"' in html
    assert draft.title not in html and "A private story" not in html
    # Illustrative stories say so, as everywhere else on the site; a real one does not.
    assert html.count("Example story") == 2
    assert [story.title for story in extras_of(independent)["pinned_stories"]] == [older.title]


def test_a_provider_with_no_stories_shows_no_section(trust):
    assert extras_of(trust)["pinned_stories"] == []
    assert render_extras("_pinned_stories.html", trust).strip() == ""


@pytest.mark.parametrize("stories", [2, 6])
def test_provider_extras_takes_two_queries_however_many_stories(site, trust, stories):
    """With the provider fetched as its page fetches it (its commentary joined in)."""
    for story in [*site.stories, *(StoryPageFactory(parent=site.story_index) for _ in range(3))][:stories]:
        pin(story, trust)
    commentary = ProviderCommentary(provider=trust, body="<p>Hello.</p>")
    commentary.save()
    commentary.save_revision().publish()
    PageViewRestriction.objects.create(
        page=site.stories[0], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    provider = Provider.objects.select_related("commentary").get(pk=trust.pk)
    with CaptureQueriesContext(connection) as queries:
        extras = provider_extras(provider)
    assert len(queries) == 2
    assert extras["commentary"] is not None
    assert len(extras["pinned_stories"]) == stories - 1  # the private one left out


# "What you can do".


class Links(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.hrefs, self.forms, self.inputs = [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.hrefs.append(attrs["href"])
        elif tag == "form":
            self.forms.append(attrs)
        elif tag == "input":
            self.inputs.append(attrs)


def test_a_trust_gets_its_cqc_page_and_only_the_links_editors_set(trust):
    trust.policy_status = "yes"
    trust.policy_source = "https://example.com/use-of-force-policy"
    trust.complaints_url = "https://example.com/pals"
    trust.save()

    html = render_extras("_what_you_can_do.html", trust)
    links = Links(html)
    assert links.hrefs == [
        "letter/",  # "Write a letter" (letters.py), on every provider's page
        "https://example.com/use-of-force-policy",  # the policy duty's source, in the checklist
        # "Ask them" about the other three duties (test_use_of_force_duties.py)
        "https://www.whatdotheyknow.com/select_authority?query=Northshire%20Mental%20Health%20NHS%20Foundation%20Trust",
        "https://example.com/use-of-force-policy",  # "Where to find out more"
        "https://example.com/pals",
        "https://www.cqc.org.uk/provider/RX1",
    ]
    words = text_of(html)
    assert "Mental Health Units (Use of Force) Act 2018" in words
    assert "31 March 2022" in words
    for section in range(2, 7):
        assert f"(section {section})" in words
    assert "PALS and complaints" in words
    assert "Parliamentary and Health Service Ombudsman" in words
    assert "NHS complaints advocacy" in words
    assert "is a foundation trust" in words
    assert "20 working days" in words
    assert "Found. Source: example.com" in words  # the policy duty, as the editor set it


def test_an_independent_provider_gets_no_invented_cqc_address_and_no_foi(independent):
    html = render_extras("_what_you_can_do.html", independent)
    links = Links(html)
    assert not [href for href in links.hrefs if "cqc.org.uk" in href]
    assert links.hrefs == ["letter/", "letter/"]  # the second: "Ask them" offers the letter, not FOI
    assert "provider-links" not in html  # no empty list for a screen reader to announce
    assert extras_of(independent)["cqc_url"] == ""
    words = text_of(html)
    assert "search for its name on the Care Quality Commission (CQC) website" in words
    assert "do not cover independent hospitals" in words
    assert "20 working days" not in words
    assert "governors" not in words
    assert "Not known. We have not checked this yet." in words  # the policy, and the other duties
    assert "Ombudsman when the NHS paid for the care" in words


def test_the_write_to_your_mp_form_sends_the_postcode_to_writetothem(trust):
    links = Links(render_extras("_what_you_can_do.html", trust))
    assert links.forms == [{"class": "writetothem-form", "method": "get", "action": "https://www.writetothem.com/"}]
    by_name = {field["name"]: field for field in links.inputs}
    assert set(by_name) == {"pc", "a"}
    assert by_name["a"] == {"type": "hidden", "name": "a", "value": "westminstermp"}
    assert by_name["pc"]["autocomplete"] == "postal-code"
    html = render_extras("_what_you_can_do.html", trust)
    assert '<label class="label" for="writetothem-postcode">Your postcode</label>' in html
    assert "own words" in html


def test_the_matching_part_of_influencing_change_is_linked_when_set(site, trust):
    part = site.chapters[1]
    html = render_extras("_what_you_can_do.html", trust, page=SimpleNamespace(influencing_part=part))
    assert f'<a href="{part.url}">{part.title}</a>' in html

    assert part.title not in render_extras("_what_you_can_do.html", trust, page=SimpleNamespace(influencing_part=None))
    # Without the field at all (before the provider page has it), the partial still renders.
    assert part.title not in render_extras("_what_you_can_do.html", trust)


def test_the_public_csp_lets_the_writetothem_form_submit_and_nothing_else(client, site):
    response = client.get(site.home.url)
    header = response["Content-Security-Policy"]
    form_action = next(part.split()[1:] for part in header.split(";") if part.split()[:1] == ["form-action"])
    assert form_action == ["'self'", "https://www.writetothem.com"]
    admin = client.get("/admin/login/")
    admin_form_action = next(
        part.split()[1:] for part in admin["Content-Security-Policy"].split(";") if part.split()[:1] == ["form-action"]
    )
    assert admin_form_action == ["'self'"]


def test_an_invented_trust_reads_as_a_trust_but_gets_no_cqc_address():
    invented = Provider.objects.create(
        ods_code="Z0001",
        name="ASHWORTH VALE MENTAL HEALTH NHS FOUNDATION TRUST (FICTIONAL)",
        name_month=datetime.date(2025, 3, 1),
        is_synthetic=True,
        kind=ProviderKind.NHS_TRUST,  # as the demo's ODS-shaped etr.csv says
    )
    extras = extras_of(invented)
    assert extras["is_nhs"] and extras["cqc_url"] == ""
    html = render_extras("_what_you_can_do.html", invented)
    assert not [href for href in Links(html).hrefs if "cqc.org.uk" in href]
    words = text_of(html)
    assert "is invented for this demonstration, so it has no CQC page" in words
    assert "20 working days" in words and "is a foundation trust" in words
    assert "independent" not in words


# What a provider is comes from ODS; the CQC link is never guessed.


def test_a_provider_no_ods_file_has_yet_is_called_neither_nhs_nor_independent():
    unknown = Provider.objects.create(
        ods_code="RX9", name="SOMEWHERE MENTAL HEALTH NHS TRUST", name_month=datetime.date(2025, 3, 1)
    )
    extras = extras_of(unknown)
    assert (extras["is_nhs"], extras["is_independent"], extras["cqc_url"]) == (False, False, "")
    words = text_of(render_extras("_what_you_can_do.html", unknown))
    assert "is an independent provider" not in words
    assert "do not cover independent hospitals" not in words
    assert "If it is an NHS trust, you can ask it for information under the Freedom of Information Act" in words
    assert "search for its name on the Care Quality Commission (CQC) website" in words


def test_an_independent_providers_cqc_page_is_linked_only_when_an_editor_entered_it(independent):
    assert extras_of(independent)["cqc_url"] == ""
    independent.cqc_url = "https://www.cqc.org.uk/provider/1-102642961"
    independent.save()

    html = render_extras("_what_you_can_do.html", independent)
    assert Links(html).hrefs == ["letter/", "letter/", "https://www.cqc.org.uk/provider/1-102642961"]
    words = text_of(html)
    assert "on the Care Quality Commission (CQC) website" in words
    assert "search for its name" not in words
    assert "is an independent provider" in words


def test_a_care_trust_gets_its_cqc_page_by_ods_code():
    care_trust = Provider.objects.create(
        ods_code="TAJ",
        name="BLACK COUNTRY HEALTHCARE NHS FOUNDATION TRUST",
        name_month=datetime.date(2025, 3, 1),
        kind=ProviderKind.CARE_TRUST,
        cqc_url="https://www.cqc.org.uk/provider/1-1",  # ignored: an NHS body's page is its ODS code's
    )
    extras = extras_of(care_trust)
    assert extras["is_nhs"] and extras["cqc_url"] == "https://www.cqc.org.uk/provider/TAJ"
