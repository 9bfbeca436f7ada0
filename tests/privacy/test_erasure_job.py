"""The daily job runs every app's eraser, and one that fails neither stops the others nor passes in silence."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mindsite.privacy import erasure


@pytest.fixture
def erasers(monkeypatch):
    registered = {}
    monkeypatch.setattr(erasure, "_erasers", registered)
    return registered


def test_every_registered_eraser_runs_with_the_same_now(erasers):
    seen = []
    erasure.register("first", lambda now: seen.append(now) or "erased 1 thing")
    erasure.register("second", lambda now: seen.append(now) or "erased 2 things")
    done = erasure.erase_old_personal_data()
    assert done == [("first", "erased 1 thing"), ("second", "erased 2 things")]
    assert len(seen) == 2 and seen[0] == seen[1]


def test_one_failing_eraser_does_not_stop_the_others_and_the_command_fails(erasers, capsys):
    ran = []

    def broken(now):
        raise RuntimeError("database gone")

    erasure.register("broken", broken)
    erasure.register("after", lambda now: ran.append(now) or "fine")
    with pytest.raises(CommandError, match="broken"):
        call_command("erase_old_personal_data")
    assert len(ran) == 1


@pytest.mark.django_db
def test_the_apps_register_their_erasers():
    # Each app that keeps personal data registers from its AppConfig.ready(); the real registry holds them.
    assert "Printed-copy orders, mail and page feedback" in erasure._erasers
