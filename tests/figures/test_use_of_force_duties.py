"""Each provider's Use of Force Act duties: kept by editors with a source and a day, shown as a checklist that
says "not known" plainly, a column in the comparison, and "Ask them": the FOI request for an NHS trust (with
WhatDoTheyKnow's form pre-filled), the letter for an independent provider."""

import datetime
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from campaigns.figures.duties import DUTIES, ask_them, duty_checklist
from campaigns.figures.models import Provider, ProviderKind, ProviderPlace
from mindsite.demo.figures import DEMO_DUTIES, set_demo_duties
from tests.figures.ods_helpers import import_ods, ods_row
from tests.figures.pages_helpers import INDEPENDENT, TRUST, build_section
from tests.figures.test_actions import Links, render_extras
from tests.figures.test_compare import page as compare_page
from tests.figures.test_compare import section
from tests.figures.test_provider_admin import DUTIES_NOT_KNOWN, PROVIDER, editor

__all__ = ["editor", "section"]  # fixtures

pytestmark = pytest.mark.django_db


def text_of(html):
    """What a reader reads: the tags taken out (not spaced: "<a>x</a>." reads "x."), spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html)))


NAME = "Northshire Mental Health NHS Foundation Trust"
CHECKED = datetime.date(2026, 3, 3)


@pytest.fixture
def trust(db):
    provider = Provider.objects.create(
        ods_code="RX1",
        name="NORTHSHIRE MENTAL HEALTH NHS FOUNDATION TRUST",
        name_month=datetime.date(2025, 3, 1),
        kind=ProviderKind.NHS_TRUST,
    )
    ProviderPlace.objects.create(provider=provider, name="Northtown", sort_order=0)
    return provider


@pytest.fixture
def independent(db):
    return Provider.objects.create(
        ods_code="NQ1",
        name="QUIETWATER HOSPITALS LIMITED",
        name_month=datetime.date(2025, 3, 1),
        kind=ProviderKind.INDEPENDENT,
    )


def some_found(provider):
    """The policy found, the responsible person looked for and not found, the rest not known."""
    provider.policy_status = "yes"
    provider.policy_source = "https://www.northshire.example.nhs.uk/policies/use-of-force.pdf"
    provider.policy_checked = CHECKED
    provider.responsible_person_status = "no"
    provider.responsible_person_source = "https://www.northshire.example.nhs.uk/about-us"
    provider.responsible_person_checked = datetime.date(2026, 2, 1)
    provider.save()
    return provider


# --- editors keep them in the admin -------------------------------------------------------------------------


def form(provider, **fields):
    return nested_form_data(
        {
            "places": inline_formset([{"id": provider.places.get().pk, "name": "Northtown", "ORDER": 0}], initial=1),
            **DUTIES_NOT_KNOWN,
            "board_papers_url": "",
            "complaints_url": "",
            "website_url": "",
            **fields,
        }
    )


def test_an_editor_records_each_duty_with_its_source_and_day(client, editor, trust):
    edit_url = reverse(f"{PROVIDER}:edit", args=[trust.pk])
    html = client.get(edit_url).content.decode()
    for duty in DUTIES:
        for suffix in ("status", "source", "checked"):
            assert f'name="{duty.key}_{suffix}"' in html
    assert "RRN training (section 5)" in unescape(html)
    assert "A Use of Force Act duty. Yes: the provider says in public (its website" in unescape(html)

    response = client.post(
        edit_url,
        form(
            trust,
            policy_status="yes",
            policy_source="https://www.northshire.example.nhs.uk/policy",
            policy_checked="2026-03-03",
            training_status="no",
            training_checked="2026-03-04",
            whatdotheyknow_name="https://www.whatdotheyknow.com/body/northshire_mental_health_nhs_foundation_trust",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    trust.refresh_from_db()
    assert (trust.policy_status, trust.policy_source, trust.policy_checked) == (
        "yes",
        "https://www.northshire.example.nhs.uk/policy",
        CHECKED,
    )
    assert (trust.training_status, trust.training_source, trust.training_checked) == (
        "no",
        "",
        datetime.date(2026, 3, 4),
    )
    assert trust.responsible_person_status == trust.patient_information_status == "not_known"
    assert trust.whatdotheyknow_name == "northshire_mental_health_nhs_foundation_trust"  # from the page's address


def test_the_provider_list_says_whose_policy_is_still_not_known(client, editor, trust, independent):
    some_found(trust)
    html = client.get(reverse(f"{PROVIDER}:list")).content.decode()
    rows = {name: row for row in html.split("<tr")[1:] for name in ("Northshire", "Quietwater") if name in row}
    assert "Policy published" in html
    assert re.search(r">\s*Yes\s*<", rows["Northshire"]) and not re.search(r">\s*Not known\s*<", rows["Northshire"])
    assert re.search(r">\s*Not known\s*<", rows["Quietwater"])


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"policy_status": "yes"}, "policy_source", "For Yes, give the address where you found it"),
        ({"training_status": "no"}, "training_checked", "For No, give the day you looked and did not find it."),
        (
            {"patient_information_status": "no", "patient_information_checked": "2999-01-01"},
            "patient_information_checked",
            "The day it was checked cannot be in the future.",
        ),
        ({"policy_status": "maybe"}, "policy_status", "Select a valid choice."),
        ({"whatdotheyknow_name": "Northshire NHS Trust"}, "whatdotheyknow_name", "small letters, numbers"),
    ],
)
def test_a_duty_that_does_not_add_up_is_refused_with_a_message_at_its_field(
    client, editor, trust, fields, field, message
):
    edit_url = reverse(f"{PROVIDER}:edit", args=[trust.pk])
    response = client.post(edit_url, form(trust, website_url="https://example.com/", **fields))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert message in html
    # The message sits at the field: Wagtail puts a field's errors just before its input.
    error = html.index('<p class="error-message">', html.index(message) - 200)
    assert re.search(r'name="([^"]+)"', html[error:]).group(1) == field
    assert 'value="https://example.com/"' in html
    trust.refresh_from_db()
    assert trust.website_url == ""
    assert all(getattr(trust, f"{duty.key}_status") == "not_known" for duty in DUTIES)


# --- the checklist on the provider's page -------------------------------------------------------------------


def test_the_checklist_says_what_was_found_where_and_when_and_what_is_not_known(trust):
    some_found(trust)
    html = render_extras("_what_you_can_do.html", trust)
    checklist = html.split('<ul class="duty-list" role="list">')[1].split("</ul>")[0]
    items = re.findall(r"<li class=\"duty duty--([a-z-]+)\">(.*?)</li>", checklist, flags=re.S)
    assert [state for state, _ in items] == ["no", "yes", "not-known", "not-known"]  # the Act's order
    words = [text_of(item).strip() for _, item in items]
    assert words[0].startswith("A responsible person for the use of force (section 2)")
    assert "Not found when we looked on 1 February 2026. We looked at www.northshire.example.nhs.uk." in words[0]
    assert "Found. Source: www.northshire.example.nhs.uk. Checked on 3 March 2026." in words[1]
    for text in words[2:]:
        assert "Not known. We have not checked this yet." in text
        assert "Found" not in text.replace("Not found", "")
    assert "(section 4)" in words[2] and "(section 5)" in words[3]
    assert "Restraint Reduction Network (RRN) Training Standards" in words[3]
    hrefs = Links(checklist).hrefs
    assert hrefs == [
        "https://www.northshire.example.nhs.uk/about-us",
        "https://www.northshire.example.nhs.uk/policies/use-of-force.pdf",
    ]


def test_a_provider_nobody_has_checked_is_not_known_on_every_duty(independent):
    words = text_of(render_extras("_what_you_can_do.html", independent))
    assert words.count("Not known. We have not checked this yet.") == 4
    assert "Found." not in words


def test_a_yes_without_a_day_says_the_day_was_not_recorded(trust):
    trust.policy_status = "yes"
    trust.policy_source = "https://www.northshire.example.nhs.uk/policy"
    trust.save()
    words = text_of(render_extras("_what_you_can_do.html", trust))
    assert "Found. Source: www.northshire.example.nhs.uk. We did not record the day this was checked." in words


def test_the_provider_page_shows_the_checklist_then_ask_them(client):
    site = build_section(orgs=(TRUST,))
    provider = Provider.objects.get(ods_code=TRUST[0])
    import_ods("etr.csv", ods_row(*TRUST))
    some_found(provider)
    html = unescape(client.get(site.section.url + "RX1/").content.decode())
    what_you_can_do = html.split('id="what-you-can-do-heading"')[1]
    assert what_you_can_do.index('class="duty-list"') < what_you_can_do.index('id="ask-them-heading"')
    assert "Not known. We have not checked this yet." in text_of(html)
    assert "Found. Source: www.northshire.example.nhs.uk. Checked on 3 March 2026." in text_of(html)


def test_an_invented_provider_says_its_duties_are_invented_too(db):
    invented = Provider.objects.create(
        ods_code="Z0001", name="ASHWORTH VALE NHS TRUST (FICTIONAL)", name_month=datetime.date(2025, 3, 1)
    )
    invented.kind = ProviderKind.NHS_TRUST
    invented.is_synthetic = True
    invented.save()
    words = text_of(render_extras("_what_you_can_do.html", invented))
    assert "Invented for the demonstration: Ashworth Vale NHS Trust (Fictional) is made up, and so is what" in words
    ask = ask_them(invented)
    assert ask.text and not (ask.request_url or ask.search_url or ask.body_url)  # nowhere real to send it
    assert "invented for this demonstration, so there is nowhere to send this" in words
    assert "whatdotheyknow.com" not in render_extras("_what_you_can_do.html", invented)


# --- Ask them: FOI for an NHS trust, the letter for an independent provider ---------------------------------


def test_the_foi_request_asks_only_what_is_not_known_naming_the_act(trust):
    some_found(trust)
    ask = ask_them(trust)
    assert ask.kind == "foi"
    assert [duty.key for duty in ask.duties] == ["responsible_person", "patient_information", "training"]
    assert ask.text.startswith(f"Dear {NAME},\n\nUnder the Freedom of Information Act 2000, I would like to ask")
    assert "Mental Health Units (Use of Force) Act 2018" in ask.text
    assert f"1. The name and job title of the responsible person {NAME} has appointed under section 2" in ask.text
    assert "2. The information about patients' rights in relation to the use of force" in ask.text
    assert "3. Whether the training on the use of force" in ask.text
    assert "Restraint Reduction Network (RRN) Training Standards" in ask.text
    assert "section 3" not in ask.text  # the policy was found: not asked for
    assert ask.text.endswith("Thank you for your help.\n\nYours faithfully,\n\n[Your name]")
    assert ask.title == "Use of Force Act duties: responsible person, information for patients and staff training"
    assert len(ask.title) <= 200  # WhatDoTheyKnow's limit for a request's summary


def test_with_its_whatdotheyknow_name_the_trusts_request_form_opens_pre_filled(trust):
    trust.whatdotheyknow_name = "northshire_mental_health_nhs_foundation_trust"
    trust.save()
    ask = ask_them(trust)
    url = urlsplit(ask.request_url)
    assert (url.scheme, url.netloc, url.path) == (
        "https",
        "www.whatdotheyknow.com",
        "/new/northshire_mental_health_nhs_foundation_trust",
    )
    # Alaveteli's request#new reads `title` and `default_letter` (put between its "Dear ..." and "Yours faithfully").
    query = parse_qs(url.query)
    assert query == {"title": [ask.title], "default_letter": [ask.letter]}
    assert not ask.letter.startswith("Dear") and "Yours faithfully" not in ask.letter
    assert ask.letter in ask.text
    assert ask.body_url == "https://www.whatdotheyknow.com/body/northshire_mental_health_nhs_foundation_trust"
    assert ask.search_url == ""

    html = render_extras("_what_you_can_do.html", trust)
    assert f'href="{ask.request_url.replace("&", "&amp;")}"' in html
    words = text_of(unescape(html))
    assert "Send it through WhatDoTheyKnow" in words
    assert "Your request, your name and the reply are published on WhatDoTheyKnow." in words
    textarea = re.search(r'<textarea [^>]*id="foi-request"[^>]*readonly[^>]*>(.*?)</textarea>', html, re.S)
    assert unescape(textarea.group(1)) == ask.text


def test_without_its_name_the_trust_is_searched_for_on_whatdotheyknow(trust):
    ask = ask_them(trust)
    assert ask.request_url == ask.body_url == ""
    url = urlsplit(ask.search_url)
    assert (url.netloc, url.path, parse_qs(url.query)) == (
        "www.whatdotheyknow.com",
        "/select_authority",
        {"query": [NAME]},
    )
    words = text_of(unescape(render_extras("_what_you_can_do.html", trust)))
    assert "Find this trust on WhatDoTheyKnow" in words
    assert "paste this request in" in words


def test_an_independent_provider_is_offered_the_letter_and_told_why_not_foi(independent):
    ask = ask_them(independent)
    assert ask.kind == "letter" and ask.text == "" and ask.request_url == ask.search_url == ""
    html = render_extras("_what_you_can_do.html", independent)
    ask_html = html.split('id="ask-them"')[1].split("</div>")[0]
    assert Links(ask_html).hrefs == ["letter/"]
    words = text_of(unescape(ask_html))
    assert "is an independent provider, not a public body, so a Freedom of Information request does not apply" in words
    assert "our letter to Quietwater Hospitals Limited is ready for you to change and send" in words
    assert "whatdotheyknow" not in html.lower()
    assert "foi-request" not in html


def test_the_letter_offered_instead_asks_about_the_duties_not_found(client):
    site = build_section(orgs=(INDEPENDENT,))
    provider = Provider.objects.get(ods_code=INDEPENDENT[0])
    import_ods("ephp.csv", ods_row(*INDEPENDENT))
    provider.refresh_from_db()
    provider.policy_status = "yes"
    provider.policy_source = "https://www.st-brides.example/policy"
    provider.save()
    letter = site.section.url + f"{INDEPENDENT[0]}/letter/"
    words = text_of(client.get(letter).content.decode())
    assert (
        "4. Could you tell me who your responsible person for the use of force is, what information you give "
        "patients about their rights when force is used and whether your staff training is certified against the "
        "Restraint Reduction Network Training Standards?"
    ) in words
    assert "4. " not in text_of(client.get(letter + "?to=mp").content.decode())  # an MP is asked other things

    for duty in DUTIES:
        setattr(provider, f"{duty.key}_status", "yes")
        setattr(provider, f"{duty.key}_source", "https://www.st-brides.example/")
    provider.save()
    assert "4. Could you tell me" not in text_of(client.get(letter).content.decode())


def test_when_every_duty_is_found_there_is_nothing_to_ask(trust):
    for duty in DUTIES:
        setattr(trust, f"{duty.key}_status", "yes")
        setattr(trust, f"{duty.key}_source", f"https://www.northshire.example.nhs.uk/{duty.key}")
    trust.save()
    assert ask_them(trust) is None
    html = render_extras("_what_you_can_do.html", trust)
    assert "ask-them" not in html and "Not known" not in html
    assert [item.is_yes for item in duty_checklist(trust)] == [True] * 4


# --- the comparison's policy column ---------------------------------------------------------------------------


def test_the_comparison_has_a_policy_column(client, section):
    Provider.objects.filter(ods_code="RA1").update(
        policy_status="yes", policy_source="https://alder.example.nhs.uk/policy", policy_checked=CHECKED
    )
    Provider.objects.filter(ods_code="NE5").update(policy_status="no", policy_checked=datetime.date(2026, 2, 1))
    html = compare_page(client, section, "?sort=name&order=asc")
    assert '<th scope="col">Use of force policy</th>' in html
    cells = {
        code: text_of(cell).strip()
        for code, cell in re.findall(
            r'/([A-Z]{2}\d)/">.*?<td class="rf-compare__policy">(.*?)</td>', html.split("<tbody>")[1], flags=re.S
        )
    }
    assert cells == {
        "RA1": "Published: Alder NHS Trust's policy checked 3 Mar 2026",
        "RB2": "Not known",
        "RC3": "Not known",
        "RD4": "Not known",
        "NE5": "Not found checked 1 Feb 2026",
        "NF6": "Not known",
    }
    assert 'href="https://alder.example.nhs.uk/policy"' in html
    assert '"Not known" means we have not checked yet: it does not mean there is no policy.' in html


# --- the old policy link becomes the policy duty ----------------------------------------------------------------

BEFORE = [("restraint_figures", "0010_exit_this_page_on_every_page_type")]
AFTER = [("restraint_figures", "0011_use_of_force_act_duties")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_policy_link_editors_entered_becomes_policy_published_with_that_source():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    try:
        OldProvider = old.get_model("restraint_figures", "Provider")
        month = datetime.date(2025, 3, 1)
        OldProvider.objects.create(
            ods_code="RX1", name="A NHS TRUST", name_month=month, use_of_force_policy_url="https://a.example/policy"
        )
        OldProvider.objects.create(ods_code="RX2", name="B NHS TRUST", name_month=month)

        new = migrate(AFTER)
        NewProvider = new.get_model("restraint_figures", "Provider")
        with_link = NewProvider.objects.get(ods_code="RX1")
        assert (with_link.policy_status, with_link.policy_source, with_link.policy_checked) == (
            "yes",
            "https://a.example/policy",
            None,
        )
        without = NewProvider.objects.get(ods_code="RX2")
        assert (without.policy_status, without.policy_source) == ("not_known", "")
        for key in ("responsible_person", "patient_information", "training"):
            assert getattr(with_link, f"{key}_status") == "not_known"

        back = migrate(BEFORE)  # and back again: the link is where it was
        assert back.get_model("restraint_figures", "Provider").objects.get(ods_code="RX1").use_of_force_policy_url == (
            "https://a.example/policy"
        )
    finally:
        migrate(leaves)
        Provider.objects.all().delete()


# --- the demo ---------------------------------------------------------------------------------------------------


def test_the_demo_gives_invented_providers_a_mix_once_and_keeps_an_editors_changes(db):
    for code in DEMO_DUTIES:
        Provider.objects.create(
            ods_code=code, name=f"{code} (FICTIONAL)", name_month=datetime.date(2025, 3, 1), is_synthetic=True
        )
    Provider.objects.create(ods_code="RX1", name="REAL NHS TRUST", name_month=datetime.date(2025, 3, 1))
    real_z = Provider.objects.create(
        ods_code="Z0003", name="NOT IN THE DEMO LIST", name_month=datetime.date(2025, 3, 1)
    )

    assert sorted(set_demo_duties()) == sorted(DEMO_DUTIES)
    statuses = {
        getattr(provider, f"{duty.key}_status")
        for provider in Provider.objects.filter(is_synthetic=True)
        for duty in DUTIES
    }
    assert statuses == {"yes", "no", "not_known"}
    for provider in Provider.objects.filter(is_synthetic=True):
        for item in duty_checklist(provider):
            assert item.is_not_known or item.source.startswith("https://example.org/")  # clearly not a real page
    assert all(item.is_not_known for item in duty_checklist(Provider.objects.get(ods_code="RX1")))
    assert all(item.is_not_known for item in duty_checklist(real_z))

    edited = Provider.objects.get(ods_code="Z0001")
    edited.policy_status = "no"
    edited.policy_checked = datetime.date(2026, 1, 1)
    edited.save()
    assert set_demo_duties() == []  # loaded again: nothing changes
    assert Provider.objects.get(ods_code="Z0001").policy_status == "no"
