"""The portal installs, serves its home page and admin in Chinese, and refuses unsafe settings."""

import logging
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.utils import OperationalError

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


def test_home_page_is_chinese_and_shows_the_hotline(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-CN">' in html
    assert "12369" in html
    assert "信访人" in html  # the privacy promise in the footer
    assert "<nav" in html and 'aria-label="主导航"' in html
    assert "http://" not in html.replace("http://testserver", "")  # no external resource
    assert "https://" not in html


def test_bureau_settings_change_the_header(client):
    from wagtail.models import Site

    from portal.models import BureauSettings

    bureau = BureauSettings.for_site(Site.objects.get(is_default_site=True))
    bureau.bureau_name = "铜陵市生态环境局"
    bureau.hotline = "0562-12369"
    bureau.save()
    html = client.get("/").content.decode()
    assert "铜陵市生态环境局" in html
    assert "0562-12369" in html


def test_admin_login_is_chinese_and_branded(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "登录" in html
    assert "信访公开平台" in html
    assert "Sign in" not in html


def test_not_found_page_is_chinese(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_health_is_ok_when_the_database_answers(client):
    response = client.get("/internal/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_is_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/internal/api/v1/health")
    assert response.status_code == 503


def test_openapi_document_is_served(client):
    response = client.get("/internal/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_robots_txt_closes_admin_and_api(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Disallow: /internal/" in body


def test_migrations_are_complete():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def _run_settings(env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "PORTAL_TESTING")}
    env.update(env_overrides)
    code = "import django; django.setup(); print('started')"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_refuse_a_missing_secret_key():
    result = _run_settings({"DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "started" not in result.stdout


def test_production_settings_start_with_a_secret_key():
    result = _run_settings(
        {"DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "false", "SECRET_KEY": "x" * 60}
    )
    assert result.returncode == 0, result.stderr[-500:]


def test_logged_exception_never_prints_its_message(all_logs):
    secret = "13912345678"
    try:
        raise ValueError(f"input_value='{secret}'")
    except ValueError:
        logging.getLogger("internal_api").exception("failed")
    joined = "\n".join(all_logs)
    assert "ValueError" in joined
    assert secret not in joined


def test_api_docs_load_nothing_from_outside(client):
    html = client.get("/internal/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "https://" not in html and "http://" not in html
