"""Names and addresses with characters nobody can see are refused at the field (issue 17, item 11).

CR/LF and text-direction overrides reached the inbox, the admin and the CSV. Now each field
refuses them with a clear message and the form keeps the other answers; accented and non-Latin
names still pass and arrive as typed, in the inbox email and the CSV.
"""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from campaigns.orders.forms import TeamOrderForm
from campaigns.orders.models import PrintOrder
from mindsite.spam.hidden_characters import hidden_characters
from tests.order_helpers import RecordingHandler, free_port, fresh_cache, place_order, smtp_server, use_smtp
from tests.orders import admin_fixtures
from tests.orders.test_mail_delivery import INBOX, set_inbox

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(fresh_cache.__name__)]

team_member = admin_fixtures.team_member

# Where a bad character goes in each field's otherwise good answer.
GOOD = {
    "full_name": "Ann {} Example",
    "email": "ann@exam{}ple.org",
    "organisation": "Lambeth {}Carers",
    "address_line_1": "1 High{} Street",
    "address_line_2": "Flat {}2",
    "town": "Lon{}don",
    "postcode": "SW1A{}1AA",
    "purpose": "For our{} group",
}
MESSAGES = {
    "full_name": "Full name has a hidden character in it. Type it again",
    "email": "Email address has a hidden character in it. Type it again",
    "organisation": "Organisation has a hidden character in it. Type it again",
    "address_line_1": "Address line 1 has a hidden character in it. Type it again",
    "address_line_2": "Address line 2 has a hidden character in it. Type it again",
    "town": "Town or city has a hidden character in it. Type it again",
    "postcode": "Postcode has a hidden character in it. Type it again",
    "purpose": "What you will use them for has a hidden character in it. Type it again",
}
LINE_BREAKS = ["\r", "\n", "\r\n", "\t"]
INVISIBLE = [
    "\x00",
    "\x1b",  # escape
    "\x0b",  # vertical tab
    "\x85",  # next line (a C1 control)
    "\u202e",  # right-to-left override
    "\u202a",  # left-to-right embedding
    "\u202d",  # left-to-right override
    "\u2066",  # left-to-right isolate
    "\u2069",  # pop directional isolate
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u061c",  # Arabic letter mark
    "\u200b",  # zero-width space
    "\ufeff",  # byte-order mark
    "\u2028",  # line separator
    "\U000e0041",  # tag letter A: hidden text
]
# The purpose is a multi-line box, where line breaks and tabs are typed.
CASES = [
    (field, bad) for field in GOOD for bad in INVISIBLE + LINE_BREAKS if not (bad in LINE_BREAKS and field == "purpose")
]


@pytest.fixture
def guide(site, settings):
    settings.ORDER_MIN_FILL_SECONDS = 0
    settings.ORDERS_PER_HOUR_BEFORE_HOLD = 10_000
    settings.ORDERS_PER_HOUR_BEFORE_REFUSAL = 10_000
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 10_000
    return site.guide


def answers(response):
    """What the re-drawn form holds: {field: value} and {field: error}."""
    page = BeautifulSoup(response.content, "html.parser")
    values = {tag["name"]: tag.get("value", "") for tag in page.find_all("input") if tag.get("name")}
    values.update({tag["name"]: tag.get_text() for tag in page.find_all("textarea")})
    summary = page.find(class_="error-summary")
    errors = {a["href"][4:]: a.get_text(strip=True) for a in summary.find_all("a")} if summary else {}
    return values, errors


@pytest.mark.parametrize(("field", "bad"), CASES, ids=[f"{f}-U+{ord(b[-1]):04X}" for f, b in CASES])
def test_a_hidden_character_is_refused_at_its_field_and_the_other_answers_are_kept(client, guide, field, bad):
    typed = {"full_name": "Siân Example", "organisation": "Grŵp Gofalwyr", field: GOOD[field].format(bad)}
    response = place_order(client, [guide], **typed)
    assert response.status_code == 200
    values, errors = answers(response)
    assert errors == {field: MESSAGES[field]}
    assert PrintOrder.objects.count() == 0
    for other, value in {"full_name": "Siân Example", "organisation": "Grŵp Gofalwyr", "town": "London"}.items():
        if other != field:
            assert values[other] == value
    assert values[f"guide_{guide.pk}"] == "2"


@pytest.mark.parametrize("bad", ["\u202e", "\x0b", "\x00"])
def test_line_breaks_are_welcome_in_the_multi_line_box_but_not_hidden_characters(client, guide, bad):
    assert place_order(client, [guide], purpose="For our group.\r\nAnd\tthe ward.").status_code == 302
    assert PrintOrder.objects.get().purpose == "For our group.\r\nAnd\tthe ward."
    response = place_order(client, [guide], purpose=f"For our group.\r\n{bad}And the ward.", email="bea@example.org")
    assert answers(response)[1] == {"purpose": MESSAGES["purpose"]}


def test_the_teams_form_refuses_them_too():
    form = TeamOrderForm(
        {"source": "phone", "full_name": "Ann\u202eExample", "purpose": "x\u200by", "postcode": "SW1A 1AA"}, guides=[]
    )
    assert not form.is_valid()
    assert form.errors["full_name"] == [MESSAGES["full_name"]]
    assert form.errors["purpose"] == ["What they will use them for has a hidden character in it. Type it again"]


GOOD_NAMES = [
    "Siân Evans",
    "Nguyễn Thị Minh Khai",
    "Zoë Ó Briain",
    "Seán Ó Briain",
    "李小龍",
    "مهرداد نیک‌نام",  # Persian, with a zero-width non-joiner, as it is written
    "क्‍ष Devi",  # Devanagari, with a zero-width joiner
    "Ann 👩‍👧",  # an emoji sequence joined by zero-width joiners
]


def test_names_in_any_script_pass_the_check():
    for name in GOOD_NAMES:
        assert hidden_characters(name) == [], name


def test_good_names_arrive_intact_in_the_inbox_email_and_the_csv(client, guide, settings, team_member):
    set_inbox(INBOX)
    port = free_port()
    use_smtp(settings, port)
    for n, name in enumerate(GOOD_NAMES):
        response = place_order(client, [guide], full_name=name, town="Caerdydd", email=f"person{n}@example.org")
        assert response.status_code == 302, answers(response)[1]
    handler = RecordingHandler()
    with smtp_server(port, handler):
        call_command("run_mail_worker", "--once")
    inbox_texts = [message.get_body(("plain",)).get_content() for message in handler.to(INBOX)]
    assert len(inbox_texts) == len(GOOD_NAMES)
    for name in GOOD_NAMES:
        assert any(name in text for text in inbox_texts), name

    client.force_login(team_member)
    export = client.get(f"{admin_fixtures.INDEX}export/", {"format": "csv"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert sorted(row["Full name"] for row in csv.DictReader(io.StringIO(body))) == sorted(GOOD_NAMES)


@pytest.mark.parametrize(
    ("field", "bad"), [("full_name", "\u202e"), ("town", "\n"), ("purpose", "\x1b"), ("email", "\u200d")]
)
def test_the_team_cannot_save_them_when_correcting_an_order_in_the_admin(client, guide, team_member, field, bad):
    assert place_order(client, [guide]).status_code == 302
    order = PrintOrder.objects.get()
    details = {
        "full_name": "Ann Example",
        "email": "ann@example.org",
        "organisation": "",
        "address_line_1": "1 High Street",
        "address_line_2": "",
        "town": "London",
        "postcode": "SW1A 1AA",
        "purpose": "",
    }
    details[field] = GOOD[field].format(bad)
    client.force_login(team_member)
    response = client.post(f"{admin_fixtures.INDEX}edit/{order.pk}/", details)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser").get_text()
    assert "This has a hidden character in it. Type it again" in page
    order.refresh_from_db()
    assert (order.full_name, order.town) == ("Ann Example", "London")
    details[field] = GOOD[field].format("")
    assert client.post(f"{admin_fixtures.INDEX}edit/{order.pk}/", details).status_code == 302
