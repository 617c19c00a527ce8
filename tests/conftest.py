"""Shared fixtures: the site, log capture for privacy assertions."""

from __future__ import annotations

import logging

import pytest


@pytest.fixture
def all_logs():
    """Capture every log record of every logger at DEBUG, rendered by the project's own formatter
    (as a production handler would print it), so a test can assert what never reaches a log."""
    from config.logging import PrivacyFilter, SafeFormatter

    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Collect(level=logging.DEBUG)
    handler.setFormatter(SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PrivacyFilter())
    root = logging.getLogger()
    loggers = [root] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    saved = [(lg, lg.level, lg.propagate, lg.disabled) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
        lg.disabled = False
        if lg is not root:
            lg.propagate = True
    root.addHandler(handler)
    try:
        yield records
    finally:
        root.removeHandler(handler)
        for lg, level, propagate, disabled in saved:
            lg.setLevel(level)
            lg.propagate = propagate
            lg.disabled = disabled


# --- the intake side ----------------------------------------------------------------------

import importlib.util  # noqa: E402
import json  # noqa: E402
from pathlib import Path  # noqa: E402

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SAMPLES = SHARED / "samples"


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def sample_cases() -> list[dict]:
    return load_jsonl(SAMPLES / "cases.jsonl")


@pytest.fixture(scope="session")
def sample_truth() -> dict[str, dict]:
    return {row["external_id"]: row for row in load_jsonl(SAMPLES / "truth.jsonl")}


@pytest.fixture(scope="session")
def leakcheck():
    """The shared scorer, so tests judge leaks exactly as the acceptance checks do."""
    spec = importlib.util.spec_from_file_location("leakcheck", SHARED / "tools" / "leakcheck.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def make_client(db):
    """Create an API client; returns (client, token)."""
    from internal_api.models import ApiClient

    def make(name="12369-platform", scopes=("push", "read", "retract")):
        client = ApiClient.objects.create(name=name, scopes=list(scopes))
        return client, client.issue_token()

    return make


@pytest.fixture
def api(client, make_client):
    """Django's test client bound to one sending system's token (the real HTTP path)."""

    class Api:
        def __init__(self, token):
            self.token = token

        def _headers(self, token):
            token = self.token if token is ... else token
            return {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

        def post(self, path, body, token=..., raw=None):
            data = raw if raw is not None else json.dumps(body, ensure_ascii=False)
            return client.post(
                "/internal/api/v1/" + path, data=data, content_type="application/json", **self._headers(token)
            )

        def get(self, path, token=...):
            return client.get("/internal/api/v1/" + path, **self._headers(token))

    _, token = make_client()
    return Api(token)


def make_case(**overrides) -> dict:
    case = {
        "external_id": "TL-2026-000001",
        "channel": "hotline_12369",
        "received_at": "2026-10-08T09:30:00+08:00",
        "accepted_at": "2026-10-09T10:00:00+08:00",
        "closed_at": "2026-11-02T16:00:00+08:00",
        "region_code": "340705",
        "region_name": "铜陵市铜官区",
        "categories": ["air", "noise"],
        "priority": "general",
        "subject": {"name": "铜陵市鑫达建材有限公司", "credit_code": "91340700MA2N0XXX1A"},
        "petitioners": [
            {
                "name": "王建国",
                "phone": "13905621234",
                "id_number": "340702198001011234",
                "address": "幸福小区3栋2单元501室",
            }
        ],
        "summary": "王建国来电反映：铜陵市鑫达建材有限公司夜间生产噪声扰民，粉尘大。联系电话13905621234，住幸福小区3栋2单元501室。",
        "investigation": "2026年10月12日现场检查，厂界噪声夜间62分贝，超过《工业企业厂界环境噪声排放标准》（GB 12348-2008）2类标准。",
        "finding": "substantiated",
        "handling": "责令该公司停止夜间生产，罚款20000元。",
        "penalty": {"case_filed": True, "fine_yuan": 20000, "orders": "责令改正"},
        "accountability": "",
        "reply": "已电话回复王先生，号码13905621234。",
        "satisfaction": "satisfied",
    }
    case.update(overrides)
    return case


@pytest.fixture(autouse=True)
def _forget_cached_review_workflow():
    """cases_public.bulk keeps the review workflow for a few seconds; a test's rollback changes
    the database without the signals that would tell it."""
    from cases_public.bulk import forget_review_workflow

    forget_review_workflow()
    yield
    forget_review_workflow()
