"""The sign-in lockout cannot be dodged by reaching the web process directly with a new X-Forwarded-For each try.

The production server (tests/production_server.py) runs with BEHIND_PROXY=true. The test's own
requests come from 127.0.0.1: when that is not a trusted proxy (TRUSTED_PROXY_CIDRS), the test is a
visitor who bypassed the proxy, and its made-up headers are ignored; when it is, the test plays the
proxy, and each header names a different visitor.
"""

import re

import requests

from tests.production_server import manage, production_server

TRIES = 10


def failed_sign_ins(base_url, tries=TRIES):
    """Status codes of `tries` wrong passwords, each for a new account name and with a new X-Forwarded-For."""
    statuses = []
    for n in range(tries):
        browser = requests.Session()
        browser.headers["X-Forwarded-For"] = f"198.51.100.{n + 1}"
        page = browser.get(base_url + "/admin/login/", timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        answer = browser.post(
            base_url + "/admin/login/",
            {"csrfmiddlewaretoken": token, "username": f"guess{n}", "password": "a wrong guess", "next": "/admin/"},
            allow_redirects=False,
            timeout=30,
        )
        statuses.append(answer.status_code)
    return statuses


def test_a_new_forwarded_for_each_try_from_outside_the_trusted_proxies_is_still_locked_out(production_site):
    try:
        with production_server(production_site, BEHIND_PROXY="true", TRUSTED_PROXY_CIDRS="10.0.0.0/8") as (
            base_url,
            _log,
        ):
            statuses = failed_sign_ins(base_url)
        # ADMIN_LOGIN_FAILURE_LIMIT (5) wrong passwords from 127.0.0.1, whatever the header said.
        assert statuses == [200] * 4 + [429] * 6
    finally:
        manage(production_site, "axes_reset")


def test_from_a_trusted_proxy_the_header_names_the_visitor(production_site):
    try:
        with production_server(production_site, BEHIND_PROXY="true", TRUSTED_PROXY_CIDRS="127.0.0.1/32") as (
            base_url,
            _log,
        ):
            statuses = failed_sign_ins(base_url)
        # Ten visitors behind the proxy, one wrong password each: nobody is locked out.
        assert statuses == [200] * TRIES
    finally:
        manage(production_site, "axes_reset")
