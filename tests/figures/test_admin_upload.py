"""A data editor imports a month's file in the admin: a preview of what will change, then confirm."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.figures.models import Figure, FigureImport, Month, Provider
from tests.figures.data_helpers import REFUSAL, ST_BRIDES, csv_bytes, csv_text, line, snapshot, waits_file, zipped

pytestmark = pytest.mark.django_db

URL = "/admin/restraint-figures/import/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def data_editor(client, django_user_model):
    user = django_user_model.objects.create_user("dee", "dee@mind.example", "x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="import_restraint_data"),
    )
    client.force_login(user)
    return user


def upload(client, *lines, name="March 2025.csv", source_url=""):
    content = csv_bytes(*lines).getvalue()
    return client.post(URL, {"file": SimpleUploadedFile(name, content, "text/csv"), "source_url": source_url})


def confirm(client, response):
    form = response.context["confirm_form"]
    data = {name: form.initial[name] for name in ("sha256", "file_name", "source_url")}
    return client.post(URL, {**data, "confirm": "1"}, follow=True)


def test_the_preview_says_what_will_change_and_changes_nothing(client, data_editor):
    confirm(client, upload(client, line(5, month="2025-02"), name="February 2025.csv"))
    before = snapshot()

    response = upload(client, line(210), line(25, month="2025-02", status="Final"), line(5, month="2025-01"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "What importing March 2025.csv would change" in html
    assert "Months added" in html
    assert "January 2025 (Performance)" in html
    assert "March 2025 (Performance)" in html
    assert "February 2025 (Final)" in html and "Months replaced" in html
    assert "Yes, import these figures" in html
    assert snapshot() == before


def test_confirming_imports_the_file_as_previewed_and_records_who(client, data_editor):
    response = upload(client, line(210), line("*", metric="MHS77"), source_url="https://digital.nhs.uk/march")

    done = confirm(client, response)

    assert done.status_code == 200
    assert "Imported March 2025.csv: 2 rows read, 2 kept, 0 skipped." in done.content.decode()
    record = FigureImport.objects.get()
    assert (record.user, record.run_by, record.source_url) == (data_editor, "dee", "https://digital.nhs.uk/march")
    assert Figure.objects.count() == 2
    assert Month.objects.get().figure_import == record


def test_a_file_of_the_wrong_shape_is_refused_at_the_field(client, data_editor):
    response = upload(client, line(210), line("lots", metric="MHS77"))

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors == ["Line 3, column METRIC_VALUE: 'lots' is not a number or * (a suppressed figure)."]
    assert "Line 3, column METRIC_VALUE" in response.content.decode()
    assert "confirm_form" not in response.context
    assert not Figure.objects.exists()


def test_the_same_file_again_is_refused_at_the_field(client, data_editor):
    confirm(client, upload(client, line(210)))

    response = upload(client, line(210), name="again.csv")

    assert "This file was imported before (March 2025.csv" in response.context["form"].errors["file"][0]
    assert FigureImport.objects.count() == 1


def test_without_the_permission_an_editor_cannot_import_or_see_the_menu_item(client, django_user_model):
    user = django_user_model.objects.create_user("eddie", "eddie@mind.example", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    # Wagtail answers a refused admin page by going back to the dashboard, saying so.
    refused = client.get(URL)
    assert (refused.status_code, refused.url) == (302, "/admin/")
    assert upload(client, line(210)).status_code == 302
    assert "Import restraint figures" not in client.get("/admin/").content.decode()
    assert not Figure.objects.exists()


def test_with_the_permission_the_menu_leads_to_the_upload(client, data_editor):
    assert "Import restraint figures" in client.get("/admin/").content.decode()
    page = client.get(URL).content.decode()
    assert "Preview what will change" in page


def test_a_superuser_can_give_a_group_the_permission(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ada", "ada@mind.example", "x"))
    group = Group.objects.create(name="Data editors")

    page = client.get(f"/admin/groups/edit/{group.pk}/").content.decode()

    assert "Can import restraint data" in page


def test_the_zip_as_downloaded_is_previewed_and_imported_unopened(client, data_editor):
    content = csv_text(line(210, org=ST_BRIDES), line("*", metric="MHS77", org=ST_BRIDES)).encode("cp1252")
    upload_zip = zipped(("MHSDS Data_Rstr_Mar2025_Prf.csv", content), ("Readme.pdf", b"%PDF-1.4"))
    chosen = SimpleUploadedFile("MHSDS Data_Rstr_Apr2026_Prf.zip", upload_zip, "application/zip")

    response = client.post(URL, {"file": chosen, "source_url": ""})

    html = response.content.decode()
    assert "What importing MHSDS Data_Rstr_Apr2026_Prf.zip would change" in html
    assert "MHSDS Data_Rstr_Mar2025_Prf.csv (in the zip) was read as Windows-1252 text." in html
    assert "Left unread, as not CSV: Readme.pdf." in html
    assert not Figure.objects.exists()

    done = confirm(client, response)

    assert "Imported MHSDS Data_Rstr_Apr2026_Prf.zip: 2 rows read, 2 kept, 0 skipped." in done.content.decode()
    assert Provider.objects.get().name == "ST BRIDE’S HÔPITAL NHS TRUST"
    assert FigureImport.objects.get().csv_files == [
        {"member": "MHSDS Data_Rstr_Mar2025_Prf.csv", "encoding": "Windows-1252"}
    ]
    listing = client.get(URL).content.decode()
    assert "MHSDS Data_Rstr_Mar2025_Prf.csv: Windows-1252" in listing


def test_another_mhsds_publication_is_refused_at_the_field_in_one_sentence(client, data_editor):
    chosen = SimpleUploadedFile("waits.zip", zipped(("waits.csv", waits_file().encode())), "application/zip")

    response = client.post(URL, {"file": chosen, "source_url": ""})

    assert response.context["form"].errors["file"] == [f"In waits.csv: {REFUSAL}"]
    assert "confirm_form" not in response.context
    assert not FigureImport.objects.exists()


def test_the_file_field_offers_zips_and_csvs(client, data_editor):
    page = client.get(URL).content.decode()

    assert 'accept=".zip,.csv,application/zip,text/csv"' in page
