"""The baseline of benchmarks/ingest.py: a bare ninja endpoint that does one insert."""

import json

from django.db import connection
from django.urls import path
from ninja import Body, NinjaAPI

from config.urls import urlpatterns as portal_urlpatterns

baseline = NinjaAPI(urls_namespace="baseline", docs_url=None, openapi_url=None)


@baseline.post("/insert")
def insert(request, payload: Body[dict]):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_baseline (body) VALUES (%s)", [json.dumps(payload, ensure_ascii=False)]
        )
    return {"ok": True}


urlpatterns = [path("bench/", baseline.urls), *portal_urlpatterns]
