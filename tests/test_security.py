"""Production hardening: deploy checks, security headers, admin login throttle, API rate limit."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import override_settings

from tests.conftest import make_case

ROOT = Path(__file__).resolve().parent.parent
LOGIN = "/admin/login/"


def production_env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PORTAL_TESTING", "DEBUG"}}
    env.update(
        DEBUG="false",
        HTTPS="true",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="xf.example.gov.cn",
        VAR_DIR=str(tmp_path),
        PORTAL_TESTING="false",
    )
    env.update(extra)
    return env


def test_check_deploy_is_clean_in_production(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
r = Client(HTTP_HOST="xf.example.gov.cn").get("/robots.txt", secure=True)
plain = Client(HTTP_HOST="xf.example.gov.cn").get("/robots.txt")
print(json.dumps({
    "status": r.status_code,
    "headers": dict(r.headers),
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "rate": settings.API_RATE_LIMIT,
    "axes": settings.AXES_ENABLED,
}))
"""


def test_https_deployment_sends_hsts_and_redirects_plain_http(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["status"] == 200
    assert probe["headers"]["Strict-Transport-Security"].startswith("max-age=31536000")
    assert probe["headers"]["X-Content-Type-Options"] == "nosniff"
    assert probe["headers"]["Referrer-Policy"] == "same-origin"
    assert "'unsafe-inline'" not in probe["headers"]["Content-Security-Policy"]
    assert probe["plain_status"] == 301 and probe["plain_location"].startswith("https://")
    assert probe["session_secure"] and probe["csrf_secure"]
    assert probe["rate"] == "1200/m"  # the production default
    assert probe["axes"] is True  # the login throttle is on outside the test suite


def test_without_https_there_is_no_hsts(client):
    response = client.get("/robots.txt")
    assert "Strict-Transport-Security" not in response.headers


def csp(response) -> dict[str, list[str]]:
    policy = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


@pytest.mark.django_db
def test_public_pages_get_a_strict_policy(client, api):
    with override_settings(CASES_REVIEW_REQUIRED=False):
        body = api.post("cases", make_case()).json()
    for path in ("/", body["public_url"], "/open-data/cases.json", "/no-such-page/"):
        response = client.get(path)
        policy = csp(response)
        assert policy["default-src"] == ["'self'"], path
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"], path
        assert policy["frame-ancestors"] == ["'self'"], path
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_admin_gets_its_own_relaxed_policy_but_no_other_origin(client):
    policy = csp(client.get(LOGIN))
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert all(
        source.startswith("'") or source in ("data:", "blob:") for v in policy.values() for source in v
    )


@pytest.mark.django_db
def test_api_docs_are_served_locally_without_a_cdn(client):
    page = client.get("/internal/api/v1/docs").content.decode()
    assert "cdn" not in page.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in page


# --- admin login throttle (django-axes) ----------------------------------------------------------


@pytest.fixture
def editor(db):
    return User.objects.create_user("editor", password="correct-horse-battery", is_superuser=True)


def allow_failures(n: int):
    """What ADMIN_LOGIN_FAILURE_LIMIT=n sets (axes counts the refused attempt too)."""
    return override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=n + 1)


@allow_failures(5)
def test_the_sixth_failed_login_is_refused_even_with_the_right_password(client, editor):
    for _ in range(5):
        response = client.post(LOGIN, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    refused = client.post(LOGIN, {"username": "editor", "password": "wrong"})
    assert refused.status_code == 429
    assert "登录尝试过多" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert "editor" not in refused.content.decode()
    right = client.post(LOGIN, {"username": "editor", "password": "correct-horse-battery"})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


@allow_failures(3)
def test_lockout_is_per_username_and_address(client, editor):
    User.objects.create_user("other", password="another-long-password")
    for _ in range(3):
        client.post(LOGIN, {"username": "editor", "password": "wrong"})
    assert client.post(LOGIN, {"username": "editor", "password": "wrong"}).status_code == 429
    # Someone else on the same network can still log in ...
    ok = client.post(LOGIN, {"username": "other", "password": "another-long-password"})
    assert ok.status_code == 302
    # ... and the locked username from another address too.
    client.logout()
    elsewhere = client.post(
        LOGIN, {"username": "editor", "password": "correct-horse-battery"}, REMOTE_ADDR="10.1.2.3"
    )
    assert elsewhere.status_code == 302


@allow_failures(3)
def test_a_successful_login_resets_the_count(client, editor):
    for _ in range(2):
        client.post(LOGIN, {"username": "editor", "password": "wrong"})
    assert client.post(LOGIN, {"username": "editor", "password": "correct-horse-battery"}).status_code == 302
    client.logout()
    for _ in range(2):
        assert client.post(LOGIN, {"username": "editor", "password": "wrong"}).status_code == 200


# --- API rate limit ---------------------------------------------------------------------------


@pytest.fixture
def fresh_cache(monkeypatch, settings, tmp_path):
    cache.clear()
    settings.API_RATE_LIMIT_DIR = tmp_path / "ratelimit"
    # Counting is per fixed window: hold the clock 10 s into one, so no test straddles two.
    from internal_api.throttling import ClientRateThrottle

    monkeypatch.setattr(ClientRateThrottle, "timer", staticmethod(lambda: 60 * 1_000_000 + 10.0))
    yield
    cache.clear()


@pytest.mark.django_db
def test_api_rate_limit_is_per_client_and_answers_problem_json(api, make_client, client, fresh_cache):
    with override_settings(API_RATE_LIMIT="3/m"):
        for _ in range(3):
            assert api.get("cases/NOPE").status_code == 404
        refused = api.get("cases/NOPE")
        assert refused.status_code == 429
        assert refused["Content-Type"] == "application/problem+json"
        assert refused.json()["status"] == 429
        assert int(refused["Retry-After"]) == 50  # the rest of the minute
        pushed = api.post("cases", make_case())
        assert pushed.status_code == 429  # nothing is stored past the limit
        from cases_public.models import CompletionReport

        assert not CompletionReport.objects.exists()
        # Another sending system has its own allowance.
        _, other_token = make_client(name="12345-platform")
        assert api.get("cases/NOPE", token=other_token).status_code == 404
    with override_settings(API_RATE_LIMIT="off"):
        assert api.get("cases/NOPE").status_code == 404


@pytest.mark.django_db
def test_api_rate_limit_counts_anonymous_calls_per_address(client, fresh_cache):
    with override_settings(API_RATE_LIMIT="2/m"):
        statuses = [client.get("/internal/api/v1/health").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def _hit_many(directory, key, window, limit, times, start, results):
    from internal_api.throttling import WindowCounter

    counter = WindowCounter(directory)
    start.wait()
    results.put(sum(counter.hit(key, window, limit) for _ in range(times)))


def test_api_rate_counts_are_shared_exactly_between_processes(tmp_path):
    """Web processes count into one file under a lock: together they admit exactly the limit."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    results, start = context.Queue(), context.Event()
    workers = [
        context.Process(target=_hit_many, args=(tmp_path, "client-1", 7, 3000, 2000, start, results))
        for _ in range(3)
    ]
    for worker in workers:
        worker.start()
    start.set()
    admitted = sum(results.get(timeout=60) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    assert admitted == 3000, admitted

    from internal_api.throttling import WindowCounter

    counter = WindowCounter(tmp_path)
    assert not counter.hit("client-1", 7, 3000)  # the window is full
    assert counter.hit("client-1", 8, 3000)  # the next window starts from zero
    assert counter.hit("client-2", 7, 3000)  # another client has its own count
