"""A mistyped address and a failure both land on the site's own pages, with crisis help and a way back."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests.production_server import fetch, production_server, query


def soup_of(content):
    return BeautifulSoup(content, "html.parser")


@pytest.mark.django_db
def test_a_mistyped_address_gets_the_sites_own_not_found_page(client, site):
    response = client.get("/campaigns/restraint/no-such-page/")
    assert response.status_code == 404
    page = soup_of(response.content)
    assert page.h1.get_text(strip=True) == "Page not found"
    assert page.title.get_text(strip=True) == "Page not found | Mind campaigns"
    assert page.find("a", href="/", string="Go to the home page")
    assert "Menu link 1" in page.find("nav", attrs={"aria-label": "Main menu"}).get_text()
    assert "Samaritans on 116 123" in page.find("aside", class_="help-now").get_text()  # the editors' text
    assert page.find("meta", attrs={"name": "robots", "content": "noindex"})


@pytest.mark.django_db
def test_the_not_found_page_does_not_repeat_the_address(client, site):
    response = client.get("/ann@example.org/<b>hello</b>/?postcode=SW1A1AA")
    assert response.status_code == 404
    text = response.content.decode()
    assert "ann@example.org" not in text
    assert "hello" not in text
    assert "SW1A1AA" not in text


def test_a_failure_gets_the_sites_own_error_page_drawn_without_the_database():
    """No database here (pytest-django refuses every query): the page fails, and so would an error
    page that touched the database."""
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    page = soup_of(response.content)
    assert page.h1.get_text(strip=True) == "Sorry, there is a problem with the service"
    assert page.find("a", href="/", string="Go to the home page")
    help_now = page.find("aside", class_="help-now").get_text()
    assert "116 123" in help_now
    assert "Call 999" in help_now
    assert page.find("aside", class_="help-now").find("a", href="tel:999") is not None
    assert "Traceback" not in response.content.decode()
    assert "default-src 'none'" in response["Content-Security-Policy"]


UTF_16_FORM = "application/x-www-form-urlencoded; charset=utf-16"


def odd_request_urls(feedback_page_id):
    """The public forms, each posted to with a body the site cannot read."""
    return [
        "/order-printed-guides/",
        f"/feedback/{feedback_page_id}/",
        f"/feedback/{feedback_page_id}/what-was-wrong/",
    ]


def assert_the_sites_bad_request_page(body, headers):
    page = soup_of(body)
    assert page.h1.get_text(strip=True) == "Sorry, the site could not read what was sent"
    assert page.title.get_text(strip=True) == "Sorry, the site could not read what was sent | Mind campaigns"
    assert "nothing you sent was saved" in page.main.get_text()
    assert page.find("a", href="/", string="Go to the home page")
    assert "116 123" in page.find("aside", class_="help-now").get_text()
    assert "no-store" in headers["Cache-Control"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("enforce_csrf_checks", [False, True], ids=["form", "form with CSRF checks"])
def test_a_form_sent_as_utf_16_gets_the_sites_own_bad_request_page(site, enforce_csrf_checks):
    client = Client(enforce_csrf_checks=enforce_csrf_checks, raise_request_exception=False)
    for url in odd_request_urls(site.chapters[0].pk):
        response = client.post(url, "answer=no&full_name=Ann", content_type=UTF_16_FORM)
        assert response.status_code == 400, url
        assert_the_sites_bad_request_page(response.content, response.headers)


def test_the_error_page_is_never_stored():
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "no-store" in response["Cache-Control"]


def test_the_production_server_answers_a_form_sent_as_utf_16_with_its_own_page(production_site):
    feedback_page_id = query(
        production_site,
        "import json; from guides.models import GuideChapterPage;"
        "print(json.dumps(GuideChapterPage.objects.live().public().first().pk))",
    )
    with production_server(production_site) as (base_url, log_path):
        for url in odd_request_urls(feedback_page_id):
            status, headers, body = fetch(
                base_url + url, method="POST", headers={"Content-Type": UTF_16_FORM}, data="answer=no".encode("utf-16")
            )
            assert status == 400, url
            assert_the_sites_bad_request_page(body, headers)
    assert '"level": "ERROR"' not in log_path.read_text()


def test_the_production_server_answers_a_mistyped_address_with_its_own_page(production_site):
    with production_server(production_site) as (base_url, _log):
        status, headers, body = fetch(base_url + "/no-such-page/")
        assert status == 404
        page = soup_of(body)
        assert page.h1.get_text(strip=True) == "Page not found"
        assert "116 123" in page.find("aside", class_="help-now").get_text()
        stylesheet = page.find("link", rel="stylesheet")["href"]
        assert fetch(base_url + stylesheet)[0] == 200  # the hashed name WhiteNoise serves
        assert "default-src 'none'" in headers["Content-Security-Policy"]


def test_the_production_server_without_its_database_shows_the_error_page_and_logs_json(production_site, tmp_path):
    unreachable = f"sqlite:///{tmp_path / 'no-such-folder' / 'db.sqlite3'}"
    with production_server(production_site, DATABASE_URL=unreachable) as (base_url, log_path):
        status, headers, body = fetch(base_url + "/")
    assert status == 500
    assert "no-store" in headers["Cache-Control"]
    page = soup_of(body)
    assert page.h1.get_text(strip=True) == "Sorry, there is a problem with the service"
    assert "116 123" in page.find("aside", class_="help-now").get_text()
    assert b"OperationalError" not in body

    lines = [line for line in log_path.read_text().splitlines() if line.strip()]
    entries = [json.loads(line) for line in lines]  # every line, gunicorn's too, is JSON
    error = next(entry for entry in entries if entry["level"] == "ERROR" and entry["logger"] == "django.request")
    assert error["status"] == 500
    assert error["path"] == "/"
    assert error["exception"]["type"].endswith("OperationalError")
    assert "unable to open database" not in json.dumps(error)  # the exception's message is left out
