"""django-otp's authenticator apps and recovery codes move to this app's models, and leave no plain copy.

Each TOTPDevice becomes an AuthenticatorApp with its key encrypted (OTP_ENCRYPTION_KEY must be
set when this runs), and each StaticDevice a RecoveryCodes set holding only its codes' hashes;
the same primary keys, the same codes still sign in, and django-otp's rows are deleted. Backwards,
authenticator apps go back as they were; recovery codes cannot (only their hashes are kept), so
people make new ones.
"""

from django.conf import settings
from django.core.management.color import no_style
from django.db import migrations

from mindsite.accounts import otp_secrets

DEVICE_FIELDS = [
    "id",
    "user_id",
    "name",
    "confirmed",
    "throttling_failure_timestamp",
    "throttling_failure_count",
    "created_at",
    "last_used_at",
]
TOTP_FIELDS = ["step", "t0", "digits", "tolerance", "drift", "last_t"]


def copy(source, fields):
    return {field: getattr(source, field) for field in fields}


def reset_sequences(schema_editor, models):
    """Rows were made with their old primary keys: the next new row's must come after them."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def keep_the_timestamps(model, rows):
    # created_at is set on insert (auto_now_add): put back when each device was really made.
    for row in rows:
        model.objects.filter(pk=row["id"]).update(created_at=row["created_at"])


def encrypt_and_hash(apps, schema_editor):
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    StaticToken = apps.get_model("otp_static", "StaticToken")
    AuthenticatorApp = apps.get_model("accounts", "AuthenticatorApp")
    RecoveryCodes = apps.get_model("accounts", "RecoveryCodes")
    RecoveryCode = apps.get_model("accounts", "RecoveryCode")

    apps_rows = [copy(device, DEVICE_FIELDS + TOTP_FIELDS) for device in TOTPDevice.objects.order_by("pk")]
    keys = dict(TOTPDevice.objects.values_list("pk", "key"))
    for row in apps_rows:
        AuthenticatorApp.objects.create(**row, encrypted_key=otp_secrets.encrypt(keys[row["id"]]))
    keep_the_timestamps(AuthenticatorApp, apps_rows)

    iterations = settings.OTP_RECOVERY_CODE_ITERATIONS
    sets = [copy(device, DEVICE_FIELDS) for device in StaticDevice.objects.order_by("pk")]
    for row in sets:
        salt = otp_secrets.new_salt()
        RecoveryCodes.objects.create(**row, salt=salt, iterations=iterations)
        for token in StaticToken.objects.filter(device_id=row["id"]).order_by("pk"):
            # Typed codes are compared in small letters (second_factor.normalise_code).
            hashed = otp_secrets.hash_recovery_code(token.token.lower(), salt, iterations)
            RecoveryCode.objects.create(id=token.pk, device_id=row["id"], hashed_code=hashed)
    keep_the_timestamps(RecoveryCodes, sets)

    reset_sequences(schema_editor, [AuthenticatorApp, RecoveryCodes, RecoveryCode])
    StaticToken.objects.all().delete()
    StaticDevice.objects.all().delete()
    TOTPDevice.objects.all().delete()


def decrypt(apps, schema_editor):
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    AuthenticatorApp = apps.get_model("accounts", "AuthenticatorApp")
    rows = [copy(device, DEVICE_FIELDS + TOTP_FIELDS) for device in AuthenticatorApp.objects.order_by("pk")]
    keys = dict(AuthenticatorApp.objects.values_list("pk", "encrypted_key"))
    for row in rows:
        TOTPDevice.objects.create(**row, key=otp_secrets.decrypt(keys[row["id"]]))
    keep_the_timestamps(TOTPDevice, rows)
    reset_sequences(schema_editor, [TOTPDevice])
    AuthenticatorApp.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_second_factor_secrets"),
        ("otp_totp", "0003_add_timestamps"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(encrypt_and_hash, decrypt)]
