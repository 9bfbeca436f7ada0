"""`manage.py take_screenshots`: what it says before building anything (the run itself: tests/browser/)."""

import pytest
from django.core.management import CommandError, call_command

from mindsite.demo.management.commands.take_screenshots import PUBLIC_SHOTS, file_name


def test_without_chromium_it_says_how_to_install_it_and_builds_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "no-chromium-here"))
    with pytest.raises(CommandError, match="apt-get install chromium"):
        call_command("take_screenshots", out=str(tmp_path / "shots"))
    assert not (tmp_path / "shots").exists()


def test_an_unknown_shot_is_named_with_the_ones_there_are(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM_PATH", "/bin/true")
    with pytest.raises(CommandError, match="No shot called guide-prat. The shots: home, "):
        call_command("take_screenshots", only=["guide-prat"], out=str(tmp_path / "shots"))
    assert not (tmp_path / "shots").exists()


def test_the_files_sort_by_page_then_width():
    names = [file_name(n, name, width) for n, name in enumerate(PUBLIC_SHOTS[:2], 1) for width in (1280, 390, 320)]
    assert sorted(names) == [
        "01-home-0320.png",
        "01-home-0390.png",
        "01-home-1280.png",
        "02-campaign-index-0320.png",
        "02-campaign-index-0390.png",
        "02-campaign-index-1280.png",
    ]


def test_asking_for_the_admin_at_a_phone_width_says_it_is_photographed_at_1280(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM_PATH", "/bin/true")
    with pytest.raises(CommandError, match="The admin is photographed at 1280 px only"):
        call_command("take_screenshots", only=["admin-dashboard"], width=[320], out=str(tmp_path / "shots"))
