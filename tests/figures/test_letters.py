"""'Write a letter' (campaigns/figures/letters.py): the provider's figures and England's in a letter the reader edits,
then downloads, prints, copies or emails, and nothing of what they typed kept or logged by the server."""

import logging
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from campaigns.figures.letters import INVENTED_FIRST_LINE, MAX_LETTER_LENGTH, MAX_MAILTO_LENGTH
from campaigns.figures.models import Provider
from tests.figures.builders import ENGLAND, TRUST, load, row
from tests.figures.pages_helpers import INVENTED, build_section

pytestmark = pytest.mark.django_db

# Something nobody else would write, to look for wherever the server might keep or log it.
TYPED = "Zqx-7741 my brother Ferdinand-Oyelaran on Larch ward"


@pytest.fixture
def section():
    """RX1 in March 2025 and a year before: prone restraint hidden ([c]), chemical restraint not reported."""
    site = build_section(orgs=())
    load(
        row(3365, "MHS76", org=ENGLAND),
        row(11330, "MHS77", org=ENGLAND),
        row(815, "MHS77", org=ENGLAND, kind="01"),
        row(1890, "MHS77", org=ENGLAND, kind="14"),
        row("20.4", "MHS96", org=ENGLAND),
        row("22.1", "MHS96", month="2024-03", org=ENGLAND),
        row(190, "MHS76"),
        row(700, "MHS77"),
        row("*", "MHS77", kind="01"),
        row("33.2", "MHS96"),
        row("28.5", "MHS96", month="2024-03"),
    )
    Provider.objects.filter(ods_code=TRUST[0]).update(name=TRUST[1])
    site.letter_url = site.section.url + "RX1/letter/"
    return site


def letter_of(response):
    page = BeautifulSoup(response.content, "html.parser")
    return page.find("textarea", attrs={"name": "letter"}).get_text()


def form_fields(response):
    page = BeautifulSoup(response.content, "html.parser")
    form = page.find("form", class_="letter-form")
    return {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}


def test_the_letter_carries_the_providers_figures_englands_and_the_years_trend(client, section):
    response = client.get(section.letter_url)
    assert response.status_code == 200
    letter = letter_of(response)
    assert "For March 2025, its figures (NHS England, Mental Health Services Data Set) say" in letter
    assert "- People restrained: about 190 (England: about 3,365)" in letter
    assert "- Uses of restraint (restrictive interventions): about 700 (England: about 11,330)" in letter
    assert "every 1,000 nights spent on the wards: about 33.2 (England: about 20.4)" in letter
    assert (
        "Over the year: in March 2024 there were about 28.5 uses of restraint for every 1,000 nights spent on "
        "Northshire Mental Health NHS Trust's wards, and in March 2025 about 33.2: more than in March 2024. "
        "Across England the figure went from about 22.1 to about 20.4." in letter
    )
    assert INVENTED_FIRST_LINE not in letter and "invented" not in letter


def test_hidden_and_missing_figures_are_said_honestly_never_as_none(client, section):
    letter = letter_of(client.get(section.letter_url))
    assert (
        "- Prone (face-down) restraint: [c]: between 1 and 4, hidden to protect privacy (England: about 815)" in letter
    )
    assert "- Chemical restraint (medicine to sedate): no data reported (England: about 1,890)" in letter
    assert (
        "[c] means NHS England hid a small number (1 to 4) to protect people's privacy. It does not mean none."
        in letter
    )
    assert '"No data reported" means NHS England\'s file has no figure for Northshire Mental Health NHS Trust' in letter
    assert ": 0 " not in letter and "about 0" not in letter


def test_each_recipient_has_its_own_letter_and_the_asks_from_the_guide(client, section):
    chief = letter_of(client.get(section.letter_url))
    assert chief.startswith("The chief executive, Northshire Mental Health NHS Trust\n\nDear chief executive,")
    assert "must appoint a responsible person for how force is used there" in chief
    assert "If that person is not you, please pass this letter on to them." in chief
    assert "2. Could I meet the responsible person for the use of force, to talk about this?" in chief
    board = letter_of(client.get(section.letter_url + "?to=board"))
    assert board.startswith("The board, Northshire Mental Health NHS Trust\n\nDear members of the board,")
    assert "please pass this letter on" not in board
    mp = client.get(section.letter_url + "?to=mp")
    assert letter_of(mp).startswith("Dear [your MP's name],")
    assert "2. raise them with the government, if you think it is needed" in letter_of(mp)
    page = BeautifulSoup(mp.content, "html.parser")
    writetothem = page.find("form", class_="writetothem-form")
    assert writetothem["action"] == "https://www.writetothem.com/" and writetothem["method"] == "get"
    assert page.select_one(".letter-recipients a[aria-current]").get_text() == "Your MP"
    # Anything else in ?to= is the chief executive's letter, never an error.
    assert letter_of(client.get(section.letter_url + "?to=<script>")) == chief


def test_the_providers_page_links_to_the_letter(client, section):
    page = BeautifulSoup(client.get(section.section.url + "RX1/").content, "html.parser")
    link = page.select_one(".what-you-can-do .write-a-letter a")
    assert link["href"] == "letter/" and link.get_text() == "Write a letter"


def test_a_demo_providers_letter_cannot_pass_as_real(client):
    site = build_section(orgs=(INVENTED,), is_synthetic=True)
    response = client.get(site.section.url + "Z0001/letter/")
    letter = letter_of(response)
    assert letter.startswith(INVENTED_FIRST_LINE + "\n")
    assert "the invented figures for this demonstration say" in letter
    assert "These figures are made up." in response.content.decode()
    email = BeautifulSoup(response.content, "html.parser").select_one("[data-letter-email-link]")["href"]
    assert parse_qs(urlsplit(email).query)["subject"][0].startswith("EXAMPLE ONLY, invented figures: ")
    download = Client().post(site.section.url + "Z0001/letter/", {"letter": letter, "action": "download"})
    assert "EXAMPLE-invented" in download["Content-Disposition"]


def test_the_download_is_the_edited_text_as_an_attachment_never_kept(section):
    browser = Client(enforce_csrf_checks=True)
    form = browser.get(section.letter_url)
    assert "no-store" in form["Cache-Control"]
    edited = letter_of(form).replace("[Your name]", "Siân Example") + "\n" + TYPED
    response = browser.post(section.letter_url, {**form_fields(form), "letter": edited, "action": "download"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="letter-about-rx1-to-chief-executive.txt"'
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response.content.decode() == edited.replace("\r\n", "\n")


def test_the_letter_is_only_sent_with_a_csrf_token(section):
    response = Client(enforce_csrf_checks=True).post(section.letter_url, {"letter": TYPED, "action": "download"})
    assert response.status_code == 403


def every_column():
    """(table, column) for every column of every table in the database."""
    with connection.cursor() as cursor:
        return [
            (table, column.name)
            for table in connection.introspection.table_names(cursor)
            for column in connection.introspection.get_table_description(cursor, table)
        ]


def columns_holding(text):
    """Every column with a value holding text, in any case (a search index keeps words in lower case)."""
    quote = connection.ops.quote_name
    holding = []
    with connection.cursor() as cursor:
        for table, column in every_column():
            # The names come from the database's own list of its tables and columns, quoted.
            cursor.execute(
                f"SELECT COUNT(*) FROM {quote(table)} WHERE LOWER(CAST({quote(column)} AS TEXT)) LIKE %s",  # noqa: S608
                [f"%{text.lower()}%"],
            )
            if cursor.fetchone()[0]:
                holding.append((table, column))
    return holding


@pytest.mark.parametrize("action", ["download", "update"])
def test_nothing_typed_reaches_the_database_the_cache_the_session_or_the_logs(section, action, caplog):
    browser = Client(enforce_csrf_checks=True)
    form = browser.get(section.letter_url)
    assert len(every_column()) > 200  # the search covers the whole database
    caplog.set_level(logging.DEBUG)
    for name in ["django", "django.request", "django.server", "django.db.backends", "mindsite", "campaigns"]:
        caplog.set_level(logging.DEBUG, logger=name)
    with CaptureQueriesContext(connection) as queries:
        response = browser.post(
            section.letter_url,
            {**form_fields(form), "letter": f"Dear board,\n{TYPED}\n", "action": action},
            headers={"referer": "http://testserver" + section.letter_url},
        )
    assert response.status_code == 200
    assert TYPED in response.content.decode()  # it was sent, and came back only to the reader
    assert "no-store" in response["Cache-Control"]
    assert caplog.records and queries.captured_queries  # both were listening
    assert not [record for record in caplog.records if "Ferdinand" in record.getMessage()]
    assert "Ferdinand" not in caplog.text
    assert not [query for query in queries.captured_queries if "Ferdinand" in query["sql"]]
    assert columns_holding("Ferdinand") == [] and columns_holding("Zqx-7741") == []
    assert Session.objects.count() == 0 and "sessionid" not in response.cookies
    assert not [key for key in cache._cache if b"Ferdinand" in cache._cache[key]]


def test_update_redraws_the_email_link_and_printed_copy_from_what_was_typed(section):
    edited = "Dear Dr Okafor,\nIs the ward's policy online? Ask & see: 100% = yes\n\nSiân"
    response = Client().post(section.letter_url, {"letter": edited, "action": "update", "to": "board"})
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("textarea", attrs={"name": "letter"}).get_text() == edited
    assert page.select_one("[data-letter-print-copy]").get_text() == edited
    assert page.find("input", attrs={"name": "to"})["value"] == "board"
    href = page.select_one("[data-letter-email-link]")["href"]
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.path == ""
    assert len(href) <= MAX_MAILTO_LENGTH
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert query == {
        "subject": ["The use of restraint at Northshire Mental Health NHS Trust"],
        "body": [edited.replace("\n", "\r\n")],
    }
    assert " " not in href and "\n" not in href  # every space and line break is encoded


def test_a_letter_too_long_for_an_email_link_says_to_copy_it(client, section):
    letter = "A long letter.\n" * (MAX_MAILTO_LENGTH // 10)
    page = BeautifulSoup(client.post(section.letter_url, {"letter": letter, "action": "update"}).content, "html.parser")
    assert page.select_one("[data-letter-email]").has_attr("hidden")
    too_long = page.select_one("[data-letter-too-long]")
    assert not too_long.has_attr("hidden") and "Copy it" in too_long.get_text()
    # The pre-filled letter fits.
    page = BeautifulSoup(client.get(section.letter_url).content, "html.parser")
    assert not page.select_one("[data-letter-email]").has_attr("hidden")
    assert page.select_one("[data-letter-too-long]").has_attr("hidden")


@pytest.mark.parametrize(
    ("letter", "message"),
    [
        ("", "Write your letter in the box"),
        ("x" * (MAX_LETTER_LENGTH + 1), "Your letter is too long: make it shorter than 20,000 characters"),
    ],
)
def test_an_empty_or_huge_letter_gets_a_message_at_the_field(client, section, letter, message):
    response = client.post(section.letter_url, {"letter": letter, "action": "download"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.title.get_text().startswith("Error: ")
    assert message in page.select_one(".error-summary").get_text()
    assert message in page.select_one("#letter-error").get_text()
    assert "no-store" in response["Cache-Control"]


def test_an_ods_code_in_another_case_redirects_and_an_unknown_one_is_not_found(client, section):
    response = client.get(section.section.url + "rx1/letter/")
    assert response.status_code == 301 and response["Location"].endswith("/RX1/letter/")
    assert client.get(section.section.url + "RX9/letter/").status_code == 404


def test_the_letter_page_takes_a_fixed_number_of_queries(client, section):
    client.get(section.letter_url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(section.letter_url).status_code == 200
    # The chrome and routing (as every page of the section), the provider (1), its figures (2), a year before (1).
    assert len(queries) == 11
