"""The second factors' secrets are not readable in a copy of the database (issue 17, item 4).

An authenticator app's key is stored encrypted with OTP_ENCRYPTION_KEY, which lives outside the
database; recovery codes only as salted hashes. Devices made before (django-otp's own tables, in
plain text) move across in a migration and keep working.
"""

import base64
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mindsite.accounts.models import AuthenticatorApp, RecoveryCode, RecoveryCodes
from tests.admin_helpers import (
    ENROL_URL,
    PASSWORD,
    RECOVERY_CODES_URL,
    add_authenticator,
    authenticator_code,
    enter_code,
    make_superuser,
    sign_in_with_password,
)

OLD_KEY_HEX = "3132333435363738393031323334353637383930"
OLD_CODES = ["a1b2c3d4", "e5f6g7h8", "j9k8m7n6"]
BEFORE = [("accounts", "0001_second_factor_secrets")]
DJANGO_OTP = [("otp_totp", "0003_add_timestamps"), ("otp_static", "0003_add_timestamps")]
AFTER = [("accounts", "0002_move_the_plain_second_factors")]


def database_dump():
    """Everything the database holds, as `manage.py dumpdata` writes it (what a JSON backup holds)."""
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def raw_tables():
    """Every row of every table, read with SQL (what pg_dump or a copy of the SQLite file holds)."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (names from introspection)
            rows.extend(map(str, cursor.fetchall()))
    return "\n".join(rows).lower()


def secret_forms(key_hex):
    """How a key may be written: hex, and base32 as the enrolment page shows it."""
    raw = bytes.fromhex(key_hex)
    return [key_hex.lower(), base64.b32encode(raw).decode().rstrip("=").lower(), raw.decode("latin-1").lower()]


@pytest.mark.django_db(transaction=True)
def test_devices_made_before_keep_working_and_leave_no_plain_secret(client, django_user_model):
    """Plain django-otp rows (the old schema) move across: the same code and recovery code sign in."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE + DJANGO_OTP).apps
    user = make_superuser(django_user_model)
    old_totp = old.get_model("otp_totp", "TOTPDevice").objects.create(
        user_id=user.pk, name="Phone", confirmed=True, key=OLD_KEY_HEX, drift=0, last_t=-1
    )
    recovery = old.get_model("otp_static", "StaticDevice").objects.create(
        user_id=user.pk, name="Recovery codes", confirmed=True
    )
    for code in OLD_CODES:
        old.get_model("otp_static", "StaticToken").objects.create(device_id=recovery.pk, token=code)
    assert OLD_KEY_HEX in raw_tables()

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    # Nothing left in django-otp's tables, and no plain key or code anywhere in the database.
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists() and not StaticToken.objects.exists()
    dump, tables = database_dump().lower(), raw_tables()
    for secret in secret_forms(OLD_KEY_HEX) + OLD_CODES:
        assert secret not in dump and secret not in tables, secret

    device = AuthenticatorApp.objects.get(user=user)
    assert device.pk == old_totp.pk and device.name == "Phone" and device.key == OLD_KEY_HEX
    assert RecoveryCodes.objects.get(user=user).pk == recovery.pk
    assert RecoveryCode.objects.filter(device__user=user).count() == 3

    # The authenticator app the user already has gives a code that signs in...
    code = totp(bytes.fromhex(OLD_KEY_HEX))
    sign_in_with_password(client, user.username)
    assert enter_code(client, f"{code:06d}").status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    # ...and so does a recovery code printed before the move (once).
    sign_in_with_password(client, user.username)
    used = enter_code(client, OLD_CODES[1].upper())
    assert used.status_code == 302 and used["Location"] == RECOVERY_CODES_URL
    assert client.get("/admin/").status_code == 200
    assert RecoveryCode.objects.filter(device__user=user).count() == 2


def test_a_new_authenticator_app_is_stored_encrypted(client, django_user_model):
    user = make_superuser(django_user_model)
    sign_in_with_password(client, user.username)
    page = client.get(ENROL_URL).content.decode()
    shown = re.search(r"type a key instead and enter: <code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    device = AuthenticatorApp.objects.get(user=user, confirmed=False)
    response = client.post(ENROL_URL, {"name": "Phone", "otp_token": authenticator_code(device), "password": PASSWORD})
    assert response.status_code == 302

    key_hex = base64.b32decode(shown + "=" * (-len(shown) % 8)).hex()
    assert AuthenticatorApp.objects.get(user=user, confirmed=True).key == key_hex
    dump, tables = database_dump().lower(), raw_tables()
    for secret in secret_forms(key_hex):
        assert secret not in dump and secret not in tables, secret
    assert not TOTPDevice.objects.exists()


def test_recovery_codes_are_kept_only_as_hashes(client, django_user_model):
    user = make_superuser(django_user_model)
    add_authenticator(user)
    client.force_login(user)
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", client.post(RECOVERY_CODES_URL).content.decode())
    assert len(codes) == 10
    dump, tables = database_dump().lower(), raw_tables()
    for code in codes:
        assert code not in dump and code not in tables, code
    assert not StaticToken.objects.exists()
    client.post("/admin/logout/")
    sign_in_with_password(client, user.username)
    assert enter_code(client, codes[3]).status_code == 302


OLD_FERNET = "txzToMk0BKlJ5_mh16UzailL0jgPgIoR6Ob86d7QzDs="
NEW_FERNET = "m2H4xJ8dQk9Wl1VZ0rY7pN3sT6uB5cE8fG1hJ4kL7oA="


def test_rotating_the_key(client, django_user_model):
    """The README's steps: the new key first, `manage.py rotate_otp_key`, then the old key dropped."""
    user = make_superuser(django_user_model)
    with override_settings(OTP_ENCRYPTION_KEYS=[OLD_FERNET]):
        device = add_authenticator(user)
        key_hex = device.key
    with override_settings(OTP_ENCRYPTION_KEYS=[NEW_FERNET, OLD_FERNET]):
        assert AuthenticatorApp.objects.get().key == key_hex  # both keys listed: still readable
        out = io.StringIO()
        call_command("rotate_otp_key", stdout=out)
        assert "Encrypted 1 authenticator app key again" in out.getvalue()
    with override_settings(OTP_ENCRYPTION_KEYS=[NEW_FERNET]):
        assert AuthenticatorApp.objects.get().key == key_hex
        sign_in_with_password(client, user.username)
        assert enter_code(client, authenticator_code(device)).status_code == 302


def test_a_sign_in_never_writes_back_a_key_encrypted_with_the_old_key(django_user_model):
    """A device loaded before the rotation and saved after it (a sign-in) keeps the rotated key."""
    user = make_superuser(django_user_model)
    with override_settings(OTP_ENCRYPTION_KEYS=[OLD_FERNET]):
        key_hex = add_authenticator(user).key
    with override_settings(OTP_ENCRYPTION_KEYS=[NEW_FERNET, OLD_FERNET]):
        loaded_before = AuthenticatorApp.objects.get()
        call_command("rotate_otp_key", stdout=io.StringIO())
        assert loaded_before.verify_token(f"{totp(bytes.fromhex(key_hex)):06d}")
    with override_settings(OTP_ENCRYPTION_KEYS=[NEW_FERNET]):
        AuthenticatorApp.objects.get().key  # noqa: B018 (decrypts with the new key alone, or raises)


def test_a_superuser_without_phone_or_codes_gets_a_code_from_the_server(client, django_user_model):
    """docs/operations.md: `manage.py add_recovery_code USERNAME`, in place of django-otp's addstatictoken."""
    user = make_superuser(django_user_model)
    add_authenticator(user)
    out = io.StringIO()
    call_command("add_recovery_code", user.username, stdout=out)
    code = out.getvalue().strip()
    assert re.fullmatch(r"[a-z2-7]{8}", code)
    assert code not in database_dump().lower() and code not in raw_tables()
    sign_in_with_password(client, user.username)
    assert enter_code(client, code).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_confirming_a_set_up_that_was_never_started_starts_it(client, django_user_model):
    """A code sent to the set-up page with no set-up under way (a second tab, a resent form): no 500."""
    user = make_superuser(django_user_model)
    sign_in_with_password(client, user.username)
    response = client.post(ENROL_URL, {"name": "Phone", "otp_token": "123456", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == ENROL_URL
    assert not AuthenticatorApp.objects.exists()
    assert "That set-up had already ended. Scan this new QR code" in client.get(ENROL_URL).content.decode()
