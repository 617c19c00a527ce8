"""Push, read and retract closed cases (contract: ingest-api.md)."""

from __future__ import annotations

import logging
import re
import threading

from django.db import DatabaseError, transaction
from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import HttpError
from pydantic import ValidationError as PydanticValidationError

from internal_api.auth import ClientTokenAuth, require_scope
from internal_api.errors import field_errors
from internal_api.ingest import (
    PreparedCase,
    case_status,
    ingest_case,
    prepare_case,
    retract_case,
    store_cases,
)
from internal_api.models import IngestRecord
from internal_api.schemas import EXTERNAL_ID_PATTERN, BatchIn, BatchOut, CaseIn, CaseStatus, RetractIn

router = Router(tags=["cases"], auth=ClientTokenAuth())

logger = logging.getLogger("internal_api")
_EXTERNAL_ID = re.compile(EXTERNAL_ID_PATTERN)
# Pushes are CPU-bound, and SQLite admits one writer at a time: threads of one gunicorn worker
# pushing side by side only take turns on the GIL and the write lock, and spent about a third
# more CPU per case doing so (benchmarks/ingest.py). So a worker stores one push (or batch) at a
# time; its other threads stay free for pages and downloads.
_INGEST_GATE = threading.Lock()


@router.post(
    "",
    response={200: CaseStatus, 202: CaseStatus},
    url_name="cases_push",
    operation_id="push_case",
    summary="推送一件已办结信访件",
    description="新案件返回 202；同一 external_id 再次推送返回 200 并更新原记录（不会重复）。",
)
def push_case(request: HttpRequest, case: CaseIn):
    client = require_scope(request, "push")
    with _INGEST_GATE:
        result = ingest_case(client=client, case=case)
    return Status(202 if result.created else 200, result.status.as_dict())


@router.post(
    "/batch",
    response={200: BatchOut},
    url_name="cases_batch",
    operation_id="push_cases_batch",
    summary="批量推送（1–500 件）",
    description="结果按输入顺序返回；每件单独校验、单独存储，出错的一件不影响其他件。",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["cases"],
                        "properties": {
                            "cases": {
                                "type": "array",
                                "minItems": 1,
                                "maxItems": 500,
                                "items": {"$ref": "#/components/schemas/CaseIn"},
                            }
                        },
                    }
                }
            },
        }
    },
)
def push_batch(request: HttpRequest, payload: BatchIn):
    client = require_scope(request, "push")
    with _INGEST_GATE:
        return {"results": _push_batch(client, payload.cases)}


def _push_batch(client, items: list) -> list[dict]:
    results: list[dict | None] = [None] * len(items)
    prepared: list[tuple[int, PreparedCase]] = []
    for index, item in enumerate(items):
        raw_id = item.get("external_id") if isinstance(item, dict) else None
        external_id = raw_id if isinstance(raw_id, str) and _EXTERNAL_ID.match(raw_id) else None
        try:
            prepared.append((index, prepare_case(CaseIn.model_validate(item))))
        except PydanticValidationError as exc:
            errors = field_errors(exc.errors(include_input=False, include_context=False, include_url=False))
            results[index] = _item_error(external_id, 422, "请求数据校验失败", errors)
    # One transaction for the batch, each item stored whole or not at all (see store_cases): a
    # failing item never blocks the others, and the batch takes the write lock once.
    with transaction.atomic():
        stored = store_cases(client=client, cases=[case for _, case in prepared])
    for (index, case), outcome in zip(prepared, stored, strict=True):
        if isinstance(outcome, Exception):
            # Type and frames only: the message could quote the item (config.logging).
            logger.error("batch item could not be stored", exc_info=outcome)
            status = 503 if isinstance(outcome, DatabaseError) else 500
            results[index] = _item_error(case.external_id, status, "该件存储失败，请稍后重试")
        else:
            results[index] = outcome.status.as_dict()
    return results


def _item_error(external_id: str | None, status: int, title: str, errors: list | None = None) -> dict:
    return {"external_id": external_id, "error": {"status": status, "title": title, "errors": errors or []}}


def _record_for(request: HttpRequest, external_id: str) -> IngestRecord:
    record = (
        IngestRecord.objects.select_related("report")
        .filter(client=request.auth, external_id=external_id)
        .first()
    )
    if record is None:
        raise HttpError(404, "该客户端未推送过此案件")
    return record


@router.post(
    "/{path:external_id}/retract",
    response={200: CaseStatus},
    url_name="cases_retract",
    operation_id="retract_case",
    summary="撤回已推送的案件",
    description="立即从所有公开页面、订阅、开放数据和检索结果中撤下。",
)
def retract(request: HttpRequest, external_id: str, payload: RetractIn):
    client = require_scope(request, "retract")
    record = _record_for(request, external_id)
    return Status(200, retract_case(client=client, record=record, reason=payload.reason).as_dict())


@router.get(
    "/{path:external_id}",
    response={200: CaseStatus},
    url_name="cases_status",
    operation_id="get_case_status",
    summary="查询案件状态",
)
def get_status(request: HttpRequest, external_id: str):
    require_scope(request, "read")
    return Status(200, case_status(_record_for(request, external_id)).as_dict())
