"""Faults with real databases, no mocks.

- The database unreachable (PostgreSQL port with nothing listening; a SQLite path that is no
  database): `health` and pushes answer 503 with Retry-After, in a fresh process.
- The database connection killed in the middle of an ingest transaction (PostgreSQL): 503 with
  Retry-After, nothing of that case stored; the same push afterwards is stored whole.
- A batch in which one item makes the database fail (a trigger that raises for one marker value,
  on SQLite and PostgreSQL alike): that item reports an error, the others are stored whole.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from wagtail.models import Revision, WorkflowState

from cases_public.models import CompletionReport
from internal_api.models import IngestRecord
from tests.conftest import make_case

ROOT = Path(__file__).resolve().parent.parent

CLIENT_SCRIPT = """
import json, os, sys, django
django.setup()
from django.test import Client
client = Client()
token = os.environ.get("FAULT_TOKEN", "hjxf_not-a-real-token")
out = {}
r = client.get("/internal/api/v1/health")
out["health"] = [r.status_code, r.get("Retry-After"), r.content.decode()]
body = sys.stdin.read()
r = client.post("/internal/api/v1/cases", data=body, content_type="application/json",
                HTTP_AUTHORIZATION="Bearer " + token)
out["push"] = [r.status_code, r.get("Retry-After"), r.get("Content-Type"), r.content.decode()]
print(json.dumps(out, ensure_ascii=False))
"""


def run_portal_process(database_url: str, tmp_path, body: dict, token: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PORTAL_TESTING"}
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY="fault-test-" + "k" * 50,
        ALLOWED_HOSTS="testserver",
        VAR_DIR=str(tmp_path),
        PORTAL_TESTING="false",
        LOG_LEVEL="CRITICAL",
    )
    if token:
        env["FAULT_TOKEN"] = token
    result = subprocess.run(
        [sys.executable, "-c", CLIENT_SCRIPT],
        cwd=ROOT,
        env=env,
        input=json.dumps(body, ensure_ascii=False),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when this returns: nothing listens there


def not_a_database(tmp_path) -> str:
    path = tmp_path / "portal.sqlite3"
    path.write_bytes(b"this is not a SQLite database\n" * 200)
    return f"sqlite:///{path}"


@pytest.mark.parametrize(
    "make_url",
    [
        pytest.param(lambda tmp: f"postgres://postgres@127.0.0.1:{closed_port()}/hjxf", id="postgres-down"),
        pytest.param(not_a_database, id="sqlite-not-a-database"),
        pytest.param(lambda tmp: f"sqlite:///{tmp}/missing-dir/portal.sqlite3", id="sqlite-unopenable"),
    ],
)
def test_database_unreachable_gives_503_with_retry_after(tmp_path, make_url):
    secret_phone = "13905621234"
    out = run_portal_process(make_url(tmp_path), tmp_path / "var", make_case())
    status, retry_after, body = out["health"]
    assert (status, json.loads(body)) == (503, {"status": "unavailable"})
    assert int(retry_after) > 0
    status, retry_after, content_type, body = out["push"]
    assert status == 503
    assert int(retry_after) > 0
    assert content_type == "application/problem+json"
    assert secret_phone not in body and "王建国" not in body


def _counts() -> dict[str, int]:
    return {
        "reports": CompletionReport.objects.count(),
        "records": IngestRecord.objects.count(),
        "revisions": Revision.objects.filter(base_content_type__model="completionreport").count(),
        "workflows": WorkflowState.objects.count(),
    }


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL backends only"
)
@pytest.mark.django_db(transaction=True)
def test_connection_killed_mid_transaction_leaves_nothing_half_stored(tmp_path, make_client):
    """A trigger holds the ingest transaction open after the report row is written; we kill that
    backend from outside, as a database failover or an admin's pg_terminate_backend would."""
    _, token = make_client()
    before = _counts()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE OR REPLACE FUNCTION hjxf_test_stall() RETURNS trigger AS $$
            BEGIN
              IF NEW.subject_name = 'STALL-MARKER' THEN PERFORM pg_sleep(30); END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql;
            CREATE TRIGGER hjxf_test_stall AFTER INSERT ON cases_public_completionreport
              FOR EACH ROW EXECUTE FUNCTION hjxf_test_stall();
            """
        )
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    body = make_case(external_id="STALL-1", subject={"name": "STALL-MARKER"})

    def killer():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND wait_event = 'PgSleep'"
                )
                if cursor.fetchall():
                    return
            time.sleep(0.2)

    thread = threading.Thread(target=killer)
    thread.start()
    try:
        out = run_portal_process(url, tmp_path, body, token=token)
    finally:
        thread.join()
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS hjxf_test_stall ON cases_public_completionreport")
            cursor.execute("DROP FUNCTION IF EXISTS hjxf_test_stall()")
    status, retry_after, content_type, _ = out["push"]
    assert status == 503 and int(retry_after) > 0
    assert _counts() == before  # the report row, its record, revision and workflow: all gone
    # The sender retries, as Retry-After tells it to: stored whole, once.
    again = run_portal_process(url, tmp_path, body, token=token)
    assert again["push"][0] == 202
    after = _counts()
    assert after["reports"] == before["reports"] + 1 and after["records"] == before["records"] + 1
    assert after["revisions"] == before["revisions"] + 1


FAIL_MARKER = "TRIGGER-FAIL-MARKER"


def install_failing_trigger():
    """A real database error for one item: the INSERT of a report about FAIL_MARKER aborts."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"""
                CREATE OR REPLACE FUNCTION hjxf_test_fail() RETURNS trigger AS $$
                BEGIN
                  IF NEW.subject_name = '{FAIL_MARKER}' THEN
                    RAISE EXCEPTION 'refused by test trigger';
                  END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql;
                CREATE TRIGGER hjxf_test_fail BEFORE INSERT ON cases_public_completionreport
                  FOR EACH ROW EXECUTE FUNCTION hjxf_test_fail();
                """
            )
        else:
            cursor.execute(
                f"""
                CREATE TRIGGER hjxf_test_fail BEFORE INSERT ON cases_public_completionreport
                WHEN NEW.subject_name = '{FAIL_MARKER}'
                BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END
                """
            )


@pytest.mark.django_db
@pytest.mark.parametrize("review", [True, False], ids=["review", "no-review"])
def test_batch_item_that_makes_the_database_fail_leaves_the_others_whole(api, client, review, all_logs):
    install_failing_trigger()
    ids = [f"B-{n}" for n in range(5)]
    cases = [make_case(external_id=i) for i in ids]
    cases[2] = make_case(external_id=ids[2], subject={"name": FAIL_MARKER})
    with override_settings(CASES_REVIEW_REQUIRED=review):
        response = api.post("cases/batch", {"cases": cases})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["external_id"] for r in results] == ids
    assert results[2]["error"]["status"] == 503  # a database failure of one item: retry later
    assert "refused by test trigger" not in response.content.decode()
    good = [r for n, r in enumerate(results) if n != 2]
    assert all(r["status"] == ("queued" if review else "published") for r in good)

    assert not IngestRecord.objects.filter(external_id=ids[2]).exists()
    assert not CompletionReport.objects.filter(subject_name=FAIL_MARKER).exists()
    for result in good:
        report = CompletionReport.objects.get(reference=result["reference"])
        assert IngestRecord.objects.get(external_id=result["external_id"]).report_id == report.pk
        assert report.revisions.count() == 1
        assert "王建国" not in report.summary
        if review:
            assert report.current_workflow_state is not None
        else:
            assert report.live and client.get(result["public_url"]).status_code == 200
    assert _counts()["reports"] == 4
    # The sender can retry the failed item once the cause is gone.
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER hjxf_test_fail ON cases_public_completionreport"
            if connection.vendor == "postgresql"
            else "DROP TRIGGER hjxf_test_fail"
        )
    retry = api.post("cases/batch", {"cases": [cases[2]]}).json()["results"][0]
    assert retry["external_id"] == ids[2] and "error" not in retry
    assert "refused by test trigger" not in "\n".join(all_logs)
