"""Two confirms of one previewed figures file at the same moment (a double click, or two editors):
one imports it, the other is told it was imported before (issue 17, item 2).

Two production servers (gunicorn, production settings) share the test run's production database and
media folder, as two machines would. The editor signs in with the password and the authenticator
code, previews a file once, then sends the confirm to both servers at once. The unique checksum on
FigureImport decides which import goes ahead, on SQLite and on PostgreSQL alike.
"""

import calendar
import re
import threading

import pytest
import requests
from bs4 import BeautifulSoup
from django_otp.oath import totp

from tests.production_server import EDITOR_TOTP_KEY, manage, production_server, query

IMPORT_PATH = "/admin/restraint-figures/import/"
# Months and providers the demo content has none of, so that nothing another test reads changes;
# enough rows that each import takes a while, so that the two confirms overlap.
MONTHS = [(f"2019-{month:02d}-01", f"2019-{month:02d}-{calendar.monthrange(2019, month)[1]}") for month in range(1, 13)]
PROVIDERS = [(f"RQ{number:03d}", f"RACE TEST TRUST {number}") for number in range(300)]
FORGET_THE_FILE = (
    "from campaigns.figures.models import Figure, FigureImport, Month, Provider;"
    "Figure.objects.filter(month__start__year=2019).delete(); Month.objects.filter(start__year=2019).delete();"
    "Provider.objects.filter(ods_code__startswith='RQ').delete();"
    "FigureImport.objects.filter(file_name__in=['2019.csv', 'provisional.csv']).delete()"
)


def a_months_file(status="Final"):
    header = (
        "REPORTING_PERIOD_START,REPORTING_PERIOD_END,STATUS,BREAKDOWN,LEVEL_ONE,LEVEL_ONE_DESCRIPTION,"
        "LEVEL_TWO,METRIC,METRIC_VALUE"
    )
    rows = [
        f"{start},{end},{status},Provider,{code},{name},NONE,{metric},{(number * 5) % 400 + 5}"
        for start, end in MONTHS
        for number, (code, name) in enumerate(PROVIDERS)
        for metric in ("MHS76", "MHS77")
    ]
    return ("\n".join([header, *rows]) + "\n").encode()


def csrf_token(response):
    return BeautifulSoup(response.text, "html.parser").find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]


def sign_in(base_url, editor):
    """A session signed in with both factors, as the editor's browser would be."""
    session = requests.Session()
    login = session.get(base_url + "/admin/login/")
    session.post(
        base_url + "/admin/login/",
        {"username": editor[0], "password": editor[1], "next": "/admin/", "csrfmiddlewaretoken": csrf_token(login)},
    )
    # A code is accepted once: if another test signed in with this step's code, the next step's is accepted too.
    for steps_ahead in (0, 1):
        code_step = session.get(base_url + "/admin/2fa/auth?next=/admin/")
        if not code_step.url.startswith(base_url + "/admin/2fa/auth"):
            break
        code = totp(bytes.fromhex(EDITOR_TOTP_KEY), drift=steps_ahead)
        session.post(
            code_step.url,
            {"otp_token": f"{code:06d}", "next": "/admin/", "csrfmiddlewaretoken": csrf_token(code_step)},
        )
    dashboard = session.get(base_url + "/admin/")
    assert dashboard.url == base_url + "/admin/", "the editor could not sign in"
    return session


def messages_on(page):
    return [" ".join(item.get_text().split()) for item in BeautifulSoup(page, "html.parser").select(".messages li")]


@pytest.fixture
def two_servers(production_site):
    with (
        production_server(production_site) as (first, first_log),
        production_server(production_site) as (second, second_log),
    ):
        yield (first, first_log), (second, second_log)


def test_two_confirms_at_once_import_the_file_once_and_tell_the_other_it_was_imported(production_site, two_servers):
    (first, first_log), (second, second_log) = two_servers
    editor = sign_in(first, production_site.editor)
    try:
        # The months are stored already, as provisional: the file replaces them (as a month's final figures do).
        provisional = production_site.work_dir / "provisional.csv"
        provisional.write_bytes(a_months_file(status="Provisional"))
        manage(production_site, "import_restraint_data", str(provisional))
        form = editor.get(first + IMPORT_PATH)
        preview = editor.post(
            first + IMPORT_PATH,
            {"csrfmiddlewaretoken": csrf_token(form), "source_url": ""},
            files={"file": ("2019.csv", a_months_file(), "text/csv")},
        )
        assert "What importing 2019.csv would change" in preview.text
        confirm = {
            field["name"]: field.get("value", "")
            for field in BeautifulSoup(preview.text, "html.parser").select("form input[type=hidden]")
        }
        assert re.fullmatch(r"[0-9a-f]{64}", confirm["sha256"])

        # Each server has drawn the admin once, so neither is slowed by its first admin request.
        for base_url in (first, second):
            assert editor.get(base_url + IMPORT_PATH).status_code == 200

        # Two browsers' worth of the same signed-in session, one per server, sent at the same moment.
        barrier = threading.Barrier(2)
        answers = {}

        def send_confirm(base_url):
            session = requests.Session()
            session.cookies.update(editor.cookies)
            barrier.wait()
            posted = session.post(base_url + IMPORT_PATH, {**confirm, "confirm": "1"}, allow_redirects=False)
            after = session.get(base_url + IMPORT_PATH) if posted.status_code == 302 else None
            answers[base_url] = (posted.status_code, messages_on(after.text) if after is not None else posted.text)

        threads = [threading.Thread(target=send_confirm, args=(base_url,)) for base_url in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)

        assert sorted(status for status, _said in answers.values()) == [302, 302], (
            answers,
            first_log.read_text()[-3000:],
            second_log.read_text()[-3000:],
        )
        said = sorted(answers.values(), key=lambda answer: answer[1][0] if answer[1] else "")
        assert [len(messages) for _status, messages in said] == [1, 1], said
        imported, refused = [messages[0] for _status, messages in said]
        assert imported.startswith("Imported 2019.csv: 7,200 rows read, 7,200 kept"), said
        assert refused.startswith("This file was imported before (2019.csv,"), said
        assert "by editor): nothing changed." in refused
        count = query(
            production_site,
            "import json; from campaigns.figures.models import FigureImport, Figure;"
            f"print(json.dumps([FigureImport.objects.filter(sha256={confirm['sha256']!r}).count(),"
            " Figure.objects.filter(month__start__year=2019).count()]))",
        )
        assert count == [1, 7200]
    finally:
        manage(production_site, "shell", "--no-imports", "-c", FORGET_THE_FILE)
