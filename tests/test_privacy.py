"""No petitioner value reaches a log, a response, a public page, an export or any database table.

Every sample is pushed through the real HTTP path with every logger captured at DEBUG, with
DEBUG off and on, and once with a failure forced inside the service. The judge is the shared
leakcheck, so the normalisation (full-width, separators, digits-only) is the acceptance checks'.
"""

import json

import pytest
from django.db import connection
from django.test import override_settings

from cases_public.models import CompletionReport
from internal_api.models import IngestRecord

pytestmark = pytest.mark.django_db


def dump_database() -> list[str]:
    """Every row of every table, as text (Wagtail's revisions and log entries included)."""
    texts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                texts.append(" ".join(str(value) for value in row if value is not None))
    return texts


def leaks_in(leakcheck, truth_rows, texts) -> list[str]:
    hay = leakcheck.Haystack(texts)
    found = []
    for truth in truth_rows:
        for item in truth["must_not_appear"]:
            if leakcheck.item_leaks(item["value"], item["kind"], hay):
                found.append(f"{truth['external_id']} {item['kind']}")
    return found


def push_all(api, cases) -> list:
    responses = [api.post("cases/batch", {"cases": cases[: len(cases) // 2]})]
    responses += [api.post("cases", case) for case in cases[len(cases) // 2 :]]
    return responses


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_samples_leave_no_trace_anywhere(api, client, all_logs, sample_cases, sample_truth, leakcheck, debug):
    with override_settings(DEBUG=debug, CASES_REVIEW_REQUIRED=False):
        responses = push_all(api, sample_cases)
        statuses = [api.get(f"cases/{case['external_id'].replace('/', '%2F')}") for case in sample_cases]
        assert all(s.status_code == 200 for s in statuses)
        published = [s.json()["public_url"] for s in statuses]
        assert all(published), "every sample should be published with review off"
        pages = [client.get(url) for url in published]
        assert all(page.status_code == 200 for page in pages)
        exports = [client.get("/open-data/cases.json"), client.get("/open-data/cases.csv")]

    truth_rows = [sample_truth[case["external_id"]] for case in sample_cases]
    outputs = {
        "responses": [r.content.decode() for r in responses + statuses],
        "pages": [p.content.decode() for p in pages],
        "exports": [b"".join(e.streaming_content).decode("utf-8-sig") for e in exports],
        "logs": all_logs,
        "database": dump_database(),
    }
    found = {where: leaks_in(leakcheck, truth_rows, texts) for where, texts in outputs.items()}
    assert found == {where: [] for where in outputs}
    assert CompletionReport.objects.count() == len(sample_cases)


def test_a_failure_inside_the_service_leaks_nothing_and_stores_nothing(
    api, all_logs, sample_cases, sample_truth, leakcheck, monkeypatch
):
    case = next(c for c in sample_cases if c["petitioners"] and c["petitioners"][0].get("phone"))
    phone = case["petitioners"][0]["phone"]

    def failing_reference(year, count):
        raise RuntimeError(f"cannot issue a reference for {phone} {case['summary']}")

    monkeypatch.setattr("internal_api.ingest.reserve_references", failing_reference)
    for debug in (False, True):
        with override_settings(DEBUG=debug):
            response = api.post("cases", case)
            assert response.status_code == 500
            batch = api.post("cases/batch", {"cases": [case]})
            assert batch.status_code == 200
            assert batch.json()["results"][0]["error"]["status"] == 500
            for body in (response.content.decode(), batch.content.decode()):
                assert leaks_in(leakcheck, [sample_truth[case["external_id"]]], [body]) == []
    assert any("RuntimeError" in line for line in all_logs)
    assert leaks_in(leakcheck, [sample_truth[case["external_id"]]], all_logs) == []
    assert leaks_in(leakcheck, [sample_truth[case["external_id"]]], dump_database()) == []
    assert CompletionReport.objects.count() == 0
    assert IngestRecord.objects.count() == 0


def test_validation_errors_never_echo_petitioner_values(api, all_logs, sample_cases, sample_truth, leakcheck):
    case = dict(sample_cases[0])
    case["channel"] = case["petitioners"][0]["phone"]  # a value where an enum belongs
    case["region_code"] = case["petitioners"][0].get("id_number") or "x"
    response = api.post("cases", case)
    assert response.status_code == 422
    texts = [response.content.decode(), json.dumps(response.json(), ensure_ascii=False)] + all_logs
    assert leaks_in(leakcheck, [sample_truth[case["external_id"]]], texts) == []
