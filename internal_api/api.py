"""The internal API: one NinjaAPI, one router per resource (see STYLE.md, Wagtail api v3)."""

from ninja import NinjaAPI

from internal_api.errors import register_exception_handlers
from internal_api.parser import GuardedJSONParser
from internal_api.routers.cases import router as cases_router
from internal_api.routers.health import router as health_router
from internal_api.throttling import ClientRateThrottle

api = NinjaAPI(
    title="生态环境信访公开平台 内部接口",
    version="1.0.0",
    description="内部系统推送已办结信访件；平台在存储前去除信访人身份信息。契约见 contract/ingest-api.md。",
    urls_namespace="internal_api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=GuardedJSONParser(),
    throttle=ClientRateThrottle(),
)
register_exception_handlers(api)
api.add_router("/health", health_router)
api.add_router("/cases", cases_router)
