"""The ingest API, end to end through Django's client: every rule of contract/ingest-api.md."""

import json
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from cases_public.models import CompletionReport
from internal_api.models import ApiClient, ApiToken, IngestRecord
from tests.conftest import make_case

pytestmark = pytest.mark.django_db
REFERENCE = re.compile(r"^HJXF-\d{4}-\d{6}$")


def test_new_case_is_accepted_queued_and_not_public(api, client):
    response = api.post("cases", make_case())
    assert response.status_code == 202
    body = response.json()
    assert set(body) == {"external_id", "reference", "status", "public_url", "received"}
    assert body["external_id"] == "TL-2026-000001"
    assert REFERENCE.match(body["reference"])
    assert body["status"] == "queued"
    assert body["public_url"] is None
    assert body["received"].endswith("+08:00")
    assert client.get(f"/cases/{body['reference']}/").status_code == 404


def test_reference_is_never_derived_from_the_external_id(api):
    first = api.post("cases", make_case(external_id="ABC-999999")).json()
    second = api.post("cases", make_case(external_id="ABC-123456")).json()
    assert first["reference"] != second["reference"]
    for body in (first, second):
        assert body["external_id"].split("-")[1] not in body["reference"]


@override_settings(CASES_REVIEW_REQUIRED=False)
def test_without_review_the_case_is_published_at_once(api, client):
    body = api.post("cases", make_case()).json()
    assert body["status"] == "published"
    assert body["public_url"] == f"/cases/{body['reference']}/"
    page = client.get(body["public_url"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "铜陵市鑫达建材有限公司" in html
    assert "GB 12348-2008" in html
    assert "20000元" in html
    for secret in ("王建国", "13905621234", "340702198001011234", "3栋2单元501"):
        assert secret not in html
    assert "王某" in html
    assert "按期办结" in html and "办结用时" in html


def test_replay_answers_200_with_the_same_reference_and_no_duplicate(api):
    first = api.post("cases", make_case())
    again = api.post("cases", make_case())
    assert (first.status_code, again.status_code) == (202, 200)
    assert again.json()["reference"] == first.json()["reference"]
    assert CompletionReport.objects.count() == 1
    assert IngestRecord.objects.get().push_count == 2
    report = CompletionReport.objects.get()
    assert report.revisions.count() == 1  # same content: no new revision

    changed = api.post("cases", make_case(handling="责令该公司停止夜间生产，罚款30000元。"))
    assert changed.status_code == 200
    assert changed.json()["reference"] == first.json()["reference"]
    report.refresh_from_db()
    assert report.revisions.count() == 2
    assert "30000元" in report.handling


@override_settings(CASES_REVIEW_REQUIRED=False)
def test_update_of_a_published_case_is_a_new_revision(api, client):
    body = api.post("cases", make_case()).json()
    api.post("cases", make_case(handling="整改已完成，复查达标。"))
    report = CompletionReport.objects.get(reference=body["reference"])
    assert report.revisions.count() == 2
    assert "复查达标" in client.get(body["public_url"]).content.decode()


def test_get_status_and_external_ids_with_slashes(api):
    api.post("cases", make_case(external_id="SXF/2024/00003"))
    response = api.get("cases/SXF%2F2024%2F00003")
    assert response.status_code == 200
    assert response.json()["external_id"] == "SXF/2024/00003"
    assert api.get("cases/SXF/2024/00003").status_code == 200
    assert api.get("cases/never-pushed").status_code == 404


@pytest.mark.parametrize(
    "token, status",
    [(None, 401), ("wrong-token", 401), ("hjxf_" + "x" * 43, 401)],
)
def test_missing_or_wrong_token_is_401(api, token, status):
    response = api.post("cases", make_case(), token=token)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert CompletionReport.objects.count() == 0


def test_revoked_client_is_401(api, make_client):
    client, token = make_client(name="county-system")
    assert api.post("cases", make_case(), token=token).status_code == 202
    call_command("revoke_api_client", "county-system")
    assert api.post("cases", make_case(external_id="X-2"), token=token).status_code == 401
    assert api.get("cases/TL-2026-000001", token=token).status_code == 401


def test_a_revoked_token_of_an_active_client_is_401(api, make_client):
    client, token = make_client(name="county-system")
    second = client.issue_token()
    ApiToken.objects.filter(client=client).exclude(pk=ApiToken.objects.latest("pk").pk).update(
        revoked_at=timezone.now()
    )
    assert api.get("cases/NOPE", token=token).status_code == 401
    assert api.get("cases/NOPE", token=second).status_code == 404


def test_last_use_of_a_token_is_recorded_at_most_every_few_minutes(api, make_client):
    from internal_api.auth import LAST_USED_RESOLUTION

    client, token = make_client(name="county-system")
    assert ApiToken.objects.get(client=client).last_used_at is None
    api.get("cases/NOPE", token=token)
    first = ApiToken.objects.get(client=client).last_used_at
    assert first is not None and timezone.now() - first < timedelta(seconds=5)
    api.get("cases/NOPE", token=token)
    assert ApiToken.objects.get(client=client).last_used_at == first  # no write on every call
    stale = timezone.now() - LAST_USED_RESOLUTION - timedelta(seconds=1)
    ApiToken.objects.filter(client=client).update(last_used_at=stale)
    api.get("cases/NOPE", token=token)
    assert ApiToken.objects.get(client=client).last_used_at > first


@pytest.mark.parametrize(
    "scopes, method, path, status",
    [
        (["read"], "post", "cases", 403),
        (["read"], "post", "cases/batch", 403),
        (["push"], "get", "cases/TL-2026-000001", 403),
        (["push"], "post", "cases/TL-2026-000001/retract", 403),
        (["push", "read"], "post", "cases/TL-2026-000001/retract", 403),
    ],
)
def test_token_without_scope_is_403(api, make_client, scopes, method, path, status):
    api.post("cases", make_case())
    _, token = make_client(name="limited", scopes=scopes)
    body = (
        {"cases": [make_case()]}
        if path.endswith("batch")
        else {"reason": "重复推送"}
        if path.endswith("retract")
        else make_case()
    )
    response = api.post(path, body, token=token) if method == "post" else api.get(path, token=token)
    assert response.status_code == status


def test_a_client_sees_only_its_own_cases(api, make_client):
    api.post("cases", make_case())
    _, other = make_client(name="other-system")
    assert api.get("cases/TL-2026-000001", token=other).status_code == 404
    assert api.post("cases/TL-2026-000001/retract", {"reason": "x"}, token=other).status_code == 404
    # The same external_id from another client is another case.
    response = api.post("cases", make_case(), token=other)
    assert response.status_code == 202
    assert CompletionReport.objects.count() == 2


BAD_INPUTS = [
    ("malformed json", None, '{"external_id": "A-1", ', "body"),
    ("wrong type", {"categories": "air"}, None, "categories"),
    ("unknown enum", {"channel": "pigeon"}, None, "channel"),
    ("unknown category", {"categories": ["air", "smell"]}, None, "categories.1"),
    ("missing field", {"summary": ...}, None, "summary"),
    ("bad region code", {"region_code": "99010"}, None, "region_code"),
    ("unknown province", {"region_code": "990101"}, None, "region_code"),
    ("closed before received", {"closed_at": "2026-10-01T09:00:00+08:00"}, None, "closed_at"),
    ("over-long text", {"summary": "噪" * 20001}, None, "summary"),
    ("bad external id", {"external_id": "has space 13905621234"}, None, "external_id"),
    ("negative fine", {"penalty": {"case_filed": True, "fine_yuan": -1}}, None, "penalty.fine_yuan"),
    ("nul byte", {"handling": "ok\u0000"}, None, "handling"),
]


@pytest.mark.parametrize("label, change, raw, field", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_422_naming_the_field_and_storing_nothing(api, label, change, raw, field):
    case = make_case()
    for key, value in (change or {}).items():
        if value is ...:
            del case[key]
        else:
            case[key] = value
    response = api.post("cases", case, raw=raw)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert field in [error["field"] for error in body["errors"]]
    text = response.content.decode()
    for secret in ("13905621234", "王建国", "pigeon", "smell", "99010", "has space"):
        assert secret not in text
    assert CompletionReport.objects.count() == 0
    assert IngestRecord.objects.count() == 0


def test_body_over_the_limit_is_413(api):
    with override_settings(API_MAX_BODY_BYTES=1024 * 1024):
        # 25 cases of about 60 KB each: well over 1 MiB, every item valid on its own.
        cases = [
            make_case(external_id=f"L-{i}", summary="噪" * 19000, handling="改" * 1000) for i in range(25)
        ]
        response = api.post("cases/batch", {"cases": cases})
        assert response.status_code == 413
        assert "噪噪噪" not in response.content.decode()
        assert api.post("cases", make_case()).status_code == 202  # within the limit
    assert CompletionReport.objects.count() == 1


def test_batch_results_in_input_order_and_bad_items_do_not_block(api):
    cases = [
        make_case(external_id="B-1"),
        make_case(external_id="B-2", channel="pigeon", summary="13905621234"),
        {"external_id": "B-3"},
        make_case(external_id="B-4", closed_at="2020-01-01T00:00:00+08:00"),
        make_case(external_id="B-5"),
        "not an object",
    ]
    response = api.post("cases/batch", {"cases": cases})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["external_id"] for r in results] == ["B-1", "B-2", "B-3", "B-4", "B-5", None]
    assert [("reference" in r) for r in results] == [True, False, False, False, True, False]
    assert results[1]["error"]["status"] == 422
    assert "channel" in [e["field"] for e in results[1]["error"]["errors"]]
    assert "13905621234" not in response.content.decode()
    assert CompletionReport.objects.count() == 2


@pytest.mark.parametrize("count", [0, 501])
def test_batch_size_is_1_to_500(api, count):
    response = api.post("cases/batch", {"cases": [make_case(external_id=f"B-{i}") for i in range(count)]})
    assert response.status_code == 422
    assert CompletionReport.objects.count() == 0


def test_batch_replay_is_idempotent(api):
    body = {"cases": [make_case(external_id=f"R-{i}") for i in range(3)]}
    first = api.post("cases/batch", body).json()["results"]
    second = api.post("cases/batch", body).json()["results"]
    assert [r["reference"] for r in first] == [r["reference"] for r in second]
    assert CompletionReport.objects.count() == 3


def test_batch_mixing_new_known_and_repeated_ids(api):
    """New ids are stored together; a known id and an id repeated within the batch are updates of
    one record, in input order (the later content wins), never a second case."""
    api.post("cases", make_case(external_id="M-known"))
    body = {
        "cases": [
            make_case(external_id="M-1"),
            make_case(external_id="M-known", handling="已整改完毕。"),
            make_case(external_id="M-2"),
            make_case(external_id="M-1", handling="复查后已关停。"),
        ]
    }
    results = api.post("cases/batch", body).json()["results"]
    assert [r["external_id"] for r in results] == ["M-1", "M-known", "M-2", "M-1"]
    assert results[0]["reference"] == results[3]["reference"]
    assert len({r["reference"] for r in results}) == 3
    assert CompletionReport.objects.count() == 3
    record = IngestRecord.objects.get(external_id="M-1")
    assert record.push_count == 2
    assert CompletionReport.objects.get(pk=record.report_id).handling == "复查后已关停。"
    assert api.get("cases/M-1").json()["status"] == "queued"


@override_settings(CASES_REVIEW_REQUIRED=False)
def test_retract_takes_the_case_off_every_public_surface(api, client):
    body = api.post("cases", make_case()).json()
    assert client.get(body["public_url"]).status_code == 200
    assert body["reference"] in client.get("/open-data/cases.json").getvalue().decode()

    response = api.post("cases/TL-2026-000001/retract", {"reason": "信访人要求撤回，电话13905621234"})
    assert response.status_code == 200
    assert response.json()["status"] == "retracted"
    assert response.json()["public_url"] is None
    assert "13905621234" not in response.content.decode()

    page = client.get(body["public_url"])
    assert page.status_code == 410
    assert "已撤回" in page.content.decode()
    assert "鑫达" not in page.content.decode()
    assert body["reference"] not in client.get("/open-data/cases.json").getvalue().decode()
    assert body["reference"] not in client.get("/open-data/cases.csv").getvalue().decode("utf-8-sig")
    assert api.get("cases/TL-2026-000001").json()["status"] == "retracted"
    report = CompletionReport.objects.get()
    assert "13905621234" not in report.retraction_reason
    # A later push does not bring it back.
    assert api.post("cases", make_case(handling="新内容")).json()["status"] == "retracted"
    assert client.get(body["public_url"]).status_code == 410


def test_retract_needs_a_reason(api):
    api.post("cases", make_case())
    assert api.post("cases/TL-2026-000001/retract", {}).status_code == 422
    assert api.post("cases/TL-2026-000001/retract", {"reason": ""}).status_code == 422


@override_settings(CASES_REVIEW_REQUIRED=False)
def test_open_data_lists_only_published_disclosable_cases(api, client):
    api.post("cases", make_case(external_id="P-1"))
    api.post("cases", make_case(external_id="P-2", disclose=False))
    with override_settings(CASES_REVIEW_REQUIRED=True):
        api.post("cases", make_case(external_id="P-3"))
    published = CompletionReport.objects.published()
    assert published.count() == 1
    data = json.loads(client.get("/open-data/cases.json").getvalue())
    assert [case["reference"] for case in data["cases"]] == [published.get().reference]
    row = data["cases"][0]
    assert row["categories"] == ["air", "noise"]
    assert row["url"].endswith(f"/cases/{row['reference']}/")
    assert "13905621234" not in json.dumps(data, ensure_ascii=False)

    csv_body = client.get("/open-data/cases.csv").getvalue().decode("utf-8")
    assert csv_body.startswith("\ufeff")
    lines = csv_body.lstrip("\ufeff").splitlines()
    assert lines[0].split(",") == list(row.keys())
    assert "air;noise" in lines[1]
    assert len(lines) == 2


def test_create_api_client_prints_the_token_alone_on_the_last_line(capsys):
    call_command("create_api_client", "provincial-platform", "--scopes", "push,read")
    out = capsys.readouterr().out.strip().splitlines()
    token = out[-1]
    assert re.fullmatch(r"hjxf_[A-Za-z0-9_-]{20,}", token)
    client = ApiClient.objects.get(name="provincial-platform")
    assert client.scopes == ["push", "read"]
    stored = ApiToken.objects.get(client=client)
    assert token not in (stored.key_hash, stored.prefix)
    assert len(stored.key_hash) == 64


def test_openapi_names_the_contract_operations(client):
    schema = client.get("/internal/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert "/internal/api/v1/cases" in paths
    assert "/internal/api/v1/cases/batch" in paths
    assert "/internal/api/v1/cases/{external_id}" in paths
    assert "/internal/api/v1/cases/{external_id}/retract" in paths
    case_in = schema["components"]["schemas"]["CaseIn"]
    for field in (
        "external_id",
        "channel",
        "received_at",
        "closed_at",
        "region_code",
        "categories",
        "priority",
        "petitioners",
        "summary",
        "finding",
        "handling",
        "satisfaction",
    ):
        assert field in case_in["required"], field
